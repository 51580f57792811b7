namespace CoProduction.Ledger;

/// <summary>The stages of an output.</summary>
public enum OutputStatus
{
    /// <summary>Recorded: insights it draws on can be linked, and impacts can cite it.</summary>
    Recorded,

    /// <summary>Retracted: kept for the trail, nothing more is linked.</summary>
    Retracted,
}
