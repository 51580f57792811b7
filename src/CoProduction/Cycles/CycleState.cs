using NodaTime;

namespace CoProduction.Cycles;

/// <summary>
/// Everything known about an action-learning cycle: the fold of its events. Immutable and
/// value-equal, so a replayed or deserialized history gives an equal state.
/// </summary>
public sealed record CycleState
{
    /// <summary>Gets the state before the first event (<see cref="IsStarted"/> is <see langword="false"/>).</summary>
    public static CycleState NotStarted { get; } = new();

    /// <summary>Gets a value indicating whether the cycle has been started (its first event applied).</summary>
    public bool IsStarted { get; init; }

    /// <summary>Gets the learning site.</summary>
    public SiteId Site { get; init; }

    /// <summary>Gets the cycle's number in the site's sequence, from 1.</summary>
    public int Number { get; init; }

    /// <summary>Gets what the cycle is about.</summary>
    public string Focus { get; init; } = string.Empty;

    /// <summary>Gets the site's IANA time-zone id, in which the cycle's dates are read.</summary>
    public string TimeZoneId { get; init; } = string.Empty;

    /// <summary>Gets when the cycle started.</summary>
    public Instant StartedAt { get; init; }

    /// <summary>Gets the day the cycle started, in the site's calendar: no record is dated earlier.</summary>
    public LocalDate StartedOn { get; init; }

    /// <summary>Gets the expected stage lengths; may be empty.</summary>
    public ValueList<ExpectedStageLength> ExpectedStageLengths { get; init; }

    /// <summary>Gets the completed cycle this one follows, if any.</summary>
    public CycleId? PreviousCycle { get; init; }

    /// <summary>Gets the cycle started from this one once it completed, if any.</summary>
    public CycleId? NextCycle { get; init; }

    /// <summary>Gets the current stage.</summary>
    public CycleStage Stage { get; init; }

    /// <summary>Gets the stage a paused cycle left and returns to; <see langword="null"/> unless paused.</summary>
    public CycleStage? PausedFrom { get; init; }

    /// <summary>Gets the activities carried forward from the previous cycle, to be planned.</summary>
    public ValueList<ProposedActivity> Proposals { get; init; }

    /// <summary>Gets the plan.</summary>
    public ValueList<PlannedActivity> Activities { get; init; }

    /// <summary>Gets the endorsements, oldest first (including those given to an earlier version of the plan).</summary>
    public ValueList<Endorsement> Endorsements { get; init; }

    /// <summary>Gets the actions recorded, oldest first (including those recorded outside approval).</summary>
    public ValueList<CycleAction> Actions { get; init; }

    /// <summary>Gets the actions recorded when their activity was not covered by an approved protocol.</summary>
    public ValueList<ApprovalLapse> ApprovalLapses { get; init; }

    /// <summary>Gets the reflections.</summary>
    public ValueList<Reflection> Reflections { get; init; }

    /// <summary>Gets the evaluations, at most one per planned activity.</summary>
    public ValueList<Evaluation> Evaluations { get; init; }

    /// <summary>Gets the revisions.</summary>
    public ValueList<Revision> Revisions { get; init; }

    /// <summary>Gets the rationale of an explicit "no change" decision, or <see langword="null"/>.</summary>
    public string? NoChangeRationale { get; init; }

    /// <summary>Gets the pauses, oldest first.</summary>
    public ValueList<CyclePause> Pauses { get; init; }

    /// <summary>Gets the timeline: one visit per working stage entered, oldest first.</summary>
    public ValueList<StageVisit> Timeline { get; init; }

    /// <summary>Gets why the cycle was abandoned, or <see langword="null"/>.</summary>
    public string? AbandonReason { get; init; }

    /// <summary>Gets a value indicating whether the cycle is finished (completed or abandoned).</summary>
    public bool IsFinal => Stage is CycleStage.Completed or CycleStage.Abandoned;
}
