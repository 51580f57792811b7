namespace CoProduction.Ledger;

/// <summary>The stages of an insight.</summary>
public enum InsightStatus
{
    /// <summary>Recorded: it can seed further work, and later insights can build on it.</summary>
    Recorded,

    /// <summary>Retracted by its authors: kept for the trail, seeds nothing more.</summary>
    Retracted,
}
