using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Cycles;
using FsCheck;
using FsCheck.Fluent;
using CoProduction.Protocols;
using NodaTime;
using static CoProduction.Tests.Cycles.KilifiSite;

namespace CoProduction.Tests.Cycles;

/// <summary>One generated command: which, two parameters, and how many hours after the previous one it is issued (negative: out of order).</summary>
public sealed record CycleStep(int Kind, int A, int B, int Hours);

/// <summary>A generated scenario: a policy and a sequence of commands against a Kilifi cycle.</summary>
public sealed record CycleScenario(bool Collective, bool ManagerAtReflection, bool RecordDeviations, CycleStep[] Steps)
{
    public override string ToString()
        => $"collective={Collective} manager={ManagerAtReflection} deviations={RecordDeviations} steps=[{string.Join("; ", Steps.Select(s => $"{s.Kind}/{s.A}/{s.B}/{s.Hours}h"))}]";
}

/// <summary>What happened when a scenario ran.</summary>
internal sealed record CycleRun(Cycle Cycle, CycleRules Rules, int Accepted, int Rejected, IReadOnlyList<string> Violations);

/// <summary>Generates command sequences and runs them, noting any rejected command that changed something.</summary>
internal static class CycleCommandSequences
{
    /// <summary>Kinds 0–20 and 28–29 are single commands with generated (often invalid) arguments; 21–27 "advance": the natural next command with valid arguments.</summary>
    private const int Kinds = 30;

    private static readonly ActivityId[] ActivityIds = [new("interviews"), new("facility-financing"), new("feedback"), new("observation"), new("unplanned")];
    private static readonly MemberId[] Members = [Researcher, Manager, HealthWorker, LeftManager, SecondResearcher, new("stranger")];

    public static Arbitrary<CycleScenario> Scenarios { get; } = (
        from collective in Gen.Elements(true, true, false)
        from manager in Gen.Elements(true, true, false)
        from deviations in Gen.Elements(false, true)
        from n in Gen.Choose(0, 60)
        from steps in (
            from kind in Gen.Choose(0, Kinds - 1)
            from a in Gen.Choose(0, 9)
            from b in Gen.Choose(-10, 400)
            from hours in Gen.Choose(-30, 1200)
            select new CycleStep(kind, a, b, hours)).ArrayOf(n)
        select new CycleScenario(collective, manager, deviations, steps)).ToArbitrary();

    public static CycleRun Run(CycleScenario scenario)
    {
        var rules = Rules(new CyclePolicy
        {
            RequireCollectiveEndorsement = scenario.Collective,
            RequireManagerAtReflection = scenario.ManagerAtReflection,
            OutOfApprovalActions = scenario.RecordDeviations ? OutOfApprovalActions.RecordWithDeviation : OutOfApprovalActions.Refuse,
        });
        var cycle = Start();
        var at = cycle.State.StartedAt;
        int accepted = 0, rejected = 0;
        var violations = new List<string>();
        foreach (var step in scenario.Steps)
        {
            at += Duration.FromHours(step.Hours);
            var version = cycle.Version;
            var state = cycle.State;
            var last = cycle.History[^1];
            try
            {
                Execute(cycle, step, at, rules);
                accepted++;
            }
            catch (Exception ex) when (ex is CommandRejectedException or ArgumentException)
            {
                rejected++;
                if (cycle.Version != version || !ReferenceEquals(cycle.State, state) || !ReferenceEquals(cycle.History[^1], last))
                {
                    violations.Add($"{step} was rejected ({ex.Message}) but changed the cycle");
                }
            }
        }

        return new CycleRun(cycle, rules, accepted, rejected, violations);
    }

    private static void Execute(Cycle cycle, CycleStep step, Instant at, CycleRules rules)
    {
        var by = Actor.Member(Researcher);
        var today = at.InZone(Zone).Date;
        var activity = ActivityIds[step.A % ActivityIds.Length];
        var member = Members[step.A % Members.Length];
        switch (step.Kind)
        {
            case 0 or 1 or 2:
                cycle.PlanActivity(Activity(activity, cycle.State.StartedOn.PlusDays(step.B)), rules.At(at, by));
                break;
            case 3 or 4:
                cycle.EndorsePlan(member, rules.At(at, by));
                break;
            case 5:
                cycle.StartActing(rules.At(at, by));
                break;
            case 6 or 7:
                cycle.RecordAction(new CycleAction(activity, today.PlusDays(-(Math.Abs(step.B) % 40)), "did it", []), rules.At(at, by));
                break;
            case 8:
                cycle.StartReflecting(rules.At(at, by));
                break;
            case 9:
                cycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, today, [Researcher, member == Researcher ? SecondResearcher : member], ["insight"]), rules.At(at, by));
                break;
            case 10:
                cycle.StartEvaluating(rules.At(at, by));
                break;
            case 11 or 12:
                cycle.RecordEvaluation(new Evaluation(activity, (EvaluationOutcome)(step.B & 3), "evidence"), rules.At(at, by));
                break;
            case 13:
                cycle.StartRevising(rules.At(at, by));
                break;
            case 14:
                cycle.RecordRevision(new Revision([new ActivityRevision(activity, (RevisionDecision)(step.B & 1), "why")], [], ["lesson"]), rules.At(at, by));
                break;
            case 15:
                cycle.DecideNoChange("repeat", rules.At(at, by));
                break;
            case 16:
                cycle.Complete(rules.At(at, by));
                break;
            case 17:
                cycle.Pause((ShockKind)(step.A & 3), "shock", rules.At(at, by));
                break;
            case 18:
                cycle.Resume(rules.At(at, by));
                break;
            case 19:
                // Rare, or most runs would end early.
                if (step.B % 4 == 0)
                {
                    cycle.Abandon("gave up", rules.At(at, by));
                }
                else
                {
                    cycle.PlanActivity(Activity(activity, today), rules.At(at, by));
                }

                break;
            case 20:
                cycle.StartNext(new CycleId("next-" + step.B.ToString(System.Globalization.CultureInfo.InvariantCulture)), "next", rules.At(at, by));
                break;
            case 28:
                cycle.WithdrawActivity(activity, rules.At(at, by));
                break;
            case 29:
                cycle.RedateActivity(activity, cycle.State.StartedOn.PlusDays(step.B), rules.At(at, by));
                break;
            default:
                Advance(cycle, step, at, today, rules);
                break;
        }
    }

    /// <summary>The natural next command, with valid arguments, so that generated runs reach every stage.</summary>
    private static void Advance(Cycle cycle, CycleStep step, Instant at, LocalDate today, CycleRules rules)
    {
        var by = Actor.Member(Researcher);
        var s = cycle.State;
        switch (s.Stage)
        {
            case CycleStage.Planning when s.Activities.Count == 0:
                cycle.PlanActivity(Activity(ActivityIds[step.A % 4], today.PlusDays(Math.Abs(step.B) % 60)), rules.At(at, by));
                break;
            case CycleStage.Planning when !s.Endorsements.Any(e => e.Member == Researcher && e.PlanRevision == s.PlanRevision):
                cycle.EndorsePlan(Researcher, rules.At(at, by));
                break;
            case CycleStage.Planning when !s.Endorsements.Any(e => e.Member == Manager && e.PlanRevision == s.PlanRevision):
                cycle.EndorsePlan(Manager, rules.At(at, by));
                break;
            case CycleStage.Planning:
                cycle.StartActing(rules.At(at, by));
                break;
            case CycleStage.Acting when s.Actions.Count == 0:
                cycle.RecordAction(new CycleAction(s.Activities[0].Id, today, "done", ["notes"]), rules.At(at, by));
                break;
            case CycleStage.Acting:
                cycle.StartReflecting(rules.At(at, by));
                break;
            case CycleStage.Reflecting when s.Reflections.Count == 0:
                cycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, today, [Researcher, Manager], ["insight"]), rules.At(at, by));
                break;
            case CycleStage.Reflecting:
                cycle.StartEvaluating(rules.At(at, by));
                break;
            case CycleStage.Evaluating when s.Activities.FirstOrDefault(a => !s.Evaluations.Any(e => e.Activity == a.Id)) is { } open:
                cycle.RecordEvaluation(new Evaluation(open.Id, EvaluationOutcome.Achieved, "evidence"), rules.At(at, by));
                break;
            case CycleStage.Evaluating:
                cycle.StartRevising(rules.At(at, by));
                break;
            case CycleStage.Revising when s.Revisions.Count == 0 && s.NoChangeRationale is null:
                cycle.RecordRevision(new Revision([new ActivityRevision(s.Activities[0].Id, RevisionDecision.Adapt, "change")], [], ["lesson"]), rules.At(at, by));
                break;
            case CycleStage.Revising:
                cycle.Complete(rules.At(at, by));
                break;
            case CycleStage.Paused:
                cycle.Resume(rules.At(at, by));
                break;
            default:
                cycle.StartNext(new CycleId("next"), "next", rules.At(at, by));
                break;
        }
    }

    private static PlannedActivity Activity(ActivityId id, LocalDate on) => id.Value switch
    {
        "interviews" => new(id, "interviews with sub-county managers", ActivityKind.Research, InterviewManagers, on, Researcher),
        "facility-financing" => new(id, "interviews with facility managers on facility financing", ActivityKind.Research, FinancingInterviews, on, Researcher),
        "observation" => new(id, "observing CHMT meetings", ActivityKind.Research, new DataCollection(CoProduction.Protocols.DataCollectionMethod.Observation, CoProduction.Protocols.RespondentGroup.DistrictManagers), on, Manager),
        "feedback" => new(id, "feedback to the county", ActivityKind.Feedback, null, on, Manager),
        _ => new(id, "something unplanned", ActivityKind.Intervention, null, on, new MemberId("stranger")),
    };
}
