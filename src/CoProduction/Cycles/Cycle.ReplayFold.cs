using CoProduction.Events;
using NodaTime;

namespace CoProduction.Cycles;

/// <content>
/// The replay fold: the same changes as <see cref="Cycle.Apply"/>, made in place so a loaded history
/// costs one type switch and one list append per event instead of a new state and list copies.
/// The properties "replaying the events gives the live state" hold the two folds to each other.
/// </content>
public sealed partial class Cycle
{
    private sealed class CycleReplayFold : ReplayFold<CycleState, ICycleEvent>
    {
        private GrowingList<PlannedActivity> activities;
        private GrowingList<Endorsement> endorsements;
        private GrowingList<CycleAction> actions;
        private GrowingList<ApprovalLapse> lapses;
        private GrowingList<Reflection> reflections;
        private GrowingList<Evaluation> evaluations;
        private GrowingList<Revision> revisions;
        private GrowingList<CyclePause> pauses;
        private GrowingList<StageVisit> timeline;
        private CycleStarted? started;
        private CycleStage stage;
        private CycleStage? pausedFrom;
        private CycleId? next;
        private string? noChange;
        private string? abandonReason;

        public override string? Apply(ICycleEvent @event)
        {
            // One type switch per event: each case names its trigger and the stage it leads to,
            // checks them against the machine's table, then applies the change in place.
            string? problem;
            switch (@event)
            {
                case ActionRecorded e:
                    return Append(ref actions, e.Action, CycleTrigger.RecordAction);
                case ActivityPlanned e:
                    return Append(ref activities, e.Activity, CycleTrigger.PlanActivity);
                case PlanEndorsed e:
                    return Append(ref endorsements, e.Endorsement, CycleTrigger.EndorsePlan);
                case ReflectionRecorded e:
                    return Append(ref reflections, e.Reflection, CycleTrigger.RecordReflection);
                case EvaluationRecorded e:
                    return Append(ref evaluations, e.Evaluation, CycleTrigger.RecordEvaluation);
                case RevisionRecorded e:
                    return Append(ref revisions, e.Revision, CycleTrigger.RecordRevision);
                case ActingStarted e:
                    return Enter(CycleTrigger.StartActing, CycleStage.Acting, e.At);
                case ReflectingStarted e:
                    return Enter(CycleTrigger.StartReflecting, CycleStage.Reflecting, e.At);
                case EvaluatingStarted e:
                    return Enter(CycleTrigger.StartEvaluating, CycleStage.Evaluating, e.At);
                case RevisingStarted e:
                    return Enter(CycleTrigger.StartRevising, CycleStage.Revising, e.At);
                case ActionRecordedOutsideApproval e:
                    if ((problem = Check(CycleTrigger.RecordAction, stage)) is null)
                    {
                        actions.Add(e.Action);
                        lapses.Add(e.Lapse);
                    }

                    return problem;
                case NoChangeDecided e:
                    if ((problem = Check(CycleTrigger.DecideNoChange, stage)) is null)
                    {
                        noChange = e.Rationale;
                    }

                    return problem;
                case CycleCompleted e:
                    if ((problem = Check(CycleTrigger.Complete, CycleStage.Completed)) is null)
                    {
                        CloseVisit(e.At);
                        stage = CycleStage.Completed;
                    }

                    return problem;
                case CyclePaused e:
                    if ((problem = Check(CycleTrigger.Pause, CycleStage.Paused)) is null)
                    {
                        pauses.Add(new CyclePause(e.Shock, e.Description, stage, e.At, null));
                        pausedFrom = stage;
                        stage = CycleStage.Paused;
                    }

                    return problem;
                case CycleResumed e:
                    var back = pausedFrom ?? stage;
                    if ((problem = Check(CycleTrigger.Resume, back)) is null)
                    {
                        EndPause(e.At);
                        pausedFrom = null;
                        stage = back;
                    }

                    return problem;
                case CycleAbandoned e:
                    if ((problem = Check(CycleTrigger.Abandon, CycleStage.Abandoned)) is null)
                    {
                        EndPause(e.At);
                        CloseVisit(e.At);
                        pausedFrom = null;
                        abandonReason = e.Reason;
                        stage = CycleStage.Abandoned;
                    }

                    return problem;
                case NextCycleStarted e:
                    if ((problem = Check(CycleTrigger.StartNextCycle, stage)) is null)
                    {
                        next = e.NextCycle;
                    }

                    return problem;
                case CycleStarted e:
                    if ((problem = CheckTransition(started is not null, stage, e, CycleStage.Planning)) is null)
                    {
                        Start(e);
                    }

                    return problem;
                default:
                    return CheckTransition(started is not null, stage, @event, stage);
            }
        }

        public override CycleState ToState() => started is not { } e ? CycleState.NotStarted : new CycleState
        {
            IsStarted = true,
            Site = e.Site,
            Number = e.Number,
            Focus = e.Focus,
            TimeZoneId = e.TimeZoneId,
            StartedAt = e.At,
            StartedOn = e.StartedOn,
            ExpectedStageLengths = e.ExpectedStageLengths,
            PreviousCycle = e.PreviousCycle,
            Proposals = e.Proposals,
            Stage = stage,
            PausedFrom = pausedFrom,
            NextCycle = next,
            Activities = activities.ToValueList(),
            Endorsements = endorsements.ToValueList(),
            Actions = actions.ToValueList(),
            ApprovalLapses = lapses.ToValueList(),
            Reflections = reflections.ToValueList(),
            Evaluations = evaluations.ToValueList(),
            Revisions = revisions.ToValueList(),
            NoChangeRationale = noChange,
            Pauses = pauses.ToValueList(),
            Timeline = timeline.ToValueList(),
            AbandonReason = abandonReason,
        };

        /// <summary>Checks a record-adding event and appends its record.</summary>
        private string? Append<T>(ref GrowingList<T> list, T item, CycleTrigger trigger)
        {
            if (Check(trigger, stage) is { } problem)
            {
                return problem;
            }

            list.Add(item);
            return null;
        }

        /// <summary>The same check as <see cref="CheckTransition"/>, for an event of a started cycle.</summary>
        private string? Check(CycleTrigger trigger, CycleStage after)
            => started is null ? NotStartedYet : CheckTrigger(stage, trigger, after);

        private string? Enter(CycleTrigger trigger, CycleStage to, Instant at)
        {
            if (Check(trigger, to) is { } problem)
            {
                return problem;
            }

            CloseVisit(at);
            timeline.Add(new StageVisit(to, at, null, Duration.Zero));
            stage = to;
            return null;
        }

        private void Start(CycleStarted e)
        {
            // The same state as ApplyStarted: everything empty, one open Planning visit.
            started = e;
            activities.Clear();
            endorsements.Clear();
            actions.Clear();
            lapses.Clear();
            reflections.Clear();
            evaluations.Clear();
            revisions.Clear();
            pauses.Clear();
            timeline.Clear();
            timeline.EnsureCapacity(5); // Planning and the four working stages of a whole cycle
            timeline.Add(new StageVisit(CycleStage.Planning, e.At, null, Duration.Zero));
            stage = CycleStage.Planning;
            pausedFrom = null;
            next = null;
            noChange = null;
            abandonReason = null;
        }

        private void CloseVisit(Instant at)
        {
            var last = timeline.Count - 1;
            if (last >= 0 && timeline[last].Left is null)
            {
                timeline[last] = timeline[last] with { Left = at };
            }
        }

        private void EndPause(Instant at)
        {
            var last = pauses.Count - 1;
            if (stage != CycleStage.Paused || last < 0 || pauses[last].EndedAt is not null)
            {
                return;
            }

            var pause = pauses[last];
            if (timeline.Count > 0)
            {
                ref var visit = ref timeline[timeline.Count - 1];
                visit = visit with { Paused = visit.Paused + (at - pause.PausedAt) };
            }

            pauses[last] = pause with { EndedAt = at };
        }
    }
}
