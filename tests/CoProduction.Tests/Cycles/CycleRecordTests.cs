using System;
using System.Linq;
using CoProduction.Cycles;
using NodaTime;
using static CoProduction.Tests.Cycles.KilifiSite;

namespace CoProduction.Tests.Cycles;

public sealed class CycleRecordTests
{
    private readonly CycleRules rules = Rules();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_text_is_an_argument_error_and_records_nothing(string? text)
    {
        var planning = Start();
        CycleAssert.Unchanged<ArgumentException>(planning, () => planning.PlanActivity(Interviews() with { Title = text! }, rules.At(On(2016, 1, 20), ByResearcher)));
        CycleAssert.Unchanged<ArgumentException>(planning, () => planning.PlanActivity(Interviews() with { Prediction = text ?? " " }, rules.At(On(2016, 1, 20), ByResearcher)));
        CycleAssert.Unchanged<ArgumentException>(planning, () => planning.Pause(ShockKind.Strike, text!, rules.At(On(2016, 1, 20), ByResearcher)));
        CycleAssert.Unchanged<ArgumentException>(planning, () => planning.Abandon(text!, rules.At(On(2016, 1, 20), ByResearcher)));

        var acting = Acting(rules);
        CycleAssert.Unchanged<ArgumentException>(acting, () => acting.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2016, 3, 1), text!, []), rules.At(On(2016, 3, 2), ByResearcher)));
        CycleAssert.Unchanged<ArgumentException>(acting, () => acting.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2016, 3, 1), "done", [text!]), rules.At(On(2016, 3, 2), ByResearcher)));

        var reflecting = Reflecting(rules);
        CycleAssert.Unchanged<ArgumentException>(reflecting, () => reflecting.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 8, 2), [Researcher], [text!]), rules.At(On(2016, 8, 3), ByResearcher)));

        var evaluating = Evaluating(rules);
        CycleAssert.Unchanged<ArgumentException>(evaluating, () => evaluating.RecordEvaluation(new Evaluation(new ActivityId("interviews"), EvaluationOutcome.Achieved, text!), rules.At(On(2016, 10, 1), ByResearcher)));

        var revising = Revising(rules);
        CycleAssert.Unchanged<ArgumentException>(revising, () => revising.DecideNoChange(text!, rules.At(On(2016, 11, 20), ByResearcher)));
        CycleAssert.Unchanged<ArgumentException>(revising, () => revising.RecordRevision(new Revision([], [], [text!]), rules.At(On(2016, 11, 20), ByResearcher)));
        CycleAssert.Unchanged<ArgumentException>(revising, () => revising.RecordRevision(new Revision([new ActivityRevision(new ActivityId("interviews"), RevisionDecision.Adopt, text!)], [], []), rules.At(On(2016, 11, 20), ByResearcher)));
    }

    [Fact]
    public void Starting_a_cycle_checks_its_arguments()
    {
        Assert.ThrowsAny<ArgumentException>(() => Cycle.Start(new CycleOpening(new CycleId("c"), Site, 0, "focus"), Rules().At(On(2016, 1, 1), ByResearcher)));
        Assert.ThrowsAny<ArgumentException>(() => Cycle.Start(new CycleOpening(new CycleId("c"), Site, 1, " "), Rules().At(On(2016, 1, 1), ByResearcher)));
        Assert.ThrowsAny<ArgumentException>(() => Cycle.Start(new CycleOpening(default, Site, 1, "focus"), Rules().At(On(2016, 1, 1), ByResearcher)));
        Assert.ThrowsAny<ArgumentException>(() => Cycle.Start(new CycleOpening(new CycleId("c"), Site, 1, "focus"), Rules().At(On(2016, 1, 1), default)));
        Assert.ThrowsAny<ArgumentException>(() => Cycle.Start(new CycleOpening(new CycleId("c"), Site, 1, "focus"), default));
        var unknown = Assert.Throws<CoProduction.Protocols.UnknownSiteException>(() => Cycle.Start(new CycleOpening(new CycleId("c"), new SiteId("elsewhere"), 1, "focus"), Rules().At(On(2016, 1, 1), ByResearcher)));
        Assert.Equal([new SiteId("elsewhere")], unknown.UnknownSites);
        Assert.ThrowsAny<ArgumentException>(() => Cycle.Start(new CycleOpening(new CycleId("c"), Site, 1, "focus") { ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Completed, Period.FromMonths(1))] }, Rules().At(On(2016, 1, 1), ByResearcher)));
        Assert.ThrowsAny<ArgumentException>(() => Cycle.Start(new CycleOpening(new CycleId("c"), Site, 1, "focus") { ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Acting, Period.FromMonths(1)), new ExpectedStageLength(CycleStage.Acting, Period.FromMonths(2))] }, Rules().At(On(2016, 1, 1), ByResearcher)));
    }

    [Fact]
    public void Missing_rules_or_actor_are_argument_errors()
    {
        var cycle = Start();
        CycleAssert.Unchanged<ArgumentException>(cycle, () => cycle.PlanActivity(Interviews(), default));
        CycleAssert.Unchanged<ArgumentException>(cycle, () => cycle.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), default)));
        CycleAssert.Unchanged<ArgumentNullException>(cycle, () => cycle.PlanActivity(null!, rules.At(On(2016, 1, 20), ByResearcher)));
    }

    [Fact]
    public void Planning_the_same_activity_twice_is_rejected()
    {
        var cycle = Start();
        cycle.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), ByResearcher));
        var ex = CycleAssert.Rejected(cycle, () => cycle.PlanActivity(Interviews(), rules.At(On(2016, 1, 21), ByResearcher)));
        Assert.Equal(["Activity interviews is already in the plan"], ex.Reasons);
    }

    [Fact]
    public void An_activity_dated_before_the_cycle_began_is_rejected()
    {
        var cycle = Start();
        var ex = CycleAssert.Rejected(cycle, () => cycle.PlanActivity(Interviews() with { PlannedOn = new LocalDate(2015, 12, 1) }, rules.At(On(2016, 1, 20), ByResearcher)));
        Assert.Equal(["Activity 'interviews with sub-county managers' is dated 2015-12-01, before the cycle began on 2016-01-11"], ex.Reasons);
    }

    [Fact]
    public void An_unknown_lead_or_endorser_or_attendee_is_rejected()
    {
        var stranger = new MemberId("stranger");
        var cycle = Start();
        CycleAssert.Rejected(cycle, () => cycle.PlanActivity(Interviews() with { Lead = stranger }, rules.At(On(2016, 1, 20), ByResearcher)));
        cycle.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), ByResearcher));
        var ex = CycleAssert.Rejected(cycle, () => cycle.EndorsePlan(stranger, rules.At(On(2016, 2, 1), ByResearcher)));
        Assert.Equal(["Member stranger (endorser) is not known at site kilifi"], ex.Reasons);

        var reflecting = Reflecting(rules);
        CycleAssert.Rejected(reflecting, () => reflecting.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 8, 2), [Researcher, stranger], ["x"]), rules.At(On(2016, 8, 3), ByResearcher)));
    }

    [Fact]
    public void The_same_member_cannot_endorse_the_same_plan_twice()
    {
        var cycle = Start();
        cycle.PlanActivity(Interviews(), rules.At(On(2016, 1, 20), ByResearcher));
        cycle.EndorsePlan(Researcher, rules.At(On(2016, 2, 1), ByResearcher));
        CycleAssert.Rejected(cycle, () => cycle.EndorsePlan(Researcher, rules.At(On(2016, 2, 2), ByResearcher)));
    }

    [Fact]
    public void An_action_on_an_unplanned_activity_or_outside_the_cycle_dates_is_rejected()
    {
        var cycle = Acting(rules);
        CycleAssert.Rejected(cycle, () => cycle.RecordAction(new CycleAction(new ActivityId("nope"), new LocalDate(2016, 3, 1), "x", []), rules.At(On(2016, 3, 2), ByResearcher)));
        CycleAssert.Rejected(cycle, () => cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2016, 1, 1), "x", []), rules.At(On(2016, 3, 2), ByResearcher)));
        var ex = CycleAssert.Rejected(cycle, () => cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2016, 3, 5), "x", []), rules.At(On(2016, 3, 2), ByResearcher)));
        Assert.Contains("record it once it has happened", Assert.Single(ex.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_dated_before_the_latest_event_is_rejected()
    {
        var cycle = Acting(rules);
        var ex = CycleAssert.Rejected(cycle, () => cycle.Pause(ShockKind.Strike, "strike", rules.At(On(2016, 2, 1), ByResearcher)));
        Assert.Contains("history is kept in order", Assert.Single(ex.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluations_are_for_planned_activities_once_each()
    {
        var cycle = Evaluating(rules);
        var never = CycleAssert.Rejected(cycle, () => cycle.RecordEvaluation(new Evaluation(new ActivityId("workshops"), EvaluationOutcome.Achieved, "x"), rules.At(On(2016, 10, 1), ByResearcher)));
        Assert.Equal(["Activity workshops was never planned in this cycle"], never.Reasons);
        cycle.RecordEvaluation(new Evaluation(new ActivityId("interviews"), EvaluationOutcome.Achieved, "x"), rules.At(On(2016, 10, 1), ByResearcher));
        var twice = CycleAssert.Rejected(cycle, () => cycle.RecordEvaluation(new Evaluation(new ActivityId("interviews"), EvaluationOutcome.NotAchieved, "y"), rules.At(On(2016, 10, 2), ByResearcher)));
        Assert.Equal(["Activity interviews is already evaluated"], twice.Reasons);
    }

    [Fact]
    public void Revision_decisions_are_for_planned_activities_once_each_and_proposals_need_new_ids()
    {
        var cycle = Revising(rules);
        CycleAssert.Rejected(cycle, () => cycle.RecordRevision(new Revision([new ActivityRevision(new ActivityId("nope"), RevisionDecision.Adopt, "x")], [], []), rules.At(On(2016, 11, 20), ByResearcher)));
        CycleAssert.Rejected(cycle, () => cycle.RecordRevision(new Revision([], [new ProposedActivity(new ActivityId("interviews"), "again", ActivityKind.Research, null)], []), rules.At(On(2016, 11, 20), ByResearcher)));
        cycle.RecordRevision(new Revision([new ActivityRevision(new ActivityId("interviews"), RevisionDecision.Abandon, "saturated")], [], []), rules.At(On(2016, 11, 20), ByResearcher));
        CycleAssert.Rejected(cycle, () => cycle.RecordRevision(new Revision([new ActivityRevision(new ActivityId("interviews"), RevisionDecision.Adopt, "changed our minds")], [], []), rules.At(On(2016, 11, 21), ByResearcher)));
        CycleAssert.Unchanged<ArgumentException>(cycle, () => cycle.RecordRevision(new Revision([], [], []), rules.At(On(2016, 11, 21), ByResearcher)));
    }

    [Fact]
    public void Reflections_need_attendees_without_duplicates_and_insights()
    {
        var cycle = Reflecting(rules);
        CycleAssert.Unchanged<ArgumentException>(cycle, () => cycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 8, 2), [], ["x"]), rules.At(On(2016, 8, 3), ByResearcher)));
        CycleAssert.Unchanged<ArgumentException>(cycle, () => cycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 8, 2), [Researcher, Researcher], ["x"]), rules.At(On(2016, 8, 3), ByResearcher)));
        CycleAssert.Unchanged<ArgumentException>(cycle, () => cycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 8, 2), [Researcher], []), rules.At(On(2016, 8, 3), ByResearcher)));
        CycleAssert.Rejected(cycle, () => cycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2015, 8, 2), [Researcher], ["x"]), rules.At(On(2016, 8, 3), ByResearcher)));
    }

    [Fact]
    public void An_action_whose_approval_lapsed_is_refused_by_default_with_the_gate_reasons()
    {
        var cycle = EndorsedPlan(rules, 2017, Interviews(2017));
        cycle.StartActing(rules.At(On(2017, 2, 15), ByResearcher));
        var ex = CycleAssert.Rejected(cycle, () => cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2018, 1, 3), "two more interviews", []), rules.At(On(2018, 1, 4), ByResearcher)));
        Assert.StartsWith(
            "Action on activity 'interviews with sub-county managers' is not covered by any approved protocol on 2018-01-03: amend protocol KWTRP-2 or open a sub-study protocol",
            Assert.Single(ex.Reasons),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Under_the_deviation_policy_a_lapsed_action_is_recorded_with_the_gate_reasons_never_silently()
    {
        var lenient = Rules(new CyclePolicy { OutOfApprovalActions = OutOfApprovalActions.RecordWithDeviation });
        var cycle = EndorsedPlan(lenient, 2017, Interviews(2017));
        cycle.StartActing(lenient.At(On(2017, 2, 15), ByResearcher));
        cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2017, 3, 1), "covered interviews", []), lenient.At(On(2017, 3, 1), ByResearcher));
        cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2018, 1, 3), "two more interviews", ["2 transcripts"]), lenient.At(On(2018, 1, 4), ByResearcher));

        Assert.IsType<ActionRecorded>(cycle.History[^2]);
        var deviation = Assert.IsType<ActionRecordedOutsideApproval>(cycle.History[^1]);
        Assert.Equal(new LocalDate(2018, 1, 3), deviation.Lapse.On);
        Assert.Equal(["amend protocol KWTRP-2", "open a sub-study protocol"], deviation.Lapse.Remedies);
        Assert.NotEmpty(deviation.Lapse.Reasons);
        Assert.Equal(2, cycle.State.Actions.Count);
        Assert.Equal(deviation.Lapse, Assert.Single(cycle.State.ApprovalLapses));
    }

    [Fact]
    public void Planning_a_proposal_needs_a_proposal_carried_forward()
    {
        var next = Completed(rules).StartNext(new CycleId("kilifi-2017"), "county fund act", rules.At(On(2017, 1, 9), ByResearcher));
        var ex = CycleAssert.Rejected(next, () => next.PlanProposedActivity(new ActivityId("nope"), new LocalDate(2017, 3, 1), Researcher, rules.At(On(2017, 1, 10), ByResearcher)));
        Assert.Equal(["No activity nope was carried forward to this cycle"], ex.Reasons);
        next.PlanProposedActivity(new ActivityId("fif-act"), new LocalDate(2017, 3, 1), Manager, rules.At(On(2017, 1, 10), ByResearcher));
        CycleAssert.Rejected(next, () => next.PlanProposedActivity(new ActivityId("fif-act"), new LocalDate(2017, 3, 2), Manager, rules.At(On(2017, 1, 10), ByResearcher)));
        Assert.Equal("support the Facility Improvement Fund Act", next.State.Activities.Single().Title);
    }

    [Fact]
    public void Starting_the_next_cycle_needs_its_own_id_and_a_completed_cycle()
    {
        var completed = Completed(rules);
        CycleAssert.Unchanged<ArgumentException>(completed, () => completed.StartNext(completed.Id, "again", rules.At(On(2017, 1, 9), ByResearcher)));
        var open = Revising(rules);
        CycleAssert.Rejected(open, () => open.StartNext(new CycleId("kilifi-2017"), "again", rules.At(On(2017, 1, 9), ByResearcher)));
    }
}
