using CoProduction.Ledger;
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
}
