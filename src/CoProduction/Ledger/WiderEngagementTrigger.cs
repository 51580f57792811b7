namespace CoProduction.Ledger;

/// <summary>What can happen to a wider engagement.</summary>
public enum WiderEngagementTrigger
{
    /// <summary>Adds effort: person-hours by site and role.</summary>
    AddEffort,

    /// <summary>Adds a cost, in the currency it was paid in.</summary>
    AddCost,

    /// <summary>Links an insight the engagement carried or drew on.</summary>
    LinkInsight,

    /// <summary>Retracts the engagement.</summary>
    Retract,
}
