namespace CoProduction.Ledger;

/// <summary>The two kinds of impact the paper reports (Boxes 3 and 4).</summary>
public enum ImpactKind
{
    /// <summary>Instrumental: a policy, a law or a practice changed.</summary>
    Instrumental,

    /// <summary>Conceptual: a way of thinking changed.</summary>
    Conceptual,
}
