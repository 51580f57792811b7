using System;
using System.Linq;
using CoProduction.Events;
using CoProduction.Ledger;
using CoProduction.Sites;
using CoProduction.Tests.Persistence;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ledger;

public sealed class LedgerEngagementTests
{
    private static readonly SiteId Kilifi = new("kilifi");
    private static readonly SiteId MitchellsPlain = new("mitchells-plain");
    private static readonly SiteId Sedibeng = new("sedibeng");
    private static readonly MemberId Benjamin = new("benjamin");
    private static readonly MemberId Amina = new("amina");
    private static readonly MemberId Vera = new("vera");
    private static readonly MemberId Lucy = new("lucy");
    private static readonly MemberId Thabo = new("thabo");

    private static EngagementRecording UserFeeFeedback(string id = "kilifi-user-fee-feedback") =>
        new(new EngagementId(id), Kilifi, "Hospital user-fee findings fed back to county policy-makers", new LocalDate(2016, 6, 14),
            new HigherLevelEngagement(SystemLevel.DistrictOrCounty, "Kilifi County health management team"))
        {
            Participants = [new EngagementParticipant(Benjamin, Kilifi), new EngagementParticipant(Amina, Kilifi)],
            Insights = [new InsightId("kilifi-user-fees")],
        };

    [Fact]
    public void Kilifi_hospital_user_fee_findings_fed_back_to_county_policy_makers_engage_a_higher_level()
    {
        var engagement = WiderEngagement.Record(UserFeeFeedback(), Stamp(At(1), Researcher));
        engagement.AddEffort(new EffortEntry(Kilifi, RoleKind.Researcher, 12m), Stamp(At(2), Researcher));
        engagement.AddEffort(new EffortEntry(Kilifi, RoleKind.Manager, 4.5m), Stamp(At(2), Researcher));
        engagement.AddEffort(new EffortEntry(Kilifi, RoleKind.Researcher, 3m), Stamp(At(3), Researcher));
        engagement.AddCost(new CostEntry(Kilifi, "venue and refreshments", new Money(15_000m, CurrencyCode.KenyanShilling)), Stamp(At(3), Researcher));

        Assert.Equal(WiderEngagementKind.EngagingHigherLevels, engagement.State.Kind);
        Assert.Equal(SystemLevel.DistrictOrCounty, engagement.State.HigherLevel!.Level);
        Assert.Null(engagement.State.Request);
        Assert.Equal([Kilifi], engagement.State.Sites);
        Assert.Equal(19.5m, engagement.State.TotalPersonHours);
        Assert.Equal(15m, engagement.State.PersonHoursBy(RoleKind.Researcher));
        Assert.Equal(4.5m, engagement.State.PersonHoursBy(RoleKind.Manager));
        Assert.Equal([new Money(15_000m, new CurrencyCode("KES"))], engagement.State.CostTotals());
        Assert.Equal(5, engagement.UncommittedEvents.Count);
        Assert.True(AggregateLaws.ReplayGivesTheLiveState(engagement, engagement.History, e => e.State));
        Assert.True(AggregateLaws.TheStoredJsonGivesTheLiveState(engagement, engagement.History, e => e.State));
    }

    [Fact]
    public void Teaching_in_the_University_of_Cape_Town_diploma_links_research_to_teaching()
    {
        var engagement = WiderEngagement.Record(
            new EngagementRecording(new EngagementId("uct-diploma-2017"), MitchellsPlain, "DIALHS insights taught in the diploma's leadership module", new LocalDate(2017, 4, 3),
                new TeachingLink("Postgraduate Diploma in Health Leadership", "University of Cape Town", "public sector health managers"))
            {
                Participants = [new EngagementParticipant(Vera, MitchellsPlain)],
                Insights = [new InsightId("dialhs-leadership")],
            },
            Stamp(At(1), Researcher));
        engagement.AddEffort(new EffortEntry(MitchellsPlain, RoleKind.Researcher, 24m), Stamp(At(2), Researcher));

        Assert.Equal(WiderEngagementKind.LinkingResearchToTeaching, engagement.State.Kind);
        Assert.Equal("University of Cape Town", engagement.State.Teaching!.Institution);
        Assert.Equal(24m, engagement.State.TotalPersonHours);
        Assert.True(AggregateLaws.TheStoredJsonGivesTheLiveState(engagement, engagement.History, e => e.State));
    }

    [Fact]
    public void Teaching_on_the_Witwatersrand_MPH_links_research_to_teaching()
    {
        var engagement = WiderEngagement.Record(
            new EngagementRecording(new EngagementId("wits-mph-2018"), Sedibeng, "Learning site insights in the Centre for Health Policy's MPH teaching", new LocalDate(2018, 2, 19),
                new TeachingLink("Master's in Public Health", "University of the Witwatersrand", "future health policy and systems researchers"))
            {
                Participants = [new EngagementParticipant(Lucy, Sedibeng)],
            },
            Stamp(At(1), Researcher));

        Assert.Equal(WiderEngagementKind.LinkingResearchToTeaching, engagement.State.Kind);
        Assert.Equal("Master's in Public Health", engagement.State.Teaching!.Course);
        Assert.Empty(engagement.State.Effort);
        Assert.Equal(0m, engagement.State.TotalPersonHours);
    }

    [Fact]
    public void A_managerial_exchange_visit_to_Kenya_has_participants_across_sites_and_costs_kept_per_currency()
    {
        var engagement = WiderEngagement.Record(
            new EngagementRecording(new EngagementId("mp-exchange-kilifi"), MitchellsPlain, "Managerial exchange visit to Kilifi", new LocalDate(2016, 9, 5),
                new WiderActivity(WiderActivityKind.ExchangeVisit, "Mitchell's Plain managers' exchange visit to Kenya"))
            {
                Participants = [new EngagementParticipant(Thabo, MitchellsPlain), new EngagementParticipant(Vera, MitchellsPlain), new EngagementParticipant(Benjamin, Kilifi)],
            },
            Stamp(At(1), Researcher));
        engagement.AddCost(new CostEntry(MitchellsPlain, "flights", new Money(18_400m, CurrencyCode.SouthAfricanRand)), Stamp(At(2), Researcher));
        engagement.AddCost(new CostEntry(Kilifi, "local transport", new Money(6_000m, CurrencyCode.KenyanShilling)), Stamp(At(2), Researcher));
        engagement.AddCost(new CostEntry(MitchellsPlain, "accommodation", new Money(9_250.50m, CurrencyCode.SouthAfricanRand)), Stamp(At(3), Researcher));
        engagement.AddEffort(new EffortEntry(Kilifi, RoleKind.Manager, 16m), Stamp(At(3), Researcher));

        Assert.Equal([MitchellsPlain, Kilifi], engagement.State.Sites);
        Assert.Equal([new Money(27_650.50m, CurrencyCode.SouthAfricanRand), new Money(6_000m, CurrencyCode.KenyanShilling)], engagement.State.CostTotals());
        Assert.True(AggregateLaws.TheStoredJsonGivesTheLiveState(engagement, engagement.History, e => e.State));
    }

    [Fact]
    public void A_formal_request_to_support_the_county_health_plan_records_who_asked_and_the_outcome()
    {
        var engagement = WiderEngagement.Record(
            new EngagementRecording(new EngagementId("kilifi-county-plan"), Kilifi, "Support for the county health plan", new LocalDate(2014, 3, 10),
                new ManagerialRequest("county director of health", RequestFormality.Formal, "support and chair the development of the county health plan", "the plan was adopted"))
            {
                Participants = [new EngagementParticipant(Benjamin, Kilifi)],
            },
            Stamp(At(1), Researcher));

        Assert.Equal(RequestFormality.Formal, engagement.State.Request!.Formality);
        Assert.Equal("the plan was adopted", engagement.State.Request.Outcome);
        Assert.True(AggregateLaws.TheStoredJsonGivesTheLiveState(engagement, engagement.History, e => e.State));
    }

    [Fact]
    public void Effort_or_a_cost_for_a_site_not_involved_is_refused_and_changes_nothing()
    {
        var engagement = WiderEngagement.Record(UserFeeFeedback(), Stamp(At(1), Researcher));
        var before = engagement.State;

        var effort = Assert.Throws<CommandRejectedException>(() => engagement.AddEffort(new EffortEntry(Sedibeng, RoleKind.Researcher, 2m), Stamp(At(2), Researcher)));
        var cost = Assert.Throws<CommandRejectedException>(() => engagement.AddCost(new CostEntry(Sedibeng, "taxi", new Money(100m, CurrencyCode.SouthAfricanRand)), Stamp(At(2), Researcher)));

        Assert.Equal(RefusalKind.RuleBroken, effort.Refusal.Kind);
        Assert.Equal(WiderEngagementTrigger.AddEffort, effort.Trigger);
        Assert.Contains("site 'sedibeng' is not involved", string.Join("; ", effort.Reasons), StringComparison.Ordinal);
        Assert.Equal(WiderEngagementTrigger.AddCost, cost.Trigger);
        Assert.Same(before, engagement.State);
        Assert.Single(engagement.UncommittedEvents);
    }

    [Fact]
    public void An_insight_is_linked_once_and_a_second_link_changes_nothing()
    {
        var engagement = WiderEngagement.Record(UserFeeFeedback(), Stamp(At(1), Researcher));
        engagement.LinkInsight(new InsightId("kilifi-hospital-autonomy"), Stamp(At(2), Researcher));

        var ex = Assert.Throws<CommandRejectedException>(() => engagement.LinkInsight(new InsightId("kilifi-user-fees"), Stamp(At(3), Researcher)));

        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Equal([new InsightId("kilifi-user-fees"), new InsightId("kilifi-hospital-autonomy")], engagement.State.Insights);
        Assert.Equal(2, engagement.UncommittedEvents.Count);
    }

    [Fact]
    public void A_retracted_engagement_takes_no_more_effort_costs_or_links()
    {
        var engagement = WiderEngagement.Record(UserFeeFeedback(), Stamp(At(1), Researcher));
        engagement.Retract("recorded twice; see kilifi-user-fee-feedback-2", Stamp(At(2), Researcher));

        var ex = Assert.Throws<CommandRejectedException>(() => engagement.AddEffort(new EffortEntry(Kilifi, RoleKind.Researcher, 1m), Stamp(At(3), Researcher)));

        Assert.Equal(RefusalKind.NotPossibleInState, ex.Refusal.Kind);
        Assert.Equal(WiderEngagementStatus.Retracted, ex.State);
        Assert.Empty(ex.PermittedTriggers.Cast<WiderEngagementTrigger>());
        Assert.All(engagement.Availability(), a => Assert.False(a.IsPermitted));
        Assert.Throws<CommandRejectedException>(() => engagement.AddCost(new CostEntry(Kilifi, "x", new Money(1m, CurrencyCode.KenyanShilling)), Stamp(At(3), Researcher)));
        Assert.Throws<CommandRejectedException>(() => engagement.LinkInsight(new InsightId("other"), Stamp(At(3), Researcher)));
        Assert.Throws<CommandRejectedException>(() => engagement.Retract("again", Stamp(At(3), Researcher)));
        Assert.Equal("recorded twice; see kilifi-user-fee-feedback-2", engagement.State.RetractionReason);
        Assert.Equal(2, engagement.UncommittedEvents.Count);
    }

    [Fact]
    public void A_command_dated_before_the_latest_event_is_refused()
    {
        var engagement = WiderEngagement.Record(UserFeeFeedback(), Stamp(At(5), Researcher));
        var ex = Assert.Throws<CommandRejectedException>(() => engagement.AddEffort(new EffortEntry(Kilifi, RoleKind.Researcher, 1m), Stamp(At(4), Researcher)));
        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Single(engagement.UncommittedEvents);
    }

    [Fact]
    public void A_recording_an_entry_or_an_amount_that_breaks_its_rules_cannot_be_built()
    {
        Assert.Throws<ArgumentException>(() => UserFeeFeedback() with { Participants = [] });
        Assert.ThrowsAny<ArgumentException>(() => UserFeeFeedback() with { Participants = [new EngagementParticipant(Amina, Kilifi), new EngagementParticipant(Amina, Sedibeng)] });
        Assert.ThrowsAny<ArgumentException>(() => UserFeeFeedback() with { Insights = [new InsightId("a"), new InsightId("a")] });
        Assert.ThrowsAny<ArgumentException>(() => UserFeeFeedback() with { Insights = [default] });
        Assert.ThrowsAny<ArgumentException>(() => new EngagementParticipant(default, Kilifi));
        Assert.ThrowsAny<ArgumentException>(() => new EngagementRecording(default, Kilifi, "t", new LocalDate(2016, 1, 1), new HigherLevelEngagement(SystemLevel.National, "f")) { Participants = [new EngagementParticipant(Amina, Kilifi)] });
        Assert.ThrowsAny<ArgumentException>(() => new EngagementRecording(new EngagementId("e"), Kilifi, " t", new LocalDate(2016, 1, 1), new HigherLevelEngagement(SystemLevel.National, "f")) { Participants = [new EngagementParticipant(Amina, Kilifi)] });
        Assert.Throws<ArgumentNullException>(() => new EngagementRecording(new EngagementId("e"), Kilifi, "t", new LocalDate(2016, 1, 1), (TeachingLink)null!) { Participants = [new EngagementParticipant(Amina, Kilifi)] });
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new HigherLevelEngagement((SystemLevel)9, "forum"));
        Assert.ThrowsAny<ArgumentException>(() => new ManagerialRequest("", RequestFormality.Informal, "transport"));
        Assert.ThrowsAny<ArgumentException>(() => new ManagerialRequest("facility manager", RequestFormality.Informal, " "));
        Assert.ThrowsAny<ArgumentException>(() => new ManagerialRequest("facility manager", RequestFormality.Informal, "transport", ""));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new WiderActivity((WiderActivityKind)7, "x"));
        Assert.ThrowsAny<ArgumentException>(() => new TeachingLink("MPH", "", "students"));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new EffortEntry(Kilifi, RoleKind.Researcher, 0m));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new EffortEntry(Kilifi, RoleKind.Researcher, -1m));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new EffortEntry(Kilifi, RoleKind.Researcher, 1.005m));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new EffortEntry(Kilifi, RoleKind.Researcher, EffortEntry.MaxPersonHours + 1));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new EffortEntry(Kilifi, default, 1m));
        Assert.ThrowsAny<ArgumentException>(() => new EffortEntry(default, RoleKind.Manager, 1m));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new Money(-0.01m, CurrencyCode.KenyanShilling));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new Money(1.00001m, CurrencyCode.KenyanShilling));
        Assert.ThrowsAny<ArgumentException>(() => new Money(1m, default));
        Assert.ThrowsAny<ArgumentException>(() => new CostEntry(Kilifi, "fuel", default));
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new CostEntry(Kilifi, "fuel", new Money(0m, CurrencyCode.KenyanShilling)));
        Assert.ThrowsAny<ArgumentException>(() => new CostEntry(Kilifi, "fuel\n", new Money(1m, CurrencyCode.KenyanShilling)));
        var engagement = WiderEngagement.Record(UserFeeFeedback(), Stamp(At(1), Researcher));
        Assert.ThrowsAny<ArgumentException>(() => engagement.LinkInsight(default, Stamp(At(2), Researcher)));
        Assert.Throws<ArgumentNullException>(() => engagement.AddEffort(null!, Stamp(At(2), Researcher)));
        Assert.Throws<ArgumentNullException>(() => engagement.AddCost(null!, Stamp(At(2), Researcher)));
        Assert.ThrowsAny<ArgumentException>(() => engagement.Retract("", Stamp(At(2), Researcher)));
        Assert.ThrowsAny<ArgumentException>(() => WiderEngagement.Record(UserFeeFeedback(), default));
        Assert.Single(engagement.UncommittedEvents);
    }

    [Theory]
    [InlineData("KES", true)]
    [InlineData("ZAR", true)]
    [InlineData("GBP", true)]
    [InlineData("ZMK", true)]
    [InlineData("kes", false)]
    [InlineData("XAU", false)]
    [InlineData("XXX", false)]
    [InlineData("KE", false)]
    [InlineData("", false)]
    public void A_currency_is_an_ISO_4217_code_in_upper_case(string code, bool accepted)
    {
        Assert.Equal(accepted, CurrencyCode.IsKnown(code));
        if (accepted)
        {
            Assert.Equal(code, new CurrencyCode(code).Value);
        }
        else
        {
            var ex = Assert.Throws<ArgumentException>(() => new CurrencyCode(code));
            Assert.Contains("ISO 4217", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_history_that_adds_effort_after_the_retraction_is_refused_on_replay()
    {
        var engagement = WiderEngagement.Record(UserFeeFeedback(), Stamp(At(1), Researcher));
        engagement.Retract("duplicate", Stamp(At(2), Researcher));
        IDomainEvent[] history = [.. engagement.History, new WiderEngagementEffortAdded(new EffortEntry(Kilifi, RoleKind.Researcher, 1m), At(3), Researcher)];
        Assert.Throws<InvalidHistoryException>(() => WiderEngagement.Rehydrate(engagement.StreamId, history));
    }

    [Fact]
    public void The_library_and_Stateless_agree_on_the_engagement_machine()
    {
        var recorded = WiderEngagement.Record(UserFeeFeedback(), Stamp(At(1), Researcher));
        var retracted = WiderEngagement.Rehydrate(recorded.StreamId, [.. recorded.History, new WiderEngagementRetracted("duplicate", At(2), Researcher)]);
        CoProduction.Tests.Kernel.MachineAgreement.Check(WiderEngagementMachine.Machine, [recorded.State, retracted.State], s => s.Status);
    }
}
