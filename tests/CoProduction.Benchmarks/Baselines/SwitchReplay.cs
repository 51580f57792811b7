using System.Collections.Generic;
using CoProduction.Cycles;
using CoProduction.Events;

namespace CoProduction.Benchmarks.Baselines;

/// <summary>
/// The physical limit of replay over the library's own events: a hand-written type switch that folds
/// them into a stage (through <see cref="SwitchCycle.Apply"/>, the same table) and record counters,
/// with no state records and no history kept.
/// </summary>
public static class SwitchReplay
{
    public static int Fold(IReadOnlyList<IDomainEvent> events)
    {
        var stage = Stage.Planning;
        int activities = 0, endorsements = 0, actions = 0, reflections = 0, evaluations = 0, revisions = 0;
        for (var i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case CycleStarted:
                    stage = Stage.Planning;
                    break;
                case ActivityPlanned:
                    activities++;
                    break;
                case PlanEndorsed:
                    endorsements++;
                    break;
                case ActingStarted:
                    stage = SwitchCycle.Apply(stage, Step.StartActing);
                    break;
                case ActionRecorded:
                    actions++;
                    break;
                case ReflectingStarted:
                    stage = SwitchCycle.Apply(stage, Step.StartReflecting);
                    break;
                case ReflectionRecorded:
                    reflections++;
                    break;
                case EvaluatingStarted:
                    stage = SwitchCycle.Apply(stage, Step.StartEvaluating);
                    break;
                case EvaluationRecorded:
                    evaluations++;
                    break;
                case RevisingStarted:
                    stage = SwitchCycle.Apply(stage, Step.StartRevising);
                    break;
                case RevisionRecorded:
                    revisions++;
                    break;
                case CycleCompleted:
                    stage = SwitchCycle.Apply(stage, Step.Complete);
                    break;
                default:
                    break;
            }
        }

        return (int)stage + activities + endorsements + actions + reflections + evaluations + revisions;
    }
}
