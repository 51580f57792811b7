using System.Linq;
using CoProduction.Cycles;
using CoProduction.Sites;
using NodaTime;
using static CoProduction.Tests.Cycles.KilifiSite;

namespace CoProduction.Tests.Cycles;

public sealed class CycleTransitionTests
{
    private readonly CycleRules rules = Rules();

    [Fact]
    public void A_started_cycle_is_planning_at_its_site_in_the_site_zone()
    {
        var cycle = Start();
        Assert.Equal(CycleStage.Planning, cycle.Stage);
        Assert.Equal(Site, cycle.State.Site);
        Assert.Equal("Africa/Nairobi", cycle.State.TimeZoneId);
        Assert.Equal(new LocalDate(2016, 1, 11), cycle.State.StartedOn);
        Assert.Equal(1, cycle.Version);
        Assert.Equal(0, cycle.CommittedVersion);
        Assert.IsType<CycleStarted>(Assert.Single(cycle.UncommittedEvents));
        Assert.Equal("cycle-kilifi-2016", cycle.StreamId.Value);
    }

    [Fact]
    public void The_start_date_is_the_site_calendar_day_not_the_utc_day()
    {
        // 22:30 UTC on 10 January is already 11 January in Kilifi (UTC+3).
        var cycle = Cycle.Start(new CycleOpening(new CycleId("late"), Site, 1, "focus"), Rules().At(Instant.FromUtc(2016, 1, 10, 22, 30), ByResearcher));
        Assert.Equal(new LocalDate(2016, 1, 11), cycle.State.StartedOn);
    }

    [Fact]
    public void Leaving_planning_needs_at_least_one_planned_activity()
    {
        var cycle = Start();
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2016, 2, 1), ByResearcher)));
        Assert.Equal(CycleStage.Planning, ex.State);
        Assert.Equal(CycleTrigger.StartActing, ex.Trigger);
        Assert.Equal(RefusalKind.GuardsUnmet, ex.Refusal.Kind);
        Assert.Contains(CycleMachine.NoActivity.Description, ex.Refusal.UnmetGuards.Select(g => g.Description));
        Assert.Contains("The plan has no activity yet", ex.Reasons);
        Assert.DoesNotContain(CycleTrigger.StartActing, ex.PermittedTriggers.Cast<CycleTrigger>());
        Assert.Contains(CycleTrigger.PlanActivity, ex.PermittedTriggers.Cast<CycleTrigger>());
    }

    [Fact]
    public void Leaving_planning_needs_an_endorsement_by_a_manager()
    {
        var cycle = Start();
        cycle.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), ByResearcher));
        cycle.EndorsePlan(Researcher, rules.At(On(2016, 2, 1), ByResearcher));
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher)));
        Assert.Single(ex.Reasons);
        Assert.StartsWith("No manager has endorsed the current plan", ex.Reasons[0], System.StringComparison.Ordinal);
    }

    [Fact]
    public void Leaving_planning_needs_an_endorsement_by_a_researcher()
    {
        var cycle = Start();
        cycle.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), ByResearcher));
        cycle.EndorsePlan(Manager, rules.At(On(2016, 2, 1), ByResearcher));
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher)));
        Assert.StartsWith("No researcher has endorsed", Assert.Single(ex.Reasons), System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_endorsement_counts_by_the_role_held_on_its_date()
    {
        // The former district manager left on 2013-03-03: the same person endorsing before and after.
        var cycle = Cycle.Start(new CycleOpening(new CycleId("kilifi-2013"), Site, 1, "priority setting"), Rules().At(On(2013, 1, 7), ByResearcher));
        cycle.PlanActivity(Interviews(2013), rules.At(On(2013, 1, 8), ByResearcher));
        cycle.EndorsePlan(Researcher, rules.At(On(2013, 2, 1), ByResearcher));
        cycle.EndorsePlan(LeftManager, rules.At(On(2013, 3, 2), ByResearcher));
        cycle.StartActing(rules.At(On(2013, 3, 4), ByResearcher));
        Assert.Equal(CycleStage.Acting, cycle.Stage);
    }

    [Fact]
    public void A_member_who_has_left_cannot_endorse()
    {
        var cycle = Start();
        cycle.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), ByResearcher));
        var ex = CycleAssert.Rejected(cycle, () => cycle.EndorsePlan(LeftManager, rules.At(On(2016, 2, 1), ByResearcher)));
        Assert.Contains("holds no role at site kilifi on 2016-02-01", Assert.Single(ex.Reasons), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_health_worker_endorsement_does_not_make_the_plan_collective()
    {
        var cycle = Start();
        cycle.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), ByResearcher));
        cycle.EndorsePlan(Researcher, rules.At(On(2016, 2, 1), ByResearcher));
        cycle.EndorsePlan(HealthWorker, rules.At(On(2016, 2, 1), ByResearcher));
        Assert.Throws<CommandRejectedException>(() => cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher)));
    }

    [Fact]
    public void Changing_the_plan_after_endorsement_asks_for_endorsement_again()
    {
        var cycle = Planned(rules);
        cycle.PlanActivity(FacilityFinancing() with { Id = new ActivityId("observation"), DataCollection = null, Title = "observe meetings" }, rules.At(On(2016, 2, 3), ByResearcher));
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher)));
        Assert.Contains(ex.Reasons, r => r.Contains("before the plan last changed", System.StringComparison.Ordinal));
        cycle.EndorsePlan(Researcher, rules.At(On(2016, 2, 4), ByResearcher));
        cycle.EndorsePlan(Manager, rules.At(On(2016, 2, 4), ByResearcher));
        cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher));
        Assert.Equal(CycleStage.Acting, cycle.Stage);
    }

    [Fact]
    public void A_relaxed_policy_accepts_one_endorsement_by_any_member_with_a_role()
    {
        var relaxed = Rules(new CyclePolicy { RequireCollectiveEndorsement = false });
        var cycle = Start();
        cycle.PlanActivity(Interviews(), relaxed.At(On(2016, 1, 20), ByResearcher));
        Assert.Throws<CommandRejectedException>(() => cycle.StartActing(relaxed.At(On(2016, 2, 15), ByResearcher)));
        cycle.EndorsePlan(Researcher, relaxed.At(On(2016, 2, 1), ByResearcher));
        cycle.StartActing(relaxed.At(On(2016, 2, 15), ByResearcher));
        Assert.Equal(CycleStage.Acting, cycle.Stage);
    }

    [Fact]
    public void Leaving_planning_needs_every_data_collecting_activity_covered_with_the_gate_reasons()
    {
        var cycle = EndorsedPlan(rules, 2016, FacilityFinancing());
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher)));
        // Both dates fail the same way: the reason is given once, naming both.
        Assert.StartsWith(
            "Planned activity 'interviews with facility managers on facility financing' is not covered by any approved protocol on 2016-03-01 (its planned date) nor on 2016-02-15 (the day acting starts): amend protocol KWTRP-2 or open a sub-study protocol",
            Assert.Single(ex.Reasons),
            System.StringComparison.Ordinal);
        Assert.Equal([CycleMachine.NotCovered.Description], ex.Refusal.UnmetGuards.Select(g => g.Description));

        var availability = cycle.Availability(On(2016, 2, 15), rules).Single(a => a.Trigger == CycleTrigger.StartActing);
        Assert.False(availability.IsPermitted);
        Assert.Equal(ex.Reasons, availability.Reasons);
    }

    [Fact]
    public void The_gate_is_asked_on_the_day_acting_starts_as_well_as_on_the_planned_date()
    {
        // Interviews are approved until 2017-12-31; planned inside, but acting would start after the approval lapsed.
        var cycle = EndorsedPlan(rules, 2017, Interviews(2017) with { PlannedOn = new LocalDate(2017, 12, 1) });
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2018, 1, 2), ByResearcher)));
        Assert.Contains("on 2018-01-02", Assert.Single(ex.Reasons), System.StringComparison.Ordinal);
        cycle.StartActing(rules.At(On(2017, 11, 30), ByResearcher));
        Assert.Equal(CycleStage.Acting, cycle.Stage);
    }

    [Fact]
    public void An_activity_without_data_collection_is_not_asked_of_the_gate()
    {
        var cycle = EndorsedPlan(rules, 2016, Feedback());
        cycle.StartActing(rules.At(On(2016, 2, 15), ByResearcher));
        Assert.Equal(CycleStage.Acting, cycle.Stage);
    }

    [Fact]
    public void Endorsing_an_empty_plan_is_blocked_by_its_guard()
    {
        var cycle = Start();
        var ex = CycleAssert.Rejected(cycle, () => cycle.EndorsePlan(Researcher, rules.At(On(2016, 2, 1), ByResearcher)));
        Assert.Equal(RefusalKind.GuardsUnmet, ex.Refusal.Kind);
        Assert.Equal([CycleMachine.NoActivity.Description], ex.Refusal.UnmetGuards.Select(g => g.Description));
        Assert.Equal(["The plan has no activity yet"], ex.Reasons);
    }

    [Fact]
    public void Leaving_acting_needs_an_action()
    {
        var cycle = Acting(rules);
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartReflecting(rules.At(On(2016, 8, 1), ByResearcher)));
        Assert.Equal([CycleMachine.NoAction.Description], ex.Refusal.UnmetGuards.Select(g => g.Description));
        Assert.Equal(["No action is recorded yet"], ex.Reasons);
        cycle.RecordAction(new CycleAction(new ActivityId("feedback"), new LocalDate(2016, 3, 1), "briefed the CHMT", []), rules.At(On(2016, 3, 1), ByResearcher));
        cycle.StartReflecting(rules.At(On(2016, 8, 1), ByResearcher));
        Assert.Equal(CycleStage.Reflecting, cycle.Stage);
    }

    [Fact]
    public void Leaving_reflecting_needs_a_reflection_with_a_manager_present()
    {
        var cycle = Reflecting(rules);
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartEvaluating(rules.At(On(2016, 9, 1), ByResearcher)));
        Assert.Equal(["No reflection is recorded yet"], ex.Reasons);

        cycle.RecordReflection(
            new Reflection(ReflectionMeetingKind.AmongResearchers, new LocalDate(2016, 8, 5), [Researcher, SecondResearcher], ["fees matter"]),
            rules.At(On(2016, 8, 5), ByResearcher));
        ex = CycleAssert.Rejected(cycle, () => cycle.StartEvaluating(rules.At(On(2016, 9, 1), ByResearcher)));
        Assert.Contains("manager role", Assert.Single(ex.Reasons), System.StringComparison.Ordinal);

        var relaxed = Rules(new CyclePolicy { RequireManagerAtReflection = false });
        Assert.Contains(CycleTrigger.StartEvaluating, cycle.PermittedTriggers(On(2016, 9, 1), relaxed));

        cycle.RecordReflection(
            new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 8, 20), [Researcher, Manager], ["the county listens"]),
            rules.At(On(2016, 8, 20), ByResearcher));
        cycle.StartEvaluating(rules.At(On(2016, 9, 1), ByResearcher));
        Assert.Equal(CycleStage.Evaluating, cycle.Stage);
    }

    [Fact]
    public void Leaving_evaluating_needs_an_evaluation_of_every_planned_activity_naming_the_missing_ones()
    {
        var cycle = Evaluating(rules);
        cycle.RecordEvaluation(new Evaluation(new ActivityId("interviews"), EvaluationOutcome.Achieved, "transcripts"), rules.At(On(2016, 10, 1), ByResearcher));
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartRevising(rules.At(On(2016, 11, 1), ByResearcher)));
        Assert.Equal(["Planned activity 'feedback to county policy-makers' (feedback) is not evaluated yet"], ex.Reasons);
        cycle.RecordEvaluation(new Evaluation(new ActivityId("feedback"), EvaluationOutcome.Dropped, "no meeting held"), rules.At(On(2016, 10, 2), ByResearcher));
        Assert.DoesNotContain(CycleTrigger.RecordEvaluation, cycle.PermittedTriggers(On(2016, 11, 1), rules));
        cycle.StartRevising(rules.At(On(2016, 11, 1), ByResearcher));
        Assert.Equal(CycleStage.Revising, cycle.Stage);
    }

    [Fact]
    public void Completing_needs_a_revision_or_an_explicit_no_change_decision()
    {
        var cycle = Revising(rules);
        var ex = CycleAssert.Rejected(cycle, () => cycle.Complete(rules.At(On(2016, 12, 1), ByResearcher)));
        Assert.Equal([CycleMachine.NothingDecided.Description], ex.Refusal.UnmetGuards.Select(g => g.Description));
        Assert.Equal(["No revision or 'no change' decision is recorded yet"], ex.Reasons);
        cycle.DecideNoChange("the plan worked; repeat it", rules.At(On(2016, 11, 20), ByResearcher));
        cycle.Complete(rules.At(On(2016, 12, 1), ByResearcher));
        Assert.Equal(CycleStage.Completed, cycle.Stage);
        Assert.True(cycle.State.IsFinal);
    }

    [Fact]
    public void A_revision_and_a_no_change_decision_exclude_each_other()
    {
        var cycle = Revising(rules);
        cycle.DecideNoChange("repeat", rules.At(On(2016, 11, 20), ByResearcher));
        var ex = CycleAssert.Rejected(cycle, () => cycle.RecordRevision(new Revision([], [], ["a lesson"]), rules.At(On(2016, 11, 21), ByResearcher)));
        Assert.Equal([CycleMachine.NoChangeAlreadyDecided.Description], ex.Refusal.UnmetGuards.Select(g => g.Description));
        Assert.Equal(["'no change' is already decided"], ex.Reasons);
        CycleAssert.Rejected(cycle, () => cycle.DecideNoChange("again", rules.At(On(2016, 11, 21), ByResearcher)));

        var other = Revising(rules);
        other.RecordRevision(new Revision([], [], ["a lesson"]), rules.At(On(2016, 11, 21), ByResearcher));
        other.RecordRevision(new Revision([], [], ["another lesson"]), rules.At(On(2016, 11, 22), ByResearcher));
        CycleAssert.Rejected(other, () => other.DecideNoChange("nothing", rules.At(On(2016, 11, 23), ByResearcher)));
    }

    [Theory]
    [InlineData(CycleStage.Planning)]
    [InlineData(CycleStage.Acting)]
    [InlineData(CycleStage.Reflecting)]
    [InlineData(CycleStage.Evaluating)]
    [InlineData(CycleStage.Revising)]
    public void A_paused_cycle_resumes_in_the_stage_it_left(CycleStage stage)
    {
        var cycle = InStage(stage);
        cycle.Pause(ShockKind.ManagerialChange, "the county health director was replaced", rules.At(On(2016, 12, 20), ByResearcher));
        Assert.Equal(CycleStage.Paused, cycle.Stage);
        Assert.Equal(stage, cycle.State.PausedFrom);
        Assert.Equal([CycleTrigger.Resume, CycleTrigger.Abandon], cycle.PermittedTriggers(On(2016, 12, 21), rules));
        cycle.Resume(rules.At(On(2016, 12, 28), ByResearcher));
        Assert.Equal(stage, cycle.Stage);
        Assert.Null(cycle.State.PausedFrom);
    }

    [Theory]
    [InlineData(CycleStage.Planning)]
    [InlineData(CycleStage.Acting)]
    [InlineData(CycleStage.Reflecting)]
    [InlineData(CycleStage.Evaluating)]
    [InlineData(CycleStage.Revising)]
    [InlineData(CycleStage.Paused)]
    public void A_cycle_can_be_abandoned_from_any_open_stage_with_a_reason(CycleStage stage)
    {
        var cycle = stage == CycleStage.Paused ? InStage(CycleStage.Acting) : InStage(stage);
        if (stage == CycleStage.Paused)
        {
            cycle.Pause(ShockKind.Devolution, "functions moved to the county", rules.At(On(2016, 12, 20), ByResearcher));
        }

        cycle.Abandon("the county dissolved the team", rules.At(On(2016, 12, 30), ByResearcher));
        Assert.Equal(CycleStage.Abandoned, cycle.Stage);
        Assert.Equal("the county dissolved the team", cycle.State.AbandonReason);
        Assert.Empty(cycle.PermittedTriggers(On(2016, 12, 31), rules));
    }

    [Fact]
    public void Resume_when_not_paused_is_rejected_and_names_the_allowed_triggers()
    {
        var cycle = Acting(rules);
        var ex = CycleAssert.Rejected(cycle, () => cycle.Resume(rules.At(On(2016, 3, 1), ByResearcher)));
        Assert.Equal(RefusalKind.NotPossibleInState, ex.Refusal.Kind);
        Assert.Equal(CycleStage.Acting, ex.State);
        Assert.Equal(CycleTrigger.Resume, ex.Trigger);
        Assert.Equal(["Resume is not possible in Acting"], ex.Reasons);
        Assert.Equal([CycleTrigger.RecordAction, CycleTrigger.Pause, CycleTrigger.Abandon], ex.PermittedTriggers.Cast<CycleTrigger>());
    }

    [Fact]
    public void Pausing_a_paused_cycle_is_rejected()
    {
        var cycle = Acting(rules);
        cycle.Pause(ShockKind.Strike, "strike", rules.At(On(2016, 3, 1), ByResearcher));
        CycleAssert.Rejected(cycle, () => cycle.Pause(ShockKind.Strike, "again", rules.At(On(2016, 3, 2), ByResearcher)));
    }

    [Fact]
    public void Finished_cycles_accept_nothing_but_starting_the_next_once()
    {
        var completed = Completed(rules);
        Assert.Equal([CycleTrigger.StartNextCycle], completed.PermittedTriggers(On(2017, 1, 1), rules));
        CycleAssert.Rejected(completed, () => completed.Pause(ShockKind.Other, "x", rules.At(On(2017, 1, 1), ByResearcher)));
        CycleAssert.Rejected(completed, () => completed.Abandon("x", rules.At(On(2017, 1, 1), ByResearcher)));
        completed.StartNext(new CycleId("kilifi-2017"), "next", rules.At(On(2017, 1, 9), ByResearcher));
        var ex = CycleAssert.Rejected(completed, () => completed.StartNext(new CycleId("kilifi-2017b"), "again", rules.At(On(2017, 1, 10), ByResearcher)));
        Assert.Equal([CycleMachine.NextCycleAlreadyStarted.Description], ex.Refusal.UnmetGuards.Select(g => g.Description));
        Assert.Equal(["A next cycle is already started from it"], ex.Reasons);
    }

    [Fact]
    public void Availability_lists_every_trigger_with_reasons_for_the_blocked_ones()
    {
        var cycle = Start();
        var availability = cycle.Availability(On(2016, 1, 12), rules);
        Assert.Equal(System.Enum.GetValues<CycleTrigger>(), availability.Select(a => a.Trigger));
        Assert.Equal(
            [CycleTrigger.PlanActivity, CycleTrigger.Pause, CycleTrigger.Abandon],
            availability.Where(a => a.IsPermitted).Select(a => a.Trigger));
        Assert.All(availability.Where(a => !a.IsPermitted), a => Assert.NotEmpty(a.Reasons));
        Assert.Equal(
            ["Resume is not possible in Planning"],
            availability.Single(a => a.Trigger == CycleTrigger.Resume).Reasons);
    }

    [Fact]
    public void The_rejection_message_says_what_was_tried_in_which_stage_why_and_what_is_allowed()
    {
        var cycle = Start();
        var ex = CycleAssert.Rejected(cycle, () => cycle.StartActing(rules.At(On(2016, 2, 1), ByResearcher)));
        Assert.Equal(
            "Cannot StartActing cycle 'kilifi-2016' in state Planning: The plan has no activity yet; No researcher has endorsed the current plan (by the roles held at the site on the day of endorsement); No manager has endorsed the current plan (by the roles held at the site on the day of endorsement): collective leadership needs one. Allowed now: PlanActivity, Pause, Abandon.",
            ex.Message);
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
