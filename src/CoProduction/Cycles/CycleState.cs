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
    public CycleId? NextCycle => Occasional?.NextCycle;

    /// <summary>Gets the current stage.</summary>
    public CycleStage Stage { get; private init; }

    /// <summary>Gets the stage a paused cycle left and returns to; <see langword="null"/> unless paused.</summary>
    public CycleStage? PausedFrom => Occasional?.PausedFrom;

    /// <summary>Gets the plan's revision number: how many times the plan has changed (an activity planned, withdrawn or re-dated). An endorsement counts for the revision it was given to.</summary>
    public int PlanRevision { get; private init; }

    /// <summary>Gets the plan.</summary>
    public ValueList<PlannedActivity> Activities { get; private init; }

    /// <summary>Gets the endorsements, oldest first (including those given to an earlier revision of the plan).</summary>
    public ValueList<Endorsement> Endorsements { get; private init; }

    /// <summary>Gets the actions recorded, oldest first (including those recorded outside approval).</summary>
    public ValueList<CycleAction> Actions { get; private init; }

    /// <summary>Gets the actions recorded when their activity was not covered by an approved protocol.</summary>
    public ValueList<ApprovalLapse> ApprovalLapses => Occasional?.ApprovalLapses ?? default;

    /// <summary>Gets the reflections.</summary>
    public ValueList<Reflection> Reflections { get; private init; }

    /// <summary>Gets the evaluations, at most one per planned activity.</summary>
    public ValueList<Evaluation> Evaluations { get; private init; }

    /// <summary>Gets the revisions.</summary>
    public ValueList<Revision> Revisions { get; private init; }

    /// <summary>Gets the rationale of an explicit "no change" decision, or <see langword="null"/>.</summary>
    public string? NoChangeRationale => Occasional?.NoChangeRationale;

    /// <summary>Gets the pauses, oldest first.</summary>
    public ValueList<CyclePause> Pauses => Occasional?.Pauses ?? default;

    /// <summary>Gets the timeline: one visit per working stage entered, oldest first (a visit left when the next began).</summary>
    public ValueList<StageVisit> Timeline => WithLeftFilledIn(Visits);

    /// <summary>Gets the visit to the current stage (or the last one, once finished); <see langword="null"/> before the first event.</summary>
    public StageVisit? CurrentVisit => Visits.IsEmpty ? null : Visits[Visits.Count - 1];

    /// <summary>
    /// Gets the visits as the fold keeps them: a visit ends where the next begins, so only the last
    /// one ever records its end (when the cycle finishes) — entering a stage appends one visit and copies nothing.
    /// </summary>
    private ValueList<StageVisit> Visits { get; init; }

    /// <summary>Gets why the cycle was abandoned, or <see langword="null"/>.</summary>
    public string? AbandonReason => Occasional?.AbandonReason;

    /// <summary>Gets a value indicating whether the cycle is finished (completed or abandoned).</summary>
    public bool IsFinal => Stage is CycleStage.Completed or CycleStage.Abandoned;

    /// <summary>Gets the state before the first event (<see cref="IsStarted"/> is <see langword="false"/>).</summary>
    internal static CycleState Initial { get; } = new();

    /// <summary>Gets what the first event recorded; <see langword="null"/> before it.</summary>
    private CycleStarted? Opening { get; init; }

    /// <summary>
    /// Gets what most events leave alone — pauses, lapses, the "no change" decision, abandonment, the next
    /// cycle — kept apart so that the copy each event makes of the state stays small; <see langword="null"/> until one of them happens.
    /// </summary>
    private Rare? Occasional { get; init; }

    private Rare Occasionals => Occasional ?? Rare.None;

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
        CycleCompleted e => this with { Stage = CycleStage.Completed, Visits = Closed(Visits, e.At) },
        CycleStarted e => Initial with
        {
            Opening = e,
            Stage = CycleStage.Planning,
            Visits = ValueList<StageVisit>.Wrap([new StageVisit(CycleStage.Planning, e.At, null, Duration.Zero)]),
        },
        ActionRecordedOutsideApproval e => this with
        {
            Actions = Actions.Add(e.Action),
            Occasional = Occasionals with { ApprovalLapses = ApprovalLapses.Add(e.Lapse) },
        },
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
        NoChangeDecided e => this with { Occasional = Occasionals with { NoChangeRationale = e.Rationale } },
        CyclePaused e => this with
        {
            Stage = CycleStage.Paused,
            Occasional = Occasionals with { PausedFrom = Stage, Pauses = Pauses.Add(new CyclePause(e.Shock, e.Description, Stage, e.At, null)) },
            Visits = WithLast(Visits, CurrentVisit is { } visit ? visit with { PausedSince = e.At } : null),
        },
        CycleResumed e => Resumed(e.At),
        CycleAbandoned e => EndPause(e.At).Abandoned(e),
        NextCycleStarted e => this with { Occasional = Occasionals with { NextCycle = e.NextCycle } },
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

    /// <summary>The timeline with its last visit replaced, or the same list when it is empty.</summary>
    private static ValueList<StageVisit> WithLast(ValueList<StageVisit> timeline, StageVisit? last)
        => last is null || timeline.IsEmpty ? timeline : timeline.SetItem(timeline.Count - 1, last);

    /// <summary>The timeline with its last visit closed at <paramref name="at"/>, or the same list when none is open.</summary>
    private static ValueList<StageVisit> Closed(ValueList<StageVisit> timeline, Instant at)
        => timeline.IsEmpty || timeline[timeline.Count - 1].Left is not null ? timeline : WithLast(timeline, timeline[timeline.Count - 1] with { Left = at });

    /// <summary>Enters <paramref name="stage"/>: one visit appended, which ends the previous one.</summary>
    private CycleState Enter(CycleStage stage, Instant at)
        => this with { Stage = stage, Visits = Visits.Add(new StageVisit(stage, at, null, Duration.Zero)) };

    /// <summary>The visits with each one's end read from the next one's start.</summary>
    private static ValueList<StageVisit> WithLeftFilledIn(ValueList<StageVisit> visits)
    {
        if (visits.Count < 2)
        {
            return visits;
        }

        var filled = new StageVisit[visits.Count];
        for (var i = 0; i < filled.Length; i++)
        {
            var visit = visits[i];
            filled[i] = i + 1 < filled.Length && visit.Left is null ? visit with { Left = visits[i + 1].Entered } : visit;
        }

        return ValueList<StageVisit>.Wrap(filled);
    }

    /// <summary>The cycle abandoned: its current visit closed.</summary>
    private CycleState Abandoned(CycleAbandoned e)
        => this with
        {
            Stage = CycleStage.Abandoned,
            Occasional = Occasionals with { PausedFrom = null, AbandonReason = e.Reason },
            Visits = Closed(Visits, e.At),
        };

    /// <summary>The cycle back in the stage it was paused in, its pause ended at <paramref name="at"/>.</summary>
    private CycleState Resumed(Instant at)
    {
        if (PausedFrom is not { } back)
        {
            return this;
        }

        var ended = EndPause(at);
        return ended with { Stage = back, Occasional = ended.Occasionals with { PausedFrom = null } };
    }

    /// <summary>Ends a pause going on at <paramref name="at"/> and counts its length inside the stage it interrupted.</summary>
    private CycleState EndPause(Instant at)
    {
        var pauses = Pauses;
        if (Stage != CycleStage.Paused || pauses.IsEmpty || pauses[pauses.Count - 1].EndedAt is not null)
        {
            return this;
        }

        var pause = pauses[pauses.Count - 1];
        var last = CurrentVisit;
        return this with
        {
            Occasional = Occasionals with { Pauses = pauses.SetItem(pauses.Count - 1, pause with { EndedAt = at }) },
            Visits = WithLast(Visits, last is null ? null : last with { Paused = last.Paused + (at - pause.PausedAt), PausedSince = null }),
        };
    }

    /// <summary>The state's rarely changed part (see <see cref="Occasional"/>).</summary>
    private sealed record Rare
    {
        public static Rare None { get; } = new();

        public CycleId? NextCycle { get; init; }

        public CycleStage? PausedFrom { get; init; }

        public ValueList<ApprovalLapse> ApprovalLapses { get; init; }

        public string? NoChangeRationale { get; init; }

        public ValueList<CyclePause> Pauses { get; init; }

        public string? AbandonReason { get; init; }
    }
}
