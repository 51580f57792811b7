using CoProduction.Ledger;
using CoProduction.Sites;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Samples.Snippets;

// The code blocks of docs/ledger.md, compiled and run (DocsSnippetTests keeps the page and the regions equal).
public sealed class LedgerSnippets
{
    [Fact]
    public void An_insight_is_recorded_with_its_source_and_seeds_further_work()
    {
        var clock = new FakeClock(Instant.FromUtc(2016, 2, 1, 9, 0));

        #region ledger-insight
        var stamp = new Stamp(clock.GetCurrentInstant(), Actor.Member(new MemberId("jo")));
        var insight = Insight.Record(
            new InsightRecording(new InsightId("kilifi-user-fees"), new SiteId("kilifi"),
                "Hospital user fees keep the poorest away from care", new LocalDate(2016, 1, 28))
            {
                Authors = [new MemberId("jo"), new MemberId("amina")],
                Source = InsightSourceKind.Observation,
                SourceReference = "hospital exit interviews",
                Themes = ["financing", "access"],
            },
            stamp);
        insight.Seed(new InsightSeed(SeedKind.Question, "how do county policy-makers set fees?"), stamp);
        #endregion

        Assert.Single(insight.State.Seeded);
    }

    [Fact]
    public void A_wider_engagement_is_recorded_with_its_participants_effort_and_cost()
    {
        var clock = new FakeClock(Instant.FromUtc(2017, 4, 10, 9, 0));

        #region ledger-engagement
        var stamp = new Stamp(clock.GetCurrentInstant(), Actor.Member(new MemberId("vera")));
        var mitchellsPlain = new SiteId("mitchells-plain");
        var engagement = WiderEngagement.Record(
            new EngagementRecording(new EngagementId("uct-diploma-2017"), mitchellsPlain,
                "DIALHS insights taught in the diploma's leadership module", new LocalDate(2017, 4, 3),
                new TeachingLink("Postgraduate Diploma in Health Leadership", "University of Cape Town", "public sector health managers"))
            {
                Participants = [new EngagementParticipant(new MemberId("vera"), mitchellsPlain)],
                Insights = [new InsightId("dialhs-leadership")],
            },
            stamp);
        engagement.AddEffort(new EffortEntry(mitchellsPlain, RoleKind.Researcher, 24m), stamp);
        engagement.AddCost(new CostEntry(mitchellsPlain, "course materials", new Money(3_500m, new CurrencyCode("ZAR"))), stamp);
        // engagement.State.TotalPersonHours is 24; engagement.State.CostTotals() is [3500 ZAR].
        #endregion

        Assert.Equal(24m, engagement.State.TotalPersonHours);
        Assert.Equal([new Money(3_500m, CurrencyCode.SouthAfricanRand)], engagement.State.CostTotals());
    }

    [Fact]
    public void An_output_shows_its_manager_co_authors_and_an_impact_is_claimed_then_corroborated()
    {
        var clock = new FakeClock(Instant.FromUtc(2018, 11, 1, 9, 0));

        #region ledger-output-impact
        var stamp = new Stamp(clock.GetCurrentInstant(), Actor.Member(new MemberId("jo")));
        var kilifi = new SiteId("kilifi");
        var output = Output.Record(
            new OutputRecording(new OutputId("hsr-2018-kilifi"), kilifi, OutputKind.Presentation,
                "Hospital user fees after devolution", new LocalDate(2018, 10, 9))
            {
                Authors = [new OutputAuthor(new MemberId("jo"), RoleKind.Researcher), new OutputAuthor(new MemberId("amina"), RoleKind.Manager)],
                Venue = "5th Global Symposium on Health Systems Research",
                Insights = [new InsightId("kilifi-user-fees")],
            },
            stamp);
        // output.State.HasManagerCoAuthor is true; output.State.ManagerCoAuthors is [amina].

        var impact = Impact.Record(
            new ImpactRecording(new ImpactId("kilifi-fif-act"), kilifi,
                "The Facility Improvement Fund Act returns user fees to the hospitals", new LocalDate(2017, 1, 1))
            {
                Change = ImpactChange.Law,                 // instrumental: impact.State.Kind is Instrumental
                Level = SystemLevel.DistrictOrCounty,
                Evidence = "user-fee findings fed back to county policy-makers",
                ObservedBy = "Kilifi learning site research team",
                Outputs = [output.Id],
                Insights = [new InsightId("kilifi-user-fees")],
            },
            stamp);
        impact.Corroborate(new Corroboration("the Act as passed", "Kilifi county assembly"), stamp);
        // impact.Status is Corroborated; corroborating again is refused (NotPossibleInState).
        #endregion

        Assert.True(output.State.HasManagerCoAuthor);
        Assert.Equal(ImpactKind.Instrumental, impact.State.Kind);
        Assert.Equal(ImpactStatus.Corroborated, impact.Status);
    }
}
