using CoProduction.Events;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>
/// Everything known about an action-learning cycle: the fold of its events. Immutable and
/// value-equal, so a replayed or deserialized history gives an equal state.
/// </summary>
/// <remarks>
/// What <see cref="CycleStarted"/> records (site, number, focus, zone, proposals…) never changes, so
/// it is kept as one reference: each event copies a small state and appends to one list.
/// </remarks>
public sealed record CycleState
{
    private CycleState()
    {
    }

    /// <summary>Gets a value indicating whether the cycle has been started (its first event applied).</summary>
    public bool IsStarted => Opening is not null;

    /// <summary>Gets the learning site.</summary>
    public SiteId Site => Opening?.Site ?? default;

    /// <summary>Gets the cycle's number in the site's sequence, from 1.</summary>
    public int Number => Opening?.Number ?? 0;

    /// <summary>Gets what the cycle is about.</summary>
    public string Focus => Opening?.Focus ?? string.Empty;

    /// <summary>Gets the site's IANA time-zone id, in which the cycle's dates are read.</summary>
    public string TimeZoneId => Opening?.TimeZoneId ?? string.Empty;

    /// <summary>Gets when the cycle started.</summary>
    public Instant StartedAt => Opening?.At ?? default;

    /// <summary>Gets the day the cycle started, in the site's calendar: no record is dated earlier.</summary>
    public LocalDate StartedOn => Opening?.StartedOn ?? default;

    /// <summary>Gets the expected stage lengths; may be empty.</summary>
    public ValueList<ExpectedStageLength> ExpectedStageLengths => Opening?.ExpectedStageLengths ?? default;

    /// <summary>Gets the completed cycle this one follows, if any.</summary>
    public CycleId? PreviousCycle => Opening?.PreviousCycle;

    /// <summary>Gets the activities carried forward from the previous cycle, to be planned.</summary>
    public ValueList<ProposedActivity> Proposals => Opening?.Proposals ?? default;

    /// <summary>Gets the cycle started from this one once it completed, if any.</summary>
    public CycleId? NextCycle { get; private init; }

    /// <summary>Gets the current stage.</summary>
    public CycleStage Stage { get; private init; }

    /// <summary>Gets the stage a paused cycle left and returns to; <see langword="null"/> unless paused.</summary>
    public CycleStage? PausedFrom { get; private init; }

    /// <summary>Gets the plan's revision number: how many times the plan has changed (an activity planned, withdrawn or re-dated). An endorsement counts for the revision it was given to.</summary>
    public int PlanRevision { get; private init; }

    /// <summary>Gets the plan.</summary>
    public ValueList<PlannedActivity> Activities { get; private init; }

    /// <summary>Gets the endorsements, oldest first (including those given to an earlier revision of the plan).</summary>
    public ValueList<Endorsement> Endorsements { get; private init; }

    /// <summary>Gets the actions recorded, oldest first (including those recorded outside approval).</summary>
    public ValueList<CycleAction> Actions { get; private init; }

    /// <summary>Gets the actions recorded when their activity was not covered by an approved protocol.</summary>
    public ValueList<ApprovalLapse> ApprovalLapses { get; private init; }

    /// <summary>Gets the reflections.</summary>
    public ValueList<Reflection> Reflections { get; private init; }

    /// <summary>Gets the evaluations, at most one per planned activity.</summary>
    public ValueList<Evaluation> Evaluations { get; private init; }

    /// <summary>Gets the revisions.</summary>
    public ValueList<Revision> Revisions { get; private init; }

    /// <summary>Gets the rationale of an explicit "no change" decision, or <see langword="null"/>.</summary>
    public string? NoChangeRationale { get; private init; }

    /// <summary>Gets the pauses, oldest first.</summary>
    public ValueList<CyclePause> Pauses { get; private init; }

    /// <summary>Gets the timeline: one visit per working stage entered, oldest first.</summary>
    public ValueList<StageVisit> Timeline { get; private init; }

    /// <summary>Gets why the cycle was abandoned, or <see langword="null"/>.</summary>
    public string? AbandonReason { get; private init; }

    /// <summary>Gets a value indicating whether the cycle is finished (completed or abandoned).</summary>
    public bool IsFinal => Stage is CycleStage.Completed or CycleStage.Abandoned;

    /// <summary>Gets the state before the first event (<see cref="IsStarted"/> is <see langword="false"/>).</summary>
    internal static CycleState Initial { get; } = new();

    /// <summary>Gets what the first event recorded; <see langword="null"/> before it.</summary>
    private CycleStarted? Opening { get; init; }

    /// <summary>The one fold: the state after <paramref name="event"/>, for commands and replay alike.</summary>
    /// <param name="event">The event.</param>
    /// <returns>The new state; this one is unchanged.</returns>
    internal CycleState Apply(ICycleEvent @event) => @event switch
    {
        ActionRecorded e => this with { Actions = Actions.Add(e.Action) },
        ActivityPlanned e => this with { Activities = Activities.Add(e.Activity), PlanRevision = PlanRevision + 1 },
        PlanEndorsed e => this with { Endorsements = Endorsements.Add(e.Endorsement) },
        ReflectionRecorded e => this with { Reflections = Reflections.Add(e.Reflection) },
        EvaluationRecorded e => this with { Evaluations = Evaluations.Add(e.Evaluation) },
        RevisionRecorded e => this with { Revisions = Revisions.Add(e.Revision) },
        ActingStarted e => Enter(CycleStage.Acting, e.At),
        ReflectingStarted e => Enter(CycleStage.Reflecting, e.At),
        EvaluatingStarted e => Enter(CycleStage.Evaluating, e.At),
        RevisingStarted e => Enter(CycleStage.Revising, e.At),
        CycleCompleted e => this with { Stage = CycleStage.Completed, Timeline = Closed(Timeline, e.At) },
        CycleStarted e => Initial with
        {
            Opening = e,
            Stage = CycleStage.Planning,
            Timeline = ValueList<StageVisit>.Wrap([new StageVisit(CycleStage.Planning, e.At, null, Duration.Zero)]),
        },
        ActionRecordedOutsideApproval e => this with { Actions = Actions.Add(e.Action), ApprovalLapses = ApprovalLapses.Add(e.Lapse) },
        ActivityWithdrawn e => this with
        {
            Activities = Activities.RemoveAll(a => a.Id == e.Activity),
            PlanRevision = PlanRevision + 1,
        },
        ActivityRedated e => this with
        {
            Activities = Redated(Activities, e.Activity, e.PlannedOn),
            PlanRevision = PlanRevision + 1,
        },
        NoChangeDecided e => this with { NoChangeRationale = e.Rationale },
        CyclePaused e => this with
        {
            Stage = CycleStage.Paused,
            PausedFrom = Stage,
            Pauses = Pauses.Add(new CyclePause(e.Shock, e.Description, Stage, e.At, null)),
            Timeline = WithLast(Timeline, v => v with { PausedSince = e.At }),
        },
        CycleResumed e => PausedFrom is { } back ? EndPause(e.At) with { Stage = back, PausedFrom = null } : this,
        CycleAbandoned e => EndPause(e.At).Abandoned(e),
        NextCycleStarted e => this with { NextCycle = e.NextCycle },
        _ => throw Fold.Unknown<CycleState>(@event),
    };

    /// <summary>The index of a planned activity, or -1.</summary>
    internal int FindActivity(ActivityId activity)
    {
        var activities = Activities;
        for (var i = 0; i < activities.Count; i++)
        {
            if (activities[i].Id == activity)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of an activity's evaluation, or -1.</summary>
    internal int FindEvaluation(ActivityId activity)
    {
        var evaluations = Evaluations;
        for (var i = 0; i < evaluations.Count; i++)
        {
            if (evaluations[i].Activity == activity)
            {
                return i;
            }
        }

        return -1;
    }

    private static ValueList<PlannedActivity> Redated(ValueList<PlannedActivity> activities, ActivityId id, LocalDate on)
    {
        for (var i = 0; i < activities.Count; i++)
        {
            if (activities[i].Id == id)
            {
                return activities.SetItem(i, activities[i] with { PlannedOn = on });
            }
        }

        return activities;
    }

    /// <summary>The timeline with its last visit changed, or the same list when it is empty.</summary>
    private static ValueList<StageVisit> WithLast(ValueList<StageVisit> timeline, System.Func<StageVisit, StageVisit> change)
        => timeline.IsEmpty ? timeline : timeline.SetItem(timeline.Count - 1, change(timeline[timeline.Count - 1]));

    /// <summary>The timeline with its last visit closed at <paramref name="at"/>, or the same list when none is open.</summary>
    private static ValueList<StageVisit> Closed(ValueList<StageVisit> timeline, Instant at)
        => timeline.IsEmpty || timeline[timeline.Count - 1].Left is not null ? timeline : WithLast(timeline, v => v with { Left = at });

    /// <summary>Closes the current stage's visit and opens one for <paramref name="stage"/>, in one new array.</summary>
    private CycleState Enter(CycleStage stage, Instant at)
    {
        var timeline = Timeline;
        var visits = new StageVisit[timeline.Count + 1];
        timeline.AsSpan().CopyTo(visits);
        if (timeline.Count > 0 && visits[timeline.Count - 1].Left is null)
        {
            visits[timeline.Count - 1] = visits[timeline.Count - 1] with { Left = at };
        }

        visits[timeline.Count] = new StageVisit(stage, at, null, Duration.Zero);
        return this with { Stage = stage, Timeline = ValueList<StageVisit>.Wrap(visits) };
    }

    /// <summary>The cycle abandoned: its current visit closed.</summary>
    private CycleState Abandoned(CycleAbandoned e)
        => this with { Stage = CycleStage.Abandoned, PausedFrom = null, AbandonReason = e.Reason, Timeline = Closed(Timeline, e.At) };

    /// <summary>Ends a pause going on at <paramref name="at"/> and counts its length inside the stage it interrupted.</summary>
    private CycleState EndPause(Instant at)
    {
        var pauses = Pauses;
        if (Stage != CycleStage.Paused || pauses.IsEmpty || pauses[pauses.Count - 1].EndedAt is not null)
        {
            return this;
        }

        var pause = pauses[pauses.Count - 1];
        return this with
        {
            Pauses = pauses.SetItem(pauses.Count - 1, pause with { EndedAt = at }),
            Timeline = WithLast(Timeline, v => v with { Paused = v.Paused + (at - pause.PausedAt), PausedSince = null }),
        };
    }
}
