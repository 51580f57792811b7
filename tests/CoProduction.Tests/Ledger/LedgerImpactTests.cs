using System;
using System.Linq;
using CoProduction.Events;
using CoProduction.Ledger;
using CoProduction.Tests.Persistence;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ledger;

public sealed class LedgerImpactTests
{
    private static readonly SiteId Kilifi = new("kilifi");
    private static readonly SiteId MitchellsPlain = new("mitchells-plain");
    private static readonly SiteId Sedibeng = new("sedibeng");

    private static ImpactRecording FacilityImprovementFundAct(string id = "kilifi-fif-act") =>
        new(new ImpactId(id), Kilifi, "The Kilifi Health Sector Facility Improvement Fund Act returns the use and management of user fees to the hospitals", new LocalDate(2017, 1, 1))
        {
            Change = ImpactChange.Law,
            Level = SystemLevel.DistrictOrCounty,
            Evidence = "Findings on hospital user fees and lost autonomy were fed back to county policy-makers before the Act was enacted",
            ObservedBy = "Kilifi learning site research team",
            Outputs = [new OutputId("kilifi-hospital-financing")],
            Engagements = [new EngagementId("kilifi-user-fee-feedback")],
            Insights = [new InsightId("kilifi-user-fees")],
        };

    [Fact]
    public void Kilifi_hospital_user_fee_findings_led_to_the_Facility_Improvement_Fund_Act_an_instrumental_county_impact_since_2017()
    {
        var impact = Impact.Record(FacilityImprovementFundAct(), Stamp(At(1), Researcher));
        impact.Corroborate(new Corroboration("The Act as passed by the county assembly", "Kilifi county assembly"), Stamp(At(2), Researcher));

        Assert.Equal(ImpactKind.Instrumental, impact.State.Kind);
        Assert.Equal(ImpactChange.Law, impact.State.Change);
        Assert.Equal(SystemLevel.DistrictOrCounty, impact.State.Level);
        Assert.Equal(2017, impact.State.On.Year);
        Assert.Equal(ImpactStatus.Corroborated, impact.Status);
        Assert.Equal("Kilifi county assembly", impact.State.Corroboration!.ObservedBy);
        Assert.Equal([new OutputId("kilifi-hospital-financing")], impact.State.Outputs);
        Assert.Equal([new EngagementId("kilifi-user-fee-feedback")], impact.State.Engagements);
        Assert.Equal([new InsightId("kilifi-user-fees")], impact.State.Insights);
        Assert.True(AggregateLaws.ReplayGivesTheLiveState(impact, impact.History, i => i.State));
        Assert.True(AggregateLaws.TheStoredJsonGivesTheLiveState(impact, impact.History, i => i.State));
    }

    [Fact]
    public void DIALHS_leadership_insights_fed_the_Western_Cape_2016_leadership_development_policy_an_instrumental_provincial_impact()
    {
        var impact = Impact.Record(
            new ImpactRecording(new ImpactId("wc-leadership-policy-2016"), MitchellsPlain, "The Western Cape's 2016 health leadership development policy and competency framework", new LocalDate(2016, 1, 1))
            {
                Change = ImpactChange.Policy,
                Level = SystemLevel.Provincial,
                Evidence = "DIALHS insights into leadership challenges at sub-district and facility level fed the process the provincial department commissioned",
                ObservedBy = "DIALHS research team",
                Insights = [new InsightId("dialhs-leadership")],
            },
            Stamp(At(1), Researcher));

        Assert.Equal(ImpactKind.Instrumental, impact.State.Kind);
        Assert.Equal(SystemLevel.Provincial, impact.State.Level);
        Assert.Equal(ImpactStatus.Claimed, impact.Status);
        Assert.True(AggregateLaws.TheStoredJsonGivesTheLiveState(impact, impact.History, i => i.State));
    }

    [Theory]
    [InlineData("mitchells-plain", SystemLevel.SubDistrict)]
    [InlineData("sedibeng", SystemLevel.DistrictOrCounty)]
    public void Meeting_practices_rotating_the_chair_and_opening_and_closing_rounds_are_an_instrumental_practice_impact(string site, SystemLevel level)
    {
        var impact = Impact.Record(
            new ImpactRecording(new ImpactId($"{site}-meeting-practices"), new SiteId(site), "Managers rotate the chair, manage time, discuss in small groups and hold opening and closing rounds so all voices are heard", new LocalDate(2017, 6, 1))
            {
                Change = ImpactChange.Practice,
                Level = level,
                Evidence = "Meeting observations and managers' own accounts",
                ObservedBy = "learning site research team",
            },
            Stamp(At(1), Researcher));

        Assert.Equal(ImpactKind.Instrumental, impact.State.Kind);
        Assert.Equal(ImpactChange.Practice, impact.State.Change);
        Assert.Contains(impact.State.Site, new[] { MitchellsPlain, Sedibeng });
    }

    [Theory]
    [InlineData("we were looking at the health system as blocks, and the unlearning that took place … was really helpful")]
    [InlineData("we were able to step out the system … and that gave us a very different view")]
    [InlineData("we feel like we got a new lifeline to navigate the system")]
    [InlineData("I used to just complain about the new political players … but now I have learned that I can use my communication skills to actually talk with them")]
    public void The_managers_voices_of_Box_4_are_conceptual_impacts(string voice)
    {
        var impact = Impact.Record(
            new ImpactRecording(new ImpactId("box-4-voice"), Sedibeng, voice, new LocalDate(2018, 7, 1))
            {
                Change = ImpactChange.WayOfThinking,
                Level = SystemLevel.SubDistrict,
                Evidence = "Cross-site reflective discussions, Kilifi July 2018; Sedibeng learning site reflections 2018",
                ObservedBy = "cross-site reflection session",
            },
            Stamp(At(1), Researcher));

        Assert.Equal(ImpactKind.Conceptual, impact.State.Kind);
        Assert.Equal(ImpactKind.Conceptual, new ImpactRecording(new ImpactId("x"), Sedibeng, voice, new LocalDate(2018, 7, 1)) { Change = ImpactChange.WayOfThinking, Level = SystemLevel.SubDistrict, Evidence = "e", ObservedBy = "o" }.Kind);
    }

    [Fact]
    public void Corroborating_twice_is_refused_and_changes_nothing()
    {
        var impact = Impact.Record(FacilityImprovementFundAct(), Stamp(At(1), Researcher));
        impact.Corroborate(new Corroboration("The gazetted Act", "Kilifi county assembly"), Stamp(At(2), Researcher));
        var before = impact.State;

        var ex = Assert.Throws<CommandRejectedException>(() => impact.Corroborate(new Corroboration("Again", "someone else"), Stamp(At(3), Researcher)));

        Assert.Equal(RefusalKind.NotPossibleInState, ex.Refusal.Kind);
        Assert.Equal(ImpactStatus.Corroborated, ex.State);
        Assert.Equal(ImpactTrigger.Corroborate, ex.Trigger);
        Assert.Equal([ImpactTrigger.Retract], ex.PermittedTriggers.Cast<ImpactTrigger>());
        Assert.Same(before, impact.State);
        Assert.Equal(2, impact.UncommittedEvents.Count);
    }

    [Fact]
    public void Corroborating_after_the_retraction_is_refused()
    {
        var impact = Impact.Record(FacilityImprovementFundAct(), Stamp(At(1), Researcher));
        impact.Retract("attributed to another programme's work", Stamp(At(2), Researcher));

        var ex = Assert.Throws<CommandRejectedException>(() => impact.Corroborate(new Corroboration("The Act", "county assembly"), Stamp(At(3), Researcher)));

        Assert.Equal(RefusalKind.NotPossibleInState, ex.Refusal.Kind);
        Assert.Equal(ImpactStatus.Retracted, ex.State);
        Assert.All(impact.Availability(), a => Assert.False(a.IsPermitted));
        Assert.Throws<CommandRejectedException>(() => impact.Retract("again", Stamp(At(4), Researcher)));
        Assert.Equal("attributed to another programme's work", impact.State.RetractionReason);
        Assert.Equal(2, impact.UncommittedEvents.Count);
    }

    [Fact]
    public void A_corroborated_impact_can_still_be_retracted()
    {
        var impact = Impact.Record(FacilityImprovementFundAct(), Stamp(At(1), Researcher));
        impact.Corroborate(new Corroboration("The Act", "county assembly"), Stamp(At(2), Researcher));
        impact.Retract("the Act was repealed", Stamp(At(3), Researcher));
        Assert.Equal(ImpactStatus.Retracted, impact.Status);
        Assert.NotNull(impact.State.Corroboration);
    }

    [Fact]
    public void A_command_dated_before_the_latest_event_is_refused()
    {
        var impact = Impact.Record(FacilityImprovementFundAct(), Stamp(At(5), Researcher));
        var ex = Assert.Throws<CommandRejectedException>(() => impact.Corroborate(new Corroboration("The Act", "county assembly"), Stamp(At(4), Researcher)));
        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Single(impact.UncommittedEvents);
    }

    [Fact]
    public void A_recording_or_corroboration_that_breaks_its_rules_cannot_be_built()
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => FacilityImprovementFundAct() with { Change = (ImpactChange)8 });
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => FacilityImprovementFundAct() with { Level = (SystemLevel)8 });
        Assert.ThrowsAny<ArgumentException>(() => FacilityImprovementFundAct() with { Evidence = "\n" });
        Assert.ThrowsAny<ArgumentException>(() => FacilityImprovementFundAct() with { ObservedBy = "team " });
        Assert.ThrowsAny<ArgumentException>(() => FacilityImprovementFundAct() with { Outputs = [default] });
        Assert.ThrowsAny<ArgumentException>(() => FacilityImprovementFundAct() with { Engagements = [new EngagementId("e"), new EngagementId("e")] });
        Assert.ThrowsAny<ArgumentException>(() => FacilityImprovementFundAct() with { Insights = [new InsightId("i"), new InsightId("i")] });
        Assert.ThrowsAny<ArgumentException>(() => new ImpactRecording(default, Kilifi, "s", new LocalDate(2017, 1, 1)) { Change = ImpactChange.Law, Level = SystemLevel.National, Evidence = "e", ObservedBy = "o" });
        Assert.ThrowsAny<ArgumentException>(() => new ImpactRecording(new ImpactId("i"), Kilifi, "", new LocalDate(2017, 1, 1)) { Change = ImpactChange.Law, Level = SystemLevel.National, Evidence = "e", ObservedBy = "o" });
        Assert.ThrowsAny<ArgumentException>(() => new Corroboration("", "county assembly"));
        Assert.ThrowsAny<ArgumentException>(() => new Corroboration("the Act", ""));
        var impact = Impact.Record(FacilityImprovementFundAct(), Stamp(At(1), Researcher));
        Assert.Throws<ArgumentNullException>(() => impact.Corroborate(null!, Stamp(At(2), Researcher)));
        Assert.ThrowsAny<ArgumentException>(() => impact.Retract("", Stamp(At(2), Researcher)));
        Assert.ThrowsAny<ArgumentException>(() => Impact.Record(FacilityImprovementFundAct(), default));
        Assert.Single(impact.UncommittedEvents);
    }

    [Fact]
    public void A_history_that_corroborates_twice_is_refused_on_replay()
    {
        var impact = Impact.Record(FacilityImprovementFundAct(), Stamp(At(1), Researcher));
        impact.Corroborate(new Corroboration("The Act", "county assembly"), Stamp(At(2), Researcher));
        IDomainEvent[] history = [.. impact.History, new ImpactCorroborated(new Corroboration("Again", "someone"), At(3), Researcher)];
        Assert.Throws<InvalidHistoryException>(() => Impact.Rehydrate(impact.StreamId, history));
    }

    [Fact]
    public void The_library_and_Stateless_agree_on_the_impact_machine()
    {
        var claimed = Impact.Record(FacilityImprovementFundAct(), Stamp(At(1), Researcher));
        var corroborated = Impact.Rehydrate(claimed.StreamId, [.. claimed.History, new ImpactCorroborated(new Corroboration("The Act", "county assembly"), At(2), Researcher)]);
        var retracted = Impact.Rehydrate(claimed.StreamId, [.. claimed.History, new ImpactRetracted("wrong", At(2), Researcher)]);
        CoProduction.Tests.Kernel.MachineAgreement.Check(ImpactMachine.Machine, [claimed.State, corroborated.State, retracted.State], s => s.Status);
    }
}
