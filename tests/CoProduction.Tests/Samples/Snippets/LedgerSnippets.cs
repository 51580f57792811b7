using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Ledger;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.ReadModels;
using CoProduction.Sites;
using CoProduction.Tests.Extensions;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task The_ledger_traces_an_impact_back_to_its_insight_and_totals_a_sites_outputs()
    {
        var clock = new FakeClock(Instant.FromUtc(2018, 11, 1, 9, 0));
        var collection = new ServiceCollection().AddSingleton<IClock>(clock);
        collection.AddCoProduction().UseTestAccess().UseInMemoryStore();
        await using var services = collection.BuildServiceProvider();
        var ct = TestContext.Current.CancellationToken;
        var stamp = new Stamp(clock.GetCurrentInstant(), Actor.Member(new MemberId("jo")));
        var kilifi = new SiteId("kilifi");
        var output = Output.Record(
            new OutputRecording(new OutputId("kilifi-hospital-financing"), kilifi, OutputKind.PolicyBrief, "Hospital financing in Kilifi", new LocalDate(2016, 9, 30))
            {
                Authors = [new OutputAuthor(new MemberId("jo"), RoleKind.Researcher), new OutputAuthor(new MemberId("amina"), RoleKind.Manager)],
                Insights = [new InsightId("kilifi-user-fees")],
            },
            stamp);
        var impact = Impact.Record(
            new ImpactRecording(new ImpactId("kilifi-fif-act"), kilifi, "The Facility Improvement Fund Act returns user fees to the hospitals", new LocalDate(2017, 1, 1))
            {
                Change = ImpactChange.Law, Level = SystemLevel.DistrictOrCounty, Evidence = "the Act", ObservedBy = "Kilifi county assembly", Outputs = [output.Id],
            },
            stamp);
        await services.GetRequiredService<AggregateRepository<Output>>().SaveAsync(output, cancellationToken: ct);
        await services.GetRequiredService<AggregateRepository<Impact>>().SaveAsync(impact, cancellationToken: ct);
        await services.GetRequiredService<ProjectionRunner>().CatchUpAsync(ct);

        #region ledger-queries
        var ledger = services.GetRequiredService<ILedger>();

        // From the Act back to the brief and the findings it drew on; the insight was never recorded here, so it is unresolved.
        var trail = await ledger.TraceAsync(LedgerReference.Of(new ImpactId("kilifi-fif-act")), TrailDirection.Back, ct);
        // trail.Records: the Act, the brief; trail.Unresolved: [Insight kilifi-user-fees]; every link's ends are in one of the two.

        var impacts = await ledger.ImpactsAsync(kilifi, ct);              // [Instrumental, DistrictOrCounty: 1 claimed, 0 corroborated]
        var coAuthorship = await ledger.CoAuthorshipAsync(kilifi, ct);    // 1 output, 1 with a manager co-author: Rate 1.0
        var effort = await ledger.EffortAsync(kilifi, 2016, 2017, ct);    // per year and engagement kind: person-hours, costs per currency
        var page = await ledger.AtSiteAsync(kilifi, LedgerRecordKind.Output, after: null, limit: 50, ct);
        #endregion

        Assert.Equal(2, trail!.Records.Count);
        Assert.Equal([LedgerReference.Of(new InsightId("kilifi-user-fees"))], trail.Unresolved);
        Assert.Equal([new ImpactCount(ImpactKind.Instrumental, SystemLevel.DistrictOrCounty, 1, 0)], impacts);
        Assert.Equal(1.0, coAuthorship.Rate);
        Assert.Empty(effort);
        Assert.Single(page.Items);
    }
}
