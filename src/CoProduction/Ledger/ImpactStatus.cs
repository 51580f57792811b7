namespace CoProduction.Ledger;

/// <summary>The stages of an impact.</summary>
public enum ImpactStatus
{
    /// <summary>Claimed by the team, on its own evidence.</summary>
    Claimed,

    /// <summary>Corroborated: further evidence, observed by someone named, supports the claim.</summary>
    Corroborated,

    /// <summary>Retracted: kept for the trail, no longer claimed.</summary>
    Retracted,
}
