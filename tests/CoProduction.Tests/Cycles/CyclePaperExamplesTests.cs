using System.Linq;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Sites;
using NodaTime;
using static CoProduction.Tests.Cycles.KilifiSite;

namespace CoProduction.Tests.Cycles;

/// <summary>The paper's learning sites, as cycles.</summary>
public sealed class CyclePaperExamplesTests
{
    [Fact]
    public void An_annual_cycle_at_Kilifi_runs_plan_act_reflect_evaluate_revise_and_seeds_the_next_year()
    {
        var rules = Rules();
        var y2016 = Completed(rules);

        Assert.Equal(
            ["cycle.started", "cycle.activity-planned", "cycle.activity-planned", "cycle.plan-endorsed", "cycle.plan-endorsed", "cycle.acting-started", "cycle.action-recorded", "cycle.reflecting-started", "cycle.reflection-recorded", "cycle.evaluating-started", "cycle.evaluation-recorded", "cycle.evaluation-recorded", "cycle.revising-started", "cycle.revision-recorded", "cycle.completed"],
            y2016.History.Select(CycleJson.WireName));

        var y2017 = y2016.StartNext(new CycleId("kilifi-2017"), "Implementing the Facility Improvement Fund Act", rules.At(On(2017, 1, 9), ByResearcher));
        Assert.Equal(new CycleId("kilifi-2017"), y2016.State.NextCycle);
        Assert.Equal(y2016.Id, y2017.State.PreviousCycle);
        Assert.Equal(y2016.State.Number + 1, y2017.State.Number);
        Assert.Equal(Site, y2017.State.Site);
        Assert.Equal(CycleStage.Planning, y2017.Stage);

        // Interviews adopted, feedback adapted, the fund act newly proposed: all carried forward as proposals.
        Assert.Equal(["interviews", "feedback", "fif-act"], y2017.State.Proposals.Select(p => p.Id.Value));
        Assert.Equal("Adapted: brief the county assembly's health committee too", y2017.State.Proposals[1].Rationale);
        Assert.Equal(InterviewManagers, y2017.State.Proposals[0].DataCollection);
        Assert.Empty(y2017.State.Activities);
    }

    [Fact]
    public void A_monthly_workshop_cycle_at_Sedibeng_runs_around_a_leadership_workshop()
    {
        // Sedibeng's second protocol (2016): monthly leadership support workshops with senior and middle managers, an external facilitator, diaries and observations.
        var site = new SiteId("sedibeng");
        var zone = DateTimeZoneProviders.Tzdb["Africa/Johannesburg"];
        var researcher = new MemberId("lucy");
        var senior = new MemberId("district-manager");
        var middle = new MemberId("facility-manager-1");
        var facilitator = new MemberId("external-facilitator");
        var roster = new TestRoster()
            .Register(site, "Africa/Johannesburg")
            .Add(site, researcher, MemberRole.Researcher, new LocalDate(2014, 1, 1))
            .Add(site, senior, MemberRole.Manager(ManagementLevel.District, Seniority.Senior), new LocalDate(2014, 1, 1))
            .Add(site, middle, MemberRole.Manager(ManagementLevel.Facility, Seniority.Middle), new LocalDate(2014, 1, 1))
            .Add(site, facilitator, new MemberRole(RoleKind.ExternalFacilitator), new LocalDate(2015, 1, 1));
        var gate = new TestEthicsGate()
            .Approve(new ProtocolId("WITS-SED-2"), DataCollectionMethod.WorkshopObservation, RespondentGroup.SubDistrictManagers, site, new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31))
            .Approve(new ProtocolId("WITS-SED-2"), DataCollectionMethod.Diary, RespondentGroup.FacilityManagers, site, new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
        var rules = new CycleRules(gate, roster, DateTimeZoneProviders.Tzdb);
        Instant At(int month, int day, int hour = 10) => new LocalDateTime(2016, month, day, hour, 0).InZoneStrictly(zone).ToInstant();
        var by = Actor.Member(researcher);

        var cycle = Cycle.Start(new CycleOpening(new CycleId("sed-workshop-2016-05"), site, 17, "Leadership support workshop: managing conflict") { ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Planning, Period.FromWeeks(1)), new ExpectedStageLength(CycleStage.Acting, Period.FromWeeks(1)), new ExpectedStageLength(CycleStage.Reflecting, Period.FromWeeks(1))] }, rules.At(At(5, 2), by));
        cycle.PlanActivity(new PlannedActivity(new ActivityId("workshop"), "monthly leadership workshop", ActivityKind.Facilitation, null, new LocalDate(2016, 5, 12), facilitator), rules.At(At(5, 3), by));
        cycle.PlanActivity(new PlannedActivity(new ActivityId("observe"), "observe the workshop", ActivityKind.Research, new DataCollection(DataCollectionMethod.WorkshopObservation, RespondentGroup.SubDistrictManagers), new LocalDate(2016, 5, 12), researcher), rules.At(At(5, 3), by));
        cycle.PlanActivity(new PlannedActivity(new ActivityId("diaries"), "managers' diaries", ActivityKind.Research, new DataCollection(DataCollectionMethod.Diary, RespondentGroup.FacilityManagers), new LocalDate(2016, 5, 13), researcher, "managers try the conflict tools"), rules.At(At(5, 3), by));
        cycle.EndorsePlan(researcher, rules.At(At(5, 5), by));
        cycle.EndorsePlan(senior, rules.At(At(5, 5), Actor.Member(senior)));
        Assert.Equal(At(5, 9), cycle.CurrentStageExpectedEnd(DateTimeZoneProviders.Tzdb));
        cycle.StartActing(rules.At(At(5, 9), by));

        cycle.RecordAction(new CycleAction(new ActivityId("workshop"), new LocalDate(2016, 5, 12), "workshop held with 14 managers", []), rules.At(At(5, 12, 17), by));
        cycle.RecordAction(new CycleAction(new ActivityId("observe"), new LocalDate(2016, 5, 12), "observed", ["field notes"]), rules.At(At(5, 12, 18), by));
        cycle.RecordAction(new CycleAction(new ActivityId("diaries"), new LocalDate(2016, 5, 13), "diaries handed out", []), rules.At(At(5, 13), by));
        cycle.StartReflecting(rules.At(At(5, 16), by));
        cycle.RecordReflection(new Reflection(ReflectionMeetingKind.AfterWorkshop, new LocalDate(2016, 5, 16), [researcher, facilitator, middle], ["managers want peer support between workshops"]), rules.At(At(5, 16, 15), by));
        cycle.StartEvaluating(rules.At(At(5, 20), by));
        cycle.RecordEvaluation(new Evaluation(new ActivityId("workshop"), EvaluationOutcome.Achieved, "attendance register"), rules.At(At(5, 23), by));
        cycle.RecordEvaluation(new Evaluation(new ActivityId("observe"), EvaluationOutcome.Achieved, "field notes"), rules.At(At(5, 23), by));
        cycle.RecordEvaluation(new Evaluation(new ActivityId("diaries"), EvaluationOutcome.PartlyAchieved, "6 of 14 diaries kept", "fewer tried the tools than predicted"), rules.At(At(5, 23), by));
        cycle.StartRevising(rules.At(At(5, 24), by));
        cycle.RecordRevision(
            new Revision(
                [new ActivityRevision(new ActivityId("workshop"), RevisionDecision.Adopt, "keep the monthly rhythm"), new ActivityRevision(new ActivityId("diaries"), RevisionDecision.Adapt, "shorter weekly prompts")],
                [new ProposedActivity(new ActivityId("peer-groups"), "peer support groups between workshops", ActivityKind.Intervention, null)],
                ["tools stick when practised between workshops"]),
            rules.At(At(5, 25), by));
        cycle.Complete(rules.At(At(5, 27), by));

        var june = cycle.StartNext(new CycleId("sed-workshop-2016-06"), "Leadership support workshop: delegation", rules.At(At(5, 30), by));
        Assert.Equal(18, june.State.Number);
        Assert.Equal("Africa/Johannesburg", june.State.TimeZoneId);
        Assert.Equal(cycle.State.ExpectedStageLengths, june.State.ExpectedStageLengths);
        Assert.Equal(["workshop", "diaries", "peer-groups"], june.State.Proposals.Select(p => p.Id.Value));
    }

    [Fact]
    public void A_Kilifi_cycle_paused_by_the_2017_health_workers_strike_resumes_where_it_stopped()
    {
        var rules = Rules();
        var cycle = Acting(rules, 2017);
        cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2017, 3, 1), "first interviews", ["transcripts"]), rules.At(On(2017, 3, 2), ByResearcher));

        cycle.Pause(ShockKind.Strike, "nurses' strike across Kenyan counties; facilities closed", rules.At(On(2017, 6, 5), ByResearcher));
        Assert.Equal(CycleStage.Paused, cycle.Stage);
        CycleAssert.Rejected(cycle, () => cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2017, 7, 1), "x", []), rules.At(On(2017, 7, 1), ByResearcher)));

        cycle.Resume(rules.At(On(2017, 11, 2), ByResearcher));
        Assert.Equal(CycleStage.Acting, cycle.Stage);
        cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2017, 11, 10), "interviews on how hospitals coped with the strike", ["transcripts"]), rules.At(On(2017, 11, 10), ByResearcher));
        cycle.StartReflecting(rules.At(On(2017, 12, 1), ByResearcher));

        var acting = cycle.State.Timeline[1];
        var strike = On(2017, 11, 2) - On(2017, 6, 5);
        Assert.Equal(strike, acting.Paused);
        Assert.Equal((On(2017, 12, 1) - On(2017, 2, 15)) - strike, acting.LengthWithoutPauses(On(2018, 1, 1)));
        Assert.Equal(ShockKind.Strike, Assert.Single(cycle.State.Pauses).Shock);

        var replayed = Cycle.Rehydrate(cycle.StreamId, cycle.History.ToArray());
        Assert.Equal(cycle.State, replayed.State);
    }
}
