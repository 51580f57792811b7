namespace CoProduction.Programmes;

/// <summary>Where a programme stands: a programme is a registry, so once registered it stays so.</summary>
public enum ProgrammeStatus
{
    /// <summary>Registered: every command is possible, and only the rules of the domain refuse one.</summary>
    Registered = 0,
}
