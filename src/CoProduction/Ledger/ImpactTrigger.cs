namespace CoProduction.Ledger;

/// <summary>What can happen to an impact.</summary>
public enum ImpactTrigger
{
    /// <summary>Corroborates the claimed impact, once.</summary>
    Corroborate,

    /// <summary>Retracts the impact, claimed or corroborated.</summary>
    Retract,
}
