namespace CoProduction.Ledger;

/// <summary>Where an insight was learnt.</summary>
public enum InsightSourceKind
{
    /// <summary>At a meeting occurrence (a reflection session, a debrief, a review group).</summary>
    Meeting,

    /// <summary>In a cycle's reflection.</summary>
    CycleReflection,

    /// <summary>From an observation in the field.</summary>
    Observation,
}
