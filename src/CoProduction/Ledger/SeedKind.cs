namespace CoProduction.Ledger;

/// <summary>What an insight seeded.</summary>
public enum SeedKind
{
    /// <summary>A planned activity of a cycle.</summary>
    PlannedActivity,

    /// <summary>A new research question.</summary>
    Question,

    /// <summary>A protocol.</summary>
    Protocol,

    /// <summary>An amendment of a protocol.</summary>
    Amendment,
}
