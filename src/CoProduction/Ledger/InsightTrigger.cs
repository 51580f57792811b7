namespace CoProduction.Ledger;

/// <summary>What can happen to an insight.</summary>
public enum InsightTrigger
{
    /// <summary>Records what the insight seeded: a planned activity, a new question, a protocol or amendment.</summary>
    Seed,

    /// <summary>Retracts the insight.</summary>
    Retract,
}
