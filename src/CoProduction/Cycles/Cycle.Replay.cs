using System.Runtime.InteropServices;
using CoProduction.Events;
using NodaTime;

namespace CoProduction.Cycles;

/// <content>The fold: how each event changes the state, and how a replayed event is checked against the machine's table.</content>
public sealed partial class Cycle
{
    /// <inheritdoc/>
    protected override CycleState Apply(CycleState state, ICycleEvent @event) => @event switch
    {
        ActivityPlanned e => state with { Activities = state.Activities.Add(e.Activity) },
        PlanEndorsed e => state with { Endorsements = state.Endorsements.Add(e.Endorsement) },
        ActionRecorded e => state with { Actions = state.Actions.Add(e.Action) },
        ActionRecordedOutsideApproval e => state with
        {
            Actions = state.Actions.Add(e.Action),
            ApprovalLapses = state.ApprovalLapses.Add(e.Lapse),
        },
        ReflectionRecorded e => state with { Reflections = state.Reflections.Add(e.Reflection) },
        EvaluationRecorded e => state with { Evaluations = state.Evaluations.Add(e.Evaluation) },
        RevisionRecorded e => state with { Revisions = state.Revisions.Add(e.Revision) },
        NoChangeDecided e => state with { NoChangeRationale = e.Rationale },
        ActingStarted e => Enter(state, CycleStage.Acting, e.At),
        ReflectingStarted e => Enter(state, CycleStage.Reflecting, e.At),
        EvaluatingStarted e => Enter(state, CycleStage.Evaluating, e.At),
        RevisingStarted e => Enter(state, CycleStage.Revising, e.At),
        CycleCompleted e => state with { Stage = CycleStage.Completed, Timeline = Closed(state.Timeline, e.At) },
        CyclePaused e => state with
        {
            Stage = CycleStage.Paused,
            PausedFrom = state.Stage,
            Pauses = state.Pauses.Add(new CyclePause(e.Shock, e.Description, state.Stage, e.At, null)),
        },
        CycleResumed e => state.PausedFrom is { } back
            ? EndPause(state, e.At) with { Stage = back, PausedFrom = null }
            : state,
        CycleAbandoned e => Finish(EndPause(state, e.At), e.At) with
        {
            Stage = CycleStage.Abandoned,
            PausedFrom = null,
            AbandonReason = e.Reason,
        },
        NextCycleStarted e => state with { NextCycle = e.NextCycle },
        CycleStarted e => ApplyStarted(e),
        _ => state,
    };

    /// <summary>The state a history begins with: what <see cref="CycleStarted"/> records (built by the replay fold, so it is defined once).</summary>
    private static CycleState ApplyStarted(CycleStarted e)
    {
        var fold = new CycleReplayFold();
        _ = fold.Apply(e);
        return fold.ToState();
    }

    /// <inheritdoc/>
    protected override string? CheckReplay(CycleState before, ICycleEvent @event, CycleState after)
        => CheckTransition(before.IsStarted, before.Stage, @event, after.Stage);

    /// <inheritdoc/>
    private protected override ReplayFold<CycleState, ICycleEvent> CreateReplayFold() => new CycleReplayFold();

    /// <summary>Whether one replayed event fits the machine's table; shared by both folds.</summary>
    private static string? CheckTransition(bool wasStarted, CycleStage before, ICycleEvent @event, CycleStage after)
    {
        if (@event is CycleStarted)
        {
            return wasStarted ? "a cycle is started once; this history starts it again." : null;
        }

        if (!wasStarted)
        {
            return NotStartedYet;
        }

        return TriggerOf(@event) is { } trigger
            ? CheckTrigger(before, trigger, after)
            : "the cycle's machine has no trigger for this event.";
    }

    private const string NotStartedYet = "the history of a cycle begins with cycle.started.";

    /// <summary>Whether the machine's table has the trigger from one stage to the other; the sentence when not.</summary>
    private static string? CheckTrigger(CycleStage before, CycleTrigger trigger, CycleStage after)
        => Machine.Allows(before, trigger, after)
            ? null
            : "the cycle's machine has no " + trigger.ToString() + " from " + before.ToString() + " to " + after.ToString() + ".";

    private static CycleTrigger? TriggerOf(ICycleEvent @event) => @event switch
    {
        ActivityPlanned => CycleTrigger.PlanActivity,
        PlanEndorsed => CycleTrigger.EndorsePlan,
        ActionRecorded or ActionRecordedOutsideApproval => CycleTrigger.RecordAction,
        ReflectionRecorded => CycleTrigger.RecordReflection,
        EvaluationRecorded => CycleTrigger.RecordEvaluation,
        RevisionRecorded => CycleTrigger.RecordRevision,
        NoChangeDecided => CycleTrigger.DecideNoChange,
        ActingStarted => CycleTrigger.StartActing,
        ReflectingStarted => CycleTrigger.StartReflecting,
        EvaluatingStarted => CycleTrigger.StartEvaluating,
        RevisingStarted => CycleTrigger.StartRevising,
        CycleCompleted => CycleTrigger.Complete,
        CyclePaused => CycleTrigger.Pause,
        CycleResumed => CycleTrigger.Resume,
        CycleAbandoned => CycleTrigger.Abandon,
        NextCycleStarted => CycleTrigger.StartNextCycle,
        _ => null,
    };

    /// <summary>Closes the current stage's visit and opens one for <paramref name="stage"/>.</summary>
    private static CycleState Enter(CycleState state, CycleStage stage, Instant at)
    {
        // One new array: the visits so far (the last one closed) and the new visit.
        var timeline = state.Timeline;
        var visits = new StageVisit[timeline.Count + 1];
        for (var i = 0; i < timeline.Count; i++)
        {
            visits[i] = timeline[i];
        }

        if (timeline.Count > 0 && visits[timeline.Count - 1].Left is null)
        {
            visits[timeline.Count - 1] = visits[timeline.Count - 1] with { Left = at };
        }

        visits[timeline.Count] = new StageVisit(stage, at, null, Duration.Zero);
        return state with { Stage = stage, Timeline = new ValueList<StageVisit>(ImmutableCollectionsMarshal.AsImmutableArray(visits)) };
    }

    /// <summary>Closes the current stage's visit, if open.</summary>
    private static CycleState Finish(CycleState state, Instant at)
    {
        var timeline = state.Timeline;
        return timeline.IsEmpty || timeline[timeline.Count - 1].Left is not null ? state : state with { Timeline = Closed(timeline, at) };
    }

    /// <summary>The timeline with its last visit closed at <paramref name="at"/>, or the same list when none is open.</summary>
    private static ValueList<StageVisit> Closed(ValueList<StageVisit> timeline, Instant at)
    {
        if (timeline.IsEmpty || timeline[timeline.Count - 1].Left is not null)
        {
            return timeline;
        }

        var last = timeline.Count - 1;
        return timeline.SetItem(last, timeline[last] with { Left = at });
    }

    /// <summary>Ends an open pause at <paramref name="at"/> and counts its length inside the stage it interrupted.</summary>
    private static CycleState EndPause(CycleState state, Instant at)
    {
        var pauses = state.Pauses;
        if (state.Stage != CycleStage.Paused || pauses.IsEmpty || pauses[pauses.Count - 1].EndedAt is not null)
        {
            return state;
        }

        var pause = pauses[pauses.Count - 1];
        var timeline = state.Timeline;
        ValueList<StageVisit> counted = timeline;
        if (!timeline.IsEmpty)
        {
            var visit = timeline[timeline.Count - 1];
            counted = timeline.SetItem(timeline.Count - 1, visit with { Paused = visit.Paused + (at - pause.PausedAt) });
        }

        return state with
        {
            Pauses = pauses.SetItem(pauses.Count - 1, pause with { EndedAt = at }),
            Timeline = counted,
        };
    }
}
