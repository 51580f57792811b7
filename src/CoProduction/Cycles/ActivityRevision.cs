using System;

namespace CoProduction.Cycles;

/// <summary>A revision's decision about one activity of the cycle; checked when built.</summary>
public sealed record ActivityRevision
{
    /// <summary>Creates a decision.</summary>
    /// <param name="activity">The planned activity; each is decided once.</param>
    /// <param name="decision">Adopt, adapt or abandon.</param>
    /// <param name="rationale">Why (for an adaptation: what changes); free text, not blank.</param>
    /// <exception cref="ArgumentException">A default activity id, an undefined decision, or a blank rationale.</exception>
    public ActivityRevision(ActivityId activity, RevisionDecision decision, string rationale)
    {
        Activity = activity;
        Decision = decision;
        Rationale = rationale;
    }

    /// <summary>Gets the planned activity.</summary>
    public ActivityId Activity { get; init => field = Preconditions.CheckId(value, nameof(Activity)); }

    /// <summary>Gets adopt, adapt or abandon.</summary>
    public RevisionDecision Decision { get; init => field = Preconditions.CheckDefined(value, nameof(Decision)); }

    /// <summary>Gets why.</summary>
    public string Rationale { get; init => field = Preconditions.CheckText(value, nameof(Rationale)); }
}
