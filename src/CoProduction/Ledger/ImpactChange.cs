namespace CoProduction.Ledger;

/// <summary>What an impact changed: a policy, a law or a practice (instrumental), or a way of thinking (conceptual).</summary>
public enum ImpactChange
{
    /// <summary>A policy was developed or changed (for example the Western Cape's 2016 health leadership development policy).</summary>
    Policy,

    /// <summary>A law was enacted or changed (for example the Kilifi Health Sector Facility Improvement Fund Act).</summary>
    Law,

    /// <summary>A practice changed (for example managers rotating the chair and holding opening and closing rounds).</summary>
    Practice,

    /// <summary>A way of thinking changed (for example managers seeing the health system as software as well as hardware).</summary>
    WayOfThinking,
}
