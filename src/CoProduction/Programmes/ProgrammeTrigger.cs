namespace CoProduction.Programmes;

/// <summary>The commands a programme's machine decides.</summary>
public enum ProgrammeTrigger
{
    /// <summary>Add a learning site.</summary>
    AddSite = 0,

    /// <summary>Link an umbrella protocol.</summary>
    LinkUmbrellaProtocol = 1,
}
