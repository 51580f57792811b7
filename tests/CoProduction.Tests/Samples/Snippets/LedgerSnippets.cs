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
}
