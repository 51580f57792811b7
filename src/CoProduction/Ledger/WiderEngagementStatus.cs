namespace CoProduction.Ledger;

/// <summary>The stages of a wider engagement.</summary>
public enum WiderEngagementStatus
{
    /// <summary>Recorded: effort, costs and insights can be added.</summary>
    Recorded,

    /// <summary>Retracted: kept for the trail, nothing more is added.</summary>
    Retracted,
}
