namespace CoProduction.Ledger;

/// <summary>What can happen to an output.</summary>
public enum OutputTrigger
{
    /// <summary>Links an insight the output draws on.</summary>
    LinkInsight,

    /// <summary>Retracts the output.</summary>
    Retract,
}
