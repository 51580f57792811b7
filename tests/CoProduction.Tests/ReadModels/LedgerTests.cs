using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Events;
using CoProduction.Ledger;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Projections;
using CoProduction.ReadModels;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Extensions;
using CoProduction.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.ReadModels;

/// <summary>
/// The ledger's read model on every store, through <c>AddCoProduction</c>, over the paper's trails: Kilifi's user-fee findings
/// fed back to county policy-makers, written up as a policy brief, and the Facility Improvement Fund Act (instrumental, county,
/// 2017); DIALHS leadership insights built on earlier ones and the Western Cape's 2016 leadership development policy
/// (instrumental, provincial); a managers' exchange visit between Mitchell's Plain and Kilifi; and retracted records beside them.
/// </summary>
public abstract class LedgerConformance
{
    internal static readonly SiteId Kilifi = new("kilifi");
    internal static readonly SiteId MitchellsPlain = new("mitchells-plain");
    internal static readonly ProgrammeId Resyst = new("resyst");

    private static readonly InsightId UserFees = new("kilifi-user-fees");
    private static readonly EngagementId Feedback = new("kilifi-user-fee-feedback");
    private static readonly EngagementId CountyPlanning = new("kilifi-county-planning");
    private static readonly EngagementId Withdrawn = new("kilifi-duplicate-feedback");
    private static readonly EngagementId ExchangeVisit = new("mp-exchange-kilifi");
    private static readonly OutputId PolicyBrief = new("kilifi-hospital-financing");
    private static readonly OutputId FeesPaper = new("kilifi-user-fees-paper");
    private static readonly OutputId WithdrawnBrief = new("kilifi-withdrawn-brief");
    private static readonly ImpactId FundAct = new("kilifi-fif-act");
    private static readonly InsightId EarlyLeadership = new("dialhs-leadership-2013");
    private static readonly InsightId Leadership = new("dialhs-leadership");
    private static readonly InsightId UnrecordedMemo = new("dialhs-memo-never-recorded");
    private static readonly OutputId TeachingCase = new("dialhs-teaching-case");
    private static readonly ImpactId LeadershipPolicy = new("wc-leadership-policy-2016");
    private static readonly ImpactId WithdrawnPractice = new("mp-practice-withdrawn");

    private static readonly MemberId Jo = new("jo");
    private static readonly MemberId Amina = new("amina");
    private static readonly MemberId Thabo = new("thabo");

    protected abstract void UseStore(CoProductionBuilder builder);

    private static System.Threading.CancellationToken Token => TestContext.Current.CancellationToken;

    private ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(At(400)));
        UseStore(services.AddCoProduction(o => o.ProjectionBatchSize = 5).UseTestAccess());
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static ILedger Ledger(IServiceProvider services) => services.GetRequiredService<ILedger>();

    internal static async Task SaveAsync<T>(IServiceProvider services, params IEnumerable<T> aggregates)
        where T : class, IEventSourcedAggregate<T>
    {
        var repository = services.GetRequiredService<AggregateRepository<T>>();
        foreach (var aggregate in aggregates)
        {
            await repository.SaveAsync(aggregate, cancellationToken: Token);
        }
    }

    private static Stamp By(int day) => Stamp(At(day), Researcher);

    private async Task<ServiceProvider> SeededAsync()
    {
        var services = Provider();

        var programme = Programme.Register(new ProgrammeRegistration(Resyst, "RESYST learning sites", new DateInterval(new LocalDate(2011, 1, 1), new LocalDate(2018, 12, 31))), By(1));
        programme.AddSite(Kilifi, By(1));
        programme.AddSite(MitchellsPlain, By(1));

        var userFees = Insight.Record(
            new InsightRecording(UserFees, Kilifi, "Hospital user fees and lost autonomy over them hold the hospitals back", new LocalDate(2016, 1, 28))
            {
                Authors = [Jo, Amina], Source = InsightSourceKind.Observation, SourceReference = "hospital exit interviews", Themes = ["financing"],
            },
            By(2));
        var early = Insight.Record(
            new InsightRecording(EarlyLeadership, MitchellsPlain, "Sub-district managers lead through relationships more than through rules", new LocalDate(2013, 5, 2))
            {
                Authors = [Thabo], Source = InsightSourceKind.Meeting, SourceReference = "researchers' reflection, May 2013",
            },
            By(2));
        var leadership = Insight.Record(
            new InsightRecording(Leadership, MitchellsPlain, "Leadership challenges at sub-district and facility level need developing leaders, not only training them", new LocalDate(2015, 3, 10))
            {
                Authors = [Thabo], Source = InsightSourceKind.CycleReflection, SourceReference = "DIALHS cycle 4 reflection", BuildsOn = [EarlyLeadership, UnrecordedMemo],
            },
            By(2));

        var feedback = WiderEngagement.Record(
            new EngagementRecording(Feedback, Kilifi, "Findings on hospital user fees fed back to county policy-makers", new LocalDate(2016, 6, 14),
                new HigherLevelEngagement(SystemLevel.DistrictOrCounty, "county department of health"))
            {
                Participants = [new EngagementParticipant(Jo, Kilifi), new EngagementParticipant(Amina, Kilifi)],
                Insights = [UserFees],
            },
            By(3));
        feedback.AddEffort(new EffortEntry(Kilifi, RoleKind.Researcher, 16m), By(3));
        feedback.AddEffort(new EffortEntry(Kilifi, RoleKind.Manager, 6m), By(3));
        feedback.AddCost(new CostEntry(Kilifi, "transport to the county offices", new Money(12_000m, CurrencyCode.KenyanShilling)), By(3));
        var planning = WiderEngagement.Record(
            new EngagementRecording(CountyPlanning, Kilifi, "County annual plan review", new LocalDate(2016, 11, 2),
                new HigherLevelEngagement(SystemLevel.DistrictOrCounty, "county health management team"))
            {
                Participants = [new EngagementParticipant(Jo, Kilifi)],
            },
            By(3));
        planning.AddEffort(new EffortEntry(Kilifi, RoleKind.Researcher, 4.5m), By(3));
        planning.AddCost(new CostEntry(Kilifi, "report printing", new Money(150m, CurrencyCode.PoundSterling)), By(3));
        planning.AddCost(new CostEntry(Kilifi, "refreshments", new Money(3_000m, CurrencyCode.KenyanShilling)), By(3));
        var withdrawn = WiderEngagement.Record(
            new EngagementRecording(Withdrawn, Kilifi, "The same feedback, entered twice", new LocalDate(2016, 6, 14),
                new HigherLevelEngagement(SystemLevel.DistrictOrCounty, "county department of health"))
            {
                Participants = [new EngagementParticipant(Jo, Kilifi)],
                Insights = [UserFees],
            },
            By(3));
        withdrawn.AddEffort(new EffortEntry(Kilifi, RoleKind.Researcher, 100m), By(3));
        withdrawn.Retract("entered twice", By(4));
        var exchange = WiderEngagement.Record(
            new EngagementRecording(ExchangeVisit, MitchellsPlain, "Managers' exchange visit to Kilifi", new LocalDate(2016, 9, 5),
                new WiderActivity(WiderActivityKind.ExchangeVisit, "exchange visit to Kenya"))
            {
                Participants = [new EngagementParticipant(Thabo, MitchellsPlain), new EngagementParticipant(Amina, Kilifi)],
                Insights = [UserFees],
            },
            By(3));
        exchange.AddEffort(new EffortEntry(MitchellsPlain, RoleKind.Manager, 40m), By(3));
        exchange.AddEffort(new EffortEntry(Kilifi, RoleKind.Manager, 10m), By(3));
        exchange.AddCost(new CostEntry(MitchellsPlain, "flights", new Money(18_500m, CurrencyCode.SouthAfricanRand)), By(3));

        var brief = Output.Record(
            new OutputRecording(PolicyBrief, Kilifi, OutputKind.PolicyBrief, "Hospital financing and user fees in Kilifi County", new LocalDate(2016, 9, 30))
            {
                Authors = [new OutputAuthor(Jo, RoleKind.Researcher), new OutputAuthor(Amina, RoleKind.Manager)],
                Insights = [UserFees],
            },
            By(5));
        var paper = Output.Record(
            new OutputRecording(FeesPaper, Kilifi, OutputKind.Paper, "User fees after devolution", new LocalDate(2017, 8, 1))
            {
                Authors = [new OutputAuthor(Jo, RoleKind.Researcher)],
                Insights = [UserFees],
            },
            By(5));
        var withdrawnBrief = Output.Record(
            new OutputRecording(WithdrawnBrief, Kilifi, OutputKind.PolicyBrief, "A draft brief", new LocalDate(2016, 8, 1))
            {
                Authors = [new OutputAuthor(Amina, RoleKind.Manager)],
            },
            By(5));
        withdrawnBrief.Retract("superseded by the published brief", By(6));
        var teachingCase = Output.Record(
            new OutputRecording(TeachingCase, MitchellsPlain, OutputKind.TeachingCase, "Leading in a sub-district", new LocalDate(2016, 4, 1))
            {
                Authors = [new OutputAuthor(Thabo, RoleKind.Manager), new OutputAuthor(Jo, RoleKind.Researcher)],
                Insights = [Leadership],
            },
            By(5));

        var act = Impact.Record(
            new ImpactRecording(FundAct, Kilifi, "The Kilifi Health Sector Facility Improvement Fund Act returns the use and management of user fees to the hospitals", new LocalDate(2017, 1, 1))
            {
                Change = ImpactChange.Law,
                Level = SystemLevel.DistrictOrCounty,
                Evidence = "Findings on hospital user fees were fed back to county policy-makers before the Act was enacted",
                ObservedBy = "Kilifi learning site research team",
                Outputs = [PolicyBrief],
                Engagements = [Feedback],
                Insights = [UserFees],
            },
            By(7));
        act.Corroborate(new Corroboration("The Act as passed by the county assembly", "Kilifi county assembly"), By(8));
        var policy = Impact.Record(
            new ImpactRecording(LeadershipPolicy, MitchellsPlain, "The Western Cape's 2016 health leadership development policy and competency framework", new LocalDate(2016, 1, 1))
            {
                Change = ImpactChange.Policy,
                Level = SystemLevel.Provincial,
                Evidence = "DIALHS leadership insights fed the process the provincial department commissioned",
                ObservedBy = "DIALHS research team",
                Insights = [Leadership],
            },
            By(7));
        var practice = Impact.Record(
            new ImpactRecording(WithdrawnPractice, MitchellsPlain, "Managers rotate the chair", new LocalDate(2017, 6, 1))
            {
                Change = ImpactChange.Practice,
                Level = SystemLevel.SubDistrict,
                Evidence = "one meeting observed",
                ObservedBy = "learning site research team",
                Insights = [Leadership],
            },
            By(7));
        practice.Retract("seen once only: not yet a practice", By(8));

        await SaveAsync(services, programme);
        await SaveAsync(services, userFees, early, leadership);
        await SaveAsync(services, feedback, planning, withdrawn, exchange);
        await SaveAsync(services, brief, paper, withdrawnBrief, teachingCase);
        await SaveAsync(services, act, policy, practice);
        await services.GetRequiredService<ProjectionRunner>().CatchUpAsync(Token);
        return services;
    }

    private static string[] Ids(IEnumerable<LedgerRecord> records) => [.. records.Select(r => r.Reference.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>Every link's ends are records of the trail or its unresolved references.</summary>
    internal static bool LinksNeverDangle(LedgerTrail trail)
    {
        var ends = trail.Records.Select(r => r.Reference).Concat(trail.Unresolved).ToHashSet();
        return trail.Links.All(l => ends.Contains(l.From) && ends.Contains(l.To))
            && !trail.Unresolved.Intersect(trail.Records.Select(r => r.Reference)).Any();
    }

    [Fact]
    public async Task Kilifi_user_fee_findings_trace_forward_to_the_feedback_the_policy_brief_and_the_Facility_Improvement_Fund_Act()
    {
        using var services = await SeededAsync();

        var trail = await Ledger(services).TraceAsync(LedgerReference.Of(UserFees), TrailDirection.Forward, Token);

        Assert.NotNull(trail);
        Assert.True(trail.IsComplete);
        Assert.Equal(LedgerReference.Of(UserFees), trail.Records[0].Reference);
        Assert.Equal(
            Ids([trail.Records[0]]).Concat(["Engagement kilifi-duplicate-feedback", "Engagement kilifi-user-fee-feedback", "Engagement mp-exchange-kilifi", "Impact kilifi-fif-act", "Output kilifi-hospital-financing", "Output kilifi-user-fees-paper"]).Order(StringComparer.Ordinal),
            Ids(trail.Records));
        Assert.Contains(new LedgerLink(LedgerReference.Of(Feedback), LedgerReference.Of(UserFees)), trail.Links);
        Assert.Contains(new LedgerLink(LedgerReference.Of(PolicyBrief), LedgerReference.Of(UserFees)), trail.Links);
        Assert.Contains(new LedgerLink(LedgerReference.Of(FundAct), LedgerReference.Of(PolicyBrief)), trail.Links);
        Assert.Contains(new LedgerLink(LedgerReference.Of(FundAct), LedgerReference.Of(Feedback)), trail.Links);
        Assert.Contains(new LedgerLink(LedgerReference.Of(FundAct), LedgerReference.Of(UserFees)), trail.Links);
        Assert.Equal(trail.Links.Count, trail.Links.Distinct().Count());
        Assert.True(trail.Records.Single(r => r.Reference == LedgerReference.Of(Withdrawn)).IsRetracted);
        Assert.Empty(trail.Unresolved);
        Assert.True(LinksNeverDangle(trail));
    }

    [Fact]
    public async Task The_Facility_Improvement_Fund_Act_traces_back_to_the_policy_brief_the_county_feedback_and_the_user_fee_findings()
    {
        using var services = await SeededAsync();

        var trail = await Ledger(services).TraceAsync(LedgerReference.Of(FundAct), TrailDirection.Back, Token);

        Assert.NotNull(trail);
        var act = trail.Records[0];
        Assert.Equal((ImpactKind.Instrumental, SystemLevel.DistrictOrCounty, ImpactStatus.Corroborated, 2017), (act.ImpactKind, act.ImpactLevel, act.ImpactStatus, act.On.Year));
        Assert.Equal(
            ["Engagement kilifi-user-fee-feedback", "Impact kilifi-fif-act", "Insight kilifi-user-fees", "Output kilifi-hospital-financing"],
            Ids(trail.Records));
        Assert.Equal(5, trail.Links.Count);   // act → brief, feedback and findings; brief → findings; feedback → findings
        Assert.Equal(WiderEngagementKind.EngagingHigherLevels, trail.Records.Single(r => r.Reference.Kind == LedgerRecordKind.Engagement).EngagementKind);
        Assert.True(LinksNeverDangle(trail));
    }

    [Fact]
    public async Task DIALHS_leadership_insights_trace_back_from_the_Western_Cape_2016_policy_through_their_builds_on_chain_an_unrecorded_memo_shown_unresolved()
    {
        using var services = await SeededAsync();

        var trail = await Ledger(services).TraceAsync(LedgerReference.Of(LeadershipPolicy), TrailDirection.Back, Token);

        Assert.NotNull(trail);
        Assert.Equal((ImpactKind.Instrumental, SystemLevel.Provincial, ImpactStatus.Claimed), (trail.Records[0].ImpactKind, trail.Records[0].ImpactLevel, trail.Records[0].ImpactStatus));
        Assert.Equal(["Impact wc-leadership-policy-2016", "Insight dialhs-leadership", "Insight dialhs-leadership-2013"], Ids(trail.Records));
        Assert.Equal([LedgerReference.Of(UnrecordedMemo)], trail.Unresolved);
        Assert.Contains(new LedgerLink(LedgerReference.Of(Leadership), LedgerReference.Of(UnrecordedMemo)), trail.Links);
        Assert.True(LinksNeverDangle(trail));
    }

    [Fact]
    public async Task A_retracted_impact_is_in_the_trail_and_the_site_page_marked_retracted_but_not_in_the_counts()
    {
        using var services = await SeededAsync();
        var ledger = Ledger(services);

        var forward = await ledger.TraceAsync(LedgerReference.Of(Leadership), TrailDirection.Forward, Token);
        var impacts = await ledger.AtSiteAsync(MitchellsPlain, LedgerRecordKind.Impact, cancellationToken: Token);
        var counts = await ledger.ImpactsAsync(MitchellsPlain, Token);

        Assert.True(forward!.Records.Single(r => r.Reference == LedgerReference.Of(WithdrawnPractice)).IsRetracted);
        Assert.Equal(ImpactStatus.Retracted, impacts.Items.Single(r => r.Reference == LedgerReference.Of(WithdrawnPractice)).ImpactStatus);
        Assert.Equal([new ImpactCount(ImpactKind.Instrumental, SystemLevel.Provincial, 1, 0)], counts);
    }

    [Fact]
    public async Task Effort_and_cost_are_totalled_per_site_per_year_by_engagement_kind_per_currency_and_without_retracted_engagements()
    {
        using var services = await SeededAsync();
        var ledger = Ledger(services);

        var kilifi = await ledger.EffortAsync(Kilifi, 2015, 2017, Token);
        var mitchellsPlain = await ledger.EffortAsync(MitchellsPlain, 2016, 2016, Token);
        var programme = await ledger.EffortInProgrammeAsync(Resyst, 2016, 2016, Token);

        Assert.Equal(
            [
                new EngagementTotals(Kilifi, 2016, WiderEngagementKind.EngagingHigherLevels, 2, 26.5m, [new Money(150m, CurrencyCode.PoundSterling), new Money(15_000m, CurrencyCode.KenyanShilling)]),
                new EngagementTotals(Kilifi, 2016, WiderEngagementKind.InvolvingManagersInWiderActivities, 1, 10m, []),
            ],
            kilifi);
        Assert.Equal([new EngagementTotals(MitchellsPlain, 2016, WiderEngagementKind.InvolvingManagersInWiderActivities, 1, 40m, [new Money(18_500m, CurrencyCode.SouthAfricanRand)])], mitchellsPlain);
        Assert.Equal([.. kilifi, .. mitchellsPlain], programme);
        Assert.Equal(76.5m, programme!.Sum(t => t.PersonHours));   // the exchange visit's 50 hours once: 10 at Kilifi, 40 at Mitchell's Plain
        Assert.Empty(await ledger.EffortAsync(Kilifi, 2017, 2018, Token));
    }

    [Fact]
    public async Task Impacts_are_counted_by_kind_and_level_claimed_apart_from_corroborated_for_a_site_and_the_programme()
    {
        using var services = await SeededAsync();
        var ledger = Ledger(services);

        Assert.Equal([new ImpactCount(ImpactKind.Instrumental, SystemLevel.DistrictOrCounty, 0, 1)], await ledger.ImpactsAsync(Kilifi, Token));
        Assert.Equal(
            [new ImpactCount(ImpactKind.Instrumental, SystemLevel.DistrictOrCounty, 0, 1), new ImpactCount(ImpactKind.Instrumental, SystemLevel.Provincial, 1, 0)],
            await ledger.ImpactsInProgrammeAsync(Resyst, Token));
    }

    [Fact]
    public async Task The_co_authorship_rate_is_the_share_of_outputs_not_retracted_with_a_manager_co_author_per_site_and_programme()
    {
        using var services = await SeededAsync();
        var ledger = Ledger(services);

        var kilifi = await ledger.CoAuthorshipAsync(Kilifi, Token);
        var mitchellsPlain = await ledger.CoAuthorshipAsync(MitchellsPlain, Token);
        var programme = await ledger.CoAuthorshipInProgrammeAsync(Resyst, Token);

        Assert.Equal((2, 1, 0.5), (kilifi.Outputs, kilifi.WithManagerCoAuthor, kilifi.Rate!.Value));
        Assert.Equal(1.0, mitchellsPlain.Rate);
        Assert.Equal(new CoAuthorship(3, 2), programme);
        Assert.Null((await ledger.CoAuthorshipAsync(new SiteId("sedibeng"), Token)).Rate);
    }

    [Fact]
    public async Task A_sites_records_and_the_programmes_page_through_each_record_once_with_what_it_draws_on()
    {
        using var services = await SeededAsync();
        var ledger = Ledger(services);

        var kilifi = await AllAsync((after, token) => ledger.AtSiteAsync(Kilifi, null, after, 2, token));
        var programme = await AllAsync((after, token) => ledger.InProgrammeAsync(Resyst, null, after, 3, token));
        var insights = await ledger.InProgrammeAsync(Resyst, LedgerRecordKind.Insight, cancellationToken: Token);

        Assert.Equal(9, kilifi.Count);   // 1 insight, 4 engagements (the exchange visit involved Kilifi), 3 outputs, 1 impact
        Assert.Equal(kilifi.Count, kilifi.Select(r => r.Reference).Distinct().Count());
        Assert.Equal(
            [LedgerRecordKind.Insight, LedgerRecordKind.Engagement, LedgerRecordKind.Output, LedgerRecordKind.Impact],
            kilifi.Select(r => r.Reference.Kind).Distinct());
        Assert.Equal(kilifi.Where(r => r.Reference.Kind == LedgerRecordKind.Output).OrderBy(r => r.On), kilifi.Where(r => r.Reference.Kind == LedgerRecordKind.Output));
        Assert.Equal(14, programme.Count);   // each once: the exchange visit under Mitchell's Plain, which recorded it
        Assert.Equal(programme.Count, programme.Select(r => r.Reference).Distinct().Count());
        Assert.Equal([LedgerReference.Of(UserFees), LedgerReference.Of(EarlyLeadership), LedgerReference.Of(Leadership)], insights.Items.Select(r => r.Reference));
        Assert.Equal([LedgerReference.Of(EarlyLeadership), LedgerReference.Of(UnrecordedMemo)], insights.Items[2].DrawsOn);
    }

    [Fact]
    public async Task Unknown_records_and_programmes_answer_nothing_and_bad_arguments_are_refused()
    {
        using var services = await SeededAsync();
        var ledger = Ledger(services);
        var unknown = new ProgrammeId("unknown");

        Assert.Null(await ledger.GetAsync(LedgerReference.Of(UnrecordedMemo), Token));
        Assert.Null(await ledger.TraceAsync(LedgerReference.Of(UnrecordedMemo), TrailDirection.Back, Token));
        Assert.Empty((await ledger.InProgrammeAsync(unknown, cancellationToken: Token)).Items);
        Assert.Null(await ledger.EffortInProgrammeAsync(unknown, 2016, 2016, Token));
        Assert.Null(await ledger.ImpactsInProgrammeAsync(unknown, Token));
        Assert.Null(await ledger.CoAuthorshipInProgrammeAsync(unknown, Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.GetAsync(default, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.TraceAsync(LedgerReference.Of(UserFees), (TrailDirection)7, Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.AtSiteAsync(default, cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.AtSiteAsync(Kilifi, limit: 0, cancellationToken: Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.EffortAsync(Kilifi, 2017, 2016, Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.EffortAsync(Kilifi, 1900, 2016, Token));
    }

    private static async Task<List<LedgerRecord>> AllAsync(Func<DocumentCursor?, System.Threading.CancellationToken, ValueTask<DocumentPage<LedgerRecord>>> page)
    {
        var all = new List<LedgerRecord>();
        DocumentCursor? after = null;
        do
        {
            var next = await page(after, Token);
            all.AddRange(next.Items);
            after = next.Next;
        }
        while (after is not null);
        return all;
    }
}

public sealed class InMemoryLedgerTests : LedgerConformance
{
    protected override void UseStore(CoProductionBuilder builder) => builder.UseInMemoryStore();
}

public sealed class SqliteLedgerTests : LedgerConformance, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    protected override void UseStore(CoProductionBuilder builder) => builder.UseSqliteStore(folder.File("ledger.db"));
}
