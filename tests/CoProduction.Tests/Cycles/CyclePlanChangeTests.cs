using System.Collections.Generic;
using System.Linq;
using CoProduction.Cycles;
using CoProduction.Tests.Kernel;
using NodaTime;
using static CoProduction.Tests.Cycles.KilifiSite;

namespace CoProduction.Tests.Cycles;

/// <summary>Withdrawing and re-dating planned activities, endorsements by plan revision, the working length during a pause, and the machine held to Stateless.</summary>
public sealed class CyclePlanChangeTests
{
    private readonly CycleRules rules = Rules();

    [Fact]
    public void Withdrawing_an_activity_asks_for_the_endorsements_again()
    {
        var cycle = Planned(rules);
        cycle.WithdrawActivity(new ActivityId("feedback"), rules.At(On(2016, 2, 3), ByResearcher));

        Assert.Equal([new ActivityId("interviews")], cycle.State.Activities.Select(a => a.Id));
        Assert.IsType<ActivityWithdrawn>(cycle.History[^1]);
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher)));
        Assert.Equal([CycleMachine.NotEndorsed.Description], ex.Refusal.UnmetGuards.Select(g => g.Description));
        Assert.Contains("2 endorsement(s) were given before the plan last changed: ask for them again", ex.Reasons);

        cycle.EndorsePlan(Researcher, rules.At(On(2016, 2, 4), ByResearcher));
        cycle.EndorsePlan(Manager, rules.At(On(2016, 2, 4), ByResearcher));
        cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher));
        Assert.Equal(CycleStage.Acting, cycle.Stage);
    }

    [Fact]
    public void Removing_then_adding_an_activity_is_not_mistaken_for_the_endorsed_plan()
    {
        // The plan had two activities when endorsed; after a withdrawal and an addition it has two again, but it is another plan.
        var cycle = Planned(rules);
        cycle.WithdrawActivity(new ActivityId("feedback"), rules.At(On(2016, 2, 3), ByResearcher));
        cycle.PlanActivity(FacilityFinancing() with { DataCollection = null, Title = "facility financing briefing, no data collected" }, rules.At(On(2016, 2, 3), ByResearcher));

        Assert.Equal(2, cycle.State.Activities.Count);
        Assert.Equal(4, cycle.State.PlanRevision);
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher)));
        Assert.Contains(CycleMachine.NotEndorsed.Description, ex.Refusal.UnmetGuards.Select(g => g.Description));
    }

    [Fact]
    public void A_member_may_endorse_again_after_the_plan_changed()
    {
        var cycle = Planned(rules);
        CycleAssert.Rejected(cycle, () => cycle.EndorsePlan(Researcher, rules.At(On(2016, 2, 2), ByResearcher)));
        cycle.RedateActivity(new ActivityId("feedback"), new LocalDate(2016, 9, 15), rules.At(On(2016, 2, 3), ByResearcher));
        cycle.EndorsePlan(Researcher, rules.At(On(2016, 2, 4), ByResearcher));
        Assert.Equal(cycle.State.PlanRevision, cycle.State.Endorsements[^1].PlanRevision);
    }

    [Fact]
    public void Re_dating_an_activity_moves_it_and_the_gate_is_asked_about_the_new_date()
    {
        // Interviews are approved until 2017-12-31: planned for 2018, acting is refused; re-dated into the approval, it is permitted.
        var cycle = EndorsedPlan(rules, 2017, Interviews(2017) with { PlannedOn = new LocalDate(2018, 2, 1) });
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2017, 11, 1), ByResearcher)));
        Assert.Contains("on 2018-02-01 (its planned date)", Assert.Single(ex.Reasons), System.StringComparison.Ordinal);

        cycle.RedateActivity(new ActivityId("interviews"), new LocalDate(2017, 11, 20), rules.At(On(2017, 10, 2), ByResearcher));
        Assert.Equal(new LocalDate(2017, 11, 20), Assert.Single(cycle.State.Activities).PlannedOn);
        Assert.Equal(new ActivityRedated(new ActivityId("interviews"), new LocalDate(2017, 11, 20), On(2017, 10, 2), ByResearcher), cycle.History[^1]);
        cycle.EndorsePlan(Researcher, rules.At(On(2017, 10, 3), ByResearcher));
        cycle.EndorsePlan(Manager, rules.At(On(2017, 10, 3), ByResearcher));
        cycle.StartActing(rules.At(On(2017, 11, 1), ByResearcher));
        Assert.Equal(CycleStage.Acting, cycle.Stage);
    }

    [Fact]
    public void Withdrawing_or_re_dating_checks_the_activity_and_the_date()
    {
        var empty = Start();
        var ex = CycleAssert.Rejected(empty, () => empty.WithdrawActivity(new ActivityId("interviews"), rules.At(On(2016, 1, 20), ByResearcher)));
        Assert.Equal(RefusalKind.GuardsUnmet, ex.Refusal.Kind);
        Assert.Equal([CycleMachine.NoActivity.Description], ex.Refusal.UnmetGuards.Select(g => g.Description));

        var cycle = Planned(rules);
        ex = CycleAssert.Rejected(cycle, () => cycle.WithdrawActivity(new ActivityId("nope"), rules.At(On(2016, 2, 3), ByResearcher)));
        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Equal(["Activity nope is not in the plan"], ex.Reasons);
        ex = CycleAssert.Rejected(cycle, () => cycle.RedateActivity(new ActivityId("interviews"), new LocalDate(2015, 12, 1), rules.At(On(2016, 2, 3), ByResearcher)));
        Assert.Equal(["Activity 'interviews with sub-county managers' is dated 2015-12-01, before the cycle began on 2016-01-11"], ex.Reasons);
        ex = CycleAssert.Rejected(cycle, () => cycle.RedateActivity(new ActivityId("interviews"), new LocalDate(2016, 3, 1), rules.At(On(2016, 2, 3), ByResearcher)));
        Assert.Equal(["Activity 'interviews with sub-county managers' is already planned on 2016-03-01"], ex.Reasons);
        CycleAssert.Unchanged<System.ArgumentException>(cycle, () => cycle.WithdrawActivity(default, rules.At(On(2016, 2, 3), ByResearcher)));

        var acting = Acting(rules);
        ex = CycleAssert.Rejected(acting, () => acting.WithdrawActivity(new ActivityId("interviews"), rules.At(On(2016, 3, 1), ByResearcher)));
        Assert.Equal(RefusalKind.NotPossibleInState, ex.Refusal.Kind);
        Assert.Equal(CycleTrigger.WithdrawActivity, ex.Trigger);
        Assert.Equal(CycleStage.Acting, ex.State);
        CycleAssert.Rejected(acting, () => acting.RedateActivity(new ActivityId("interviews"), new LocalDate(2016, 4, 1), rules.At(On(2016, 3, 1), ByResearcher)));
    }

    [Fact]
    public void A_stage_s_working_length_asked_during_a_pause_excludes_the_pause_so_far()
    {
        var cycle = Acting(rules);
        cycle.Pause(ShockKind.Strike, "health workers' strike", rules.At(On(2016, 3, 1), ByResearcher));

        var acting = cycle.State.Timeline[^1];
        Assert.Equal(On(2016, 3, 1), acting.PausedSince);
        Assert.Equal(On(2016, 3, 1) - On(2016, 2, 15), acting.LengthWithoutPauses(On(2016, 3, 11)));
        Assert.Equal(On(2016, 3, 1) - On(2016, 2, 15), acting.LengthWithoutPauses(On(2016, 5, 1)));

        cycle.Resume(rules.At(On(2016, 3, 11), ByResearcher));
        acting = cycle.State.Timeline[^1];
        Assert.Null(acting.PausedSince);
        Assert.Equal((On(2016, 3, 21) - On(2016, 2, 15)) - Duration.FromDays(10), acting.LengthWithoutPauses(On(2016, 3, 21)));
    }

    [Fact]
    public void A_pause_ended_by_abandoning_is_counted_and_no_longer_going_on()
    {
        var cycle = Acting(rules);
        cycle.Pause(ShockKind.Strike, "strike", rules.At(On(2016, 3, 1), ByResearcher));
        cycle.Abandon("the strike went on", rules.At(On(2016, 3, 6), ByResearcher));
        var acting = cycle.State.Timeline[^1];
        Assert.Null(acting.PausedSince);
        Assert.Equal(Duration.FromDays(5), acting.Paused);
        Assert.Equal(On(2016, 3, 1) - On(2016, 2, 15), acting.LengthWithoutPauses(On(2030, 1, 1)));
    }

    [Fact]
    public void The_library_decides_every_trigger_as_Stateless_does_in_every_stage_with_guards_met_and_unmet()
    {
        var relaxed = Rules(new CyclePolicy { RequireCollectiveEndorsement = false, RequireManagerAtReflection = false });
        var decisions = new List<CycleDecision>();
        void Add(Cycle cycle, Instant at)
        {
            decisions.Add(new CycleDecision(cycle.State, rules, at));
            decisions.Add(new CycleDecision(cycle.State, relaxed, at));
        }

        Add(Start(), On(2016, 1, 12));                                             // empty plan
        var unendorsed = Start();
        unendorsed.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), ByResearcher));
        Add(unendorsed, On(2016, 2, 15));                                          // not endorsed
        var researcherOnly = Start();
        researcherOnly.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), ByResearcher));
        researcherOnly.EndorsePlan(Researcher, rules.At(On(2016, 2, 1), ByResearcher));
        Add(researcherOnly, On(2016, 2, 15));                                      // endorsed by one: met only when relaxed
        Add(Planned(rules), On(2016, 2, 15));                                      // every guard met
        Add(EndorsedPlan(rules, 2016, FacilityFinancing()), On(2016, 2, 15));      // not covered
        Add(EndorsedPlan(rules, 2017, Interviews(2017)), On(2018, 1, 2));          // covered on its date, not today
        Add(Acting(rules), On(2016, 3, 1));                                        // no action
        Add(Reflecting(rules), On(2016, 8, 2));                                    // action, no reflection
        var researchersOnly = Reflecting(rules);
        researchersOnly.RecordReflection(
            new Reflection(ReflectionMeetingKind.AmongResearchers, new LocalDate(2016, 8, 5), [Researcher, SecondResearcher], ["fees matter"]),
            rules.At(On(2016, 8, 5), ByResearcher));
        Add(researchersOnly, On(2016, 9, 1));                                      // a reflection without a manager
        Add(Evaluating(rules), On(2016, 9, 20));                                   // nothing evaluated
        var halfEvaluated = Evaluating(rules);
        halfEvaluated.RecordEvaluation(new Evaluation(new ActivityId("interviews"), EvaluationOutcome.Achieved, "transcripts"), rules.At(On(2016, 10, 1), ByResearcher));
        Add(halfEvaluated, On(2016, 10, 2));
        Add(Revising(rules), On(2016, 11, 2));                                     // every activity evaluated, nothing decided
        var noChange = Revising(rules);
        noChange.DecideNoChange("repeat", rules.At(On(2016, 11, 20), ByResearcher));
        Add(noChange, On(2016, 11, 21));
        var completed = Completed(rules);
        Add(completed, On(2017, 1, 1));
        completed.StartNext(new CycleId("kilifi-2017"), "next", rules.At(On(2017, 1, 9), ByResearcher));
        Add(completed, On(2017, 1, 10));                                           // next cycle already started
        foreach (var stage in CycleMachine.WorkingStages)
        {
            var paused = InStage(stage);
            paused.Pause(ShockKind.Strike, "strike", rules.At(On(2016, 12, 20), ByResearcher));
            Add(paused, On(2016, 12, 21));
        }

        var abandoned = Acting(rules);
        abandoned.Abandon("gave up", rules.At(On(2016, 3, 1), ByResearcher));
        Add(abandoned, On(2016, 3, 2));

        Assert.Equal(
            System.Enum.GetValues<CycleStage>().Order(),
            decisions.Select(d => d.State.Stage).Distinct().Order());
        MachineAgreement.Check(CycleMachine.Machine, decisions, d => d.State.Stage);
    }

    private Cycle InStage(CycleStage stage) => stage switch
    {
        CycleStage.Planning => Start(),
        CycleStage.Acting => Acting(rules),
        CycleStage.Reflecting => Reflecting(rules),
        CycleStage.Evaluating => Evaluating(rules),
        CycleStage.Revising => Revising(rules),
        _ => throw new System.ArgumentOutOfRangeException(nameof(stage)),
    };
}
