using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Tests.Cycles;
using CoProduction.Tests.Persistence;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Protocols;
using CoProduction.Tests.Scheduling;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Testing;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.ReadModels;

/// <summary>
/// The programme comparison on every store, through <c>AddCoProduction</c>, over the paper's learning sites (Table 1:
/// Kilifi, Mitchell's Plain, Sedibeng, with the team histories of <see cref="PaperSites"/>), two cycles at Kilifi,
/// a monthly reflection series at Mitchell's Plain and one protocol amended to cover both sites.
/// </summary>
public abstract class ProgrammeComparisonConformance
{
    private static readonly SeriesId Reflections = new("mp-reflection");
    private static readonly ProtocolId Kwtrp = new("KWTRP-1");
    private const string Title = "Governance in a county health system";

    protected abstract void UseStore(CoProductionBuilder builder);

    private ServiceProvider Provider()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(PaperSites.At));
        UseStore(services.AddCoProduction(o => o.ProjectionBatchSize = 7).UseTestAccess());
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static async Task SaveAsync<T>(IServiceProvider services, params T[] aggregates)
        where T : class, Events.IEventSourcedAggregate<T>
    {
        var repository = services.GetRequiredService<AggregateRepository<T>>();
        foreach (var aggregate in aggregates)
        {
            await repository.SaveAsync(aggregate, cancellationToken: TestContext.Current.CancellationToken);
        }
    }

    private static Task CatchUpAsync(IServiceProvider services)
        => services.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);

    private static IProgrammeComparison Comparison(IServiceProvider services) => services.GetRequiredService<IProgrammeComparison>();

    /// <summary>
    /// Kilifi's 2015 cycle: planning 11 Jan → 15 Feb (35 days), acting 15 Feb → 15 Apr (59 days) with a strike pausing
    /// it 1 → 11 March (10 days), then reflecting, still open.
    /// </summary>
    private static Cycle PausedCycle2015()
    {
        var rules = KilifiSite.Rules();
        var cycle = KilifiSite.Acting(rules, 2015);
        cycle.Pause(ShockKind.Strike, "health workers' strike", rules.At(KilifiSite.On(2015, 3, 1), KilifiSite.ByResearcher));
        cycle.Resume(rules.At(KilifiSite.On(2015, 3, 11), KilifiSite.ByResearcher));
        cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2015, 3, 12), "interviews", []), rules.At(KilifiSite.On(2015, 3, 12), KilifiSite.ByResearcher));
        cycle.StartReflecting(rules.At(KilifiSite.On(2015, 4, 15), KilifiSite.ByResearcher));
        return cycle;
    }

    /// <summary>Monthly reflection meetings at Mitchell's Plain on the 15th, 2015–2016: all of 2015 held but March (missed), only January of 2016 held.</summary>
    private static MeetingSeries ReflectionSeries()
    {
        var plan = Plans.Plan(Reflections.Value, Cadence.Monthly(15), new LocalDate(2015, 1, 15), new LocalDate(2016, 12, 31), Plans.Johannesburg, site: "mitchells-plain");
        var series = MeetingSeries.Plan(plan, new Stamp(Instant.FromUtc(2014, 12, 1, 8, 0), PaperSites.Lead));
        var meetings = MeetingTimetable.OccurrencesOf(plan, Instant.FromUtc(2015, 1, 1, 0, 0), Instant.FromUtc(2016, 2, 1, 0, 0));
        foreach (var meeting in meetings)
        {
            var stamp = new Stamp(meeting.End.ToInstant() + Duration.FromHours(1), PaperSites.Lead);
            if (meeting.Slot == new LocalDate(2015, 3, 15))
            {
                series.RecordMissed(meeting, "the sub-district manager was called away", stamp);
            }
            else
            {
                series.RecordHeld(meeting, new MeetingAttendance([PaperSites.MitchellsPlainLeadResearcher, PaperSites.MitchellsPlainSubDistrictManager]), stamp);
            }
        }

        return series;
    }

    /// <summary>KWTRP-1: approved for Kilifi from 1 March 2015 for a year (to 29 February 2016); amended on 1 July 2015 to add Mitchell's Plain (version 2).</summary>
    private static Protocol AmendedProtocol()
    {
        var protocol = ProtocolFixtures.Approved(Kwtrp.Value);
        var amendment = ProtocolFixtures.ApprovedAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(PaperSites.MitchellsPlainId)), new LocalDate(2015, 7, 1));
        protocol.ApplyAmendment(amendment, ProtocolFixtures.Stamp(ProtocolFixtures.At(13), ProtocolFixtures.Committee));
        return protocol;
    }

    private static async Task SeedAsync(IServiceProvider services)
    {
        await SaveAsync(services, PaperSites.Kilifi(), PaperSites.MitchellsPlain(), PaperSites.Sedibeng());
        await SaveAsync(services, PaperSites.Programme());
        await SaveAsync(services, PausedCycle2015(), KilifiSite.Completed(KilifiSite.Rules(), 2016));
        await SaveAsync(services, ReflectionSeries());
        await SaveAsync(services, AmendedProtocol());
        await CatchUpAsync(services);
    }

    [Fact]
    public async Task Two_sites_compared_over_two_years_show_every_figure_as_computed_by_hand()
    {
        using var services = Provider();
        await SeedAsync(services);
        var comparison = Comparison(services);

        var in2015 = await comparison.CompareAsync(PaperSites.Resyst, 2015, TestContext.Current.CancellationToken);
        var in2016 = await comparison.CompareAsync(PaperSites.Resyst, 2016, TestContext.Current.CancellationToken);

        Assert.NotNull(in2015);
        Assert.NotNull(in2016);
        Assert.Equal(("RESYST", 2015), (in2015.Name, in2015.Year));
        Assert.Equal(["kilifi", "mitchells-plain", "sedibeng"], in2015.Sites.Select(s => s.Site.Value));

        // Kilifi 2015. Cycles: kilifi-2015 started (11 Jan). Stages ended in 2015: planning 35 days, acting 59 days less
        // the 10-day strike = 49; mean (35 + 49) / 2 = 42 days; reflecting is still open, so not measured.
        // Team: lead researcher and director all year, sub-county manager to 30 June (181 days), researcher all year:
        // no joiner, 1 leaver, 4 on 1 January, 3 on 31 December, (3 × 365 + 181) / 365 = 1276 / 365.
        // Managers: director all year, sub-county manager 181 days: 0 joiners, 1 leaver, 2 → 1, 546 / 365.
        // Protocols: KWTRP-1 v1 from its approval on 1 March to 30 June, v2 (amended) from 1 July to 31 December.
        Assert.Equal(
            new SiteYearFigures(
                PaperSites.KilifiId, "Kilifi County", CountryCode.Kenya, SiteLevel.County, 2015,
                CyclesStarted: 1, CyclesCompleted: 0, StagesEnded: 2, MeanStageLength: Duration.FromDays(42),
                Cadence: [],
                Members: new YearTurnover(PaperSites.KilifiId, 2015, null, 0, 1, 4, 3, 1276 / 365.0),
                Managers: new YearTurnover(PaperSites.KilifiId, 2015, RoleKind.Manager, 0, 1, 2, 1, 546 / 365.0),
                ProtocolsInForce:
                [
                    new(Kwtrp, 1, Title, new LocalDate(2015, 3, 1), new LocalDate(2015, 6, 30)),
                    new(Kwtrp, 2, Title, new LocalDate(2015, 7, 1), new LocalDate(2015, 12, 31)),
                ]),
            in2015.Sites[0]);

        // Kilifi 2016. Cycles: kilifi-2016 started 11 January and completed 15 December; its five stages (35, 168, 45,
        // 47 and 44 days, 11 Jan → 15 Dec = 339 days) ended in 2016: mean 339 / 5 days = 97,632 minutes.
        // Team: the researcher leaves on 31 August (244 days of a leap year): 0 joiners, 1 leaver, 3 → 2,
        // (2 × 366 + 244) / 366 = 976 / 366. Managers: the director alone, all year.
        // Protocols: KWTRP-1 v2 until its approval ends on 29 February.
        Assert.Equal(
            new SiteYearFigures(
                PaperSites.KilifiId, "Kilifi County", CountryCode.Kenya, SiteLevel.County, 2016,
                CyclesStarted: 1, CyclesCompleted: 1, StagesEnded: 5, MeanStageLength: Duration.FromMinutes(97_632),
                Cadence: [],
                Members: new YearTurnover(PaperSites.KilifiId, 2016, null, 0, 1, 3, 2, 976 / 366.0),
                Managers: new YearTurnover(PaperSites.KilifiId, 2016, RoleKind.Manager, 0, 0, 1, 1, 1.0),
                ProtocolsInForce: [new(Kwtrp, 2, Title, new LocalDate(2016, 1, 1), new LocalDate(2016, 2, 29))]),
            in2016.Sites[0]);

        // Mitchell's Plain 2015. No cycles. Reflection meetings: 12 due, 11 held on time, March missed.
        // Team: the facilitator joins on 1 January (present that day): 1 joiner, 0 leavers, 4 → 4, mean 4.
        // Managers: sub-district and facility managers all year. Protocols: KWTRP-1 v2 names the site from 1 July.
        Assert.Equal(
            new SiteYearFigures(
                PaperSites.MitchellsPlainId, "Mitchell's Plain", CountryCode.SouthAfrica, SiteLevel.SubDistrict, 2015,
                CyclesStarted: 0, CyclesCompleted: 0, StagesEnded: 0, MeanStageLength: null,
                Cadence: [new CadenceAdherence(Reflections, 12, 11, 0, 1, 0, 0)],
                Members: new YearTurnover(PaperSites.MitchellsPlainId, 2015, null, 1, 0, 4, 4, 4.0),
                Managers: new YearTurnover(PaperSites.MitchellsPlainId, 2015, RoleKind.Manager, 0, 0, 2, 2, 2.0),
                ProtocolsInForce: [new(Kwtrp, 2, Title, new LocalDate(2015, 7, 1), new LocalDate(2015, 12, 31))]),
            in2015.Sites[1]);
        Assert.Equal(11 / 12.0, in2015.Sites[1].CadenceRatio);

        // Mitchell's Plain 2016. Reflection meetings: 12 due, January held, 11 unrecorded.
        // Team: the facility manager's last day is 31 December (a leaver, still present that day): 0, 1, 4 → 4, mean 4.
        Assert.Equal(
            new SiteYearFigures(
                PaperSites.MitchellsPlainId, "Mitchell's Plain", CountryCode.SouthAfrica, SiteLevel.SubDistrict, 2016,
                CyclesStarted: 0, CyclesCompleted: 0, StagesEnded: 0, MeanStageLength: null,
                Cadence: [new CadenceAdherence(Reflections, 12, 1, 0, 0, 0, 11)],
                Members: new YearTurnover(PaperSites.MitchellsPlainId, 2016, null, 0, 1, 4, 4, 4.0),
                Managers: new YearTurnover(PaperSites.MitchellsPlainId, 2016, RoleKind.Manager, 0, 1, 2, 2, 2.0),
                ProtocolsInForce: [new(Kwtrp, 2, Title, new LocalDate(2016, 1, 1), new LocalDate(2016, 2, 29))]),
            in2016.Sites[1]);

        // One site across years gives the same figures as the programme's comparison of each year.
        var kilifi = await comparison.AcrossYearsAsync(PaperSites.KilifiId, 2015, 2016, TestContext.Current.CancellationToken);
        Assert.Equal([in2015.Sites[0], in2016.Sites[0]], kilifi);
    }

    [Fact]
    public async Task A_paused_cycle_counts_its_stage_without_the_pause_and_again_after_each_change()
    {
        using var services = Provider();
        await SaveAsync(services, PaperSites.Kilifi());
        var cycle = PausedCycle2015();
        await SaveAsync(services, cycle);
        await CatchUpAsync(services);

        var before = Assert.Single(await Comparison(services).AcrossYearsAsync(PaperSites.KilifiId, 2015, 2015, TestContext.Current.CancellationToken));
        Assert.Equal((1, 2, Duration.FromDays(42)), (before.CyclesStarted, before.StagesEnded, before.MeanStageLength));

        // A second strike pauses reflecting 1 → 21 May (20 days); it ends on 15 June: 61 days, 41 without the pause.
        // Mean of 35, 49 and 41 = 125 / 3 days = 60,000 minutes.
        var rules = KilifiSite.Rules();
        cycle.Pause(ShockKind.Strike, "second strike", rules.At(KilifiSite.On(2015, 5, 1), KilifiSite.ByResearcher));
        cycle.Resume(rules.At(KilifiSite.On(2015, 5, 21), KilifiSite.ByResearcher));
        cycle.RecordReflection(
            new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2015, 6, 1), [KilifiSite.Researcher, KilifiSite.Manager], ["fees matter"]),
            rules.At(KilifiSite.On(2015, 6, 1, 16), KilifiSite.ByResearcher));
        cycle.StartEvaluating(rules.At(KilifiSite.On(2015, 6, 15), KilifiSite.ByResearcher));
        await SaveAsync(services, cycle);
        await CatchUpAsync(services);

        var after = Assert.Single(await Comparison(services).AcrossYearsAsync(PaperSites.KilifiId, 2015, 2015, TestContext.Current.CancellationToken));
        Assert.Equal((1, 3, Duration.FromMinutes(60_000)), (after.CyclesStarted, after.StagesEnded, after.MeanStageLength));
    }

    [Fact]
    public async Task A_manager_leaving_and_another_joining_count_as_turnover()
    {
        using var services = Provider();
        var sedibeng = PaperSites.Sedibeng();
        await SaveAsync(services, sedibeng);
        await CatchUpAsync(services);
        var comparison = Comparison(services);

        // Sedibeng 2015 (paper): the first district manager leaves on 31 October (304 days), the second joins on
        // 1 November (61 days): 1 joiner, 1 leaver, one manager on 1 January and on 31 December, (304 + 61) / 365 = 1.
        var in2015 = Assert.Single(await comparison.AcrossYearsAsync(PaperSites.SedibengId, 2015, 2015, TestContext.Current.CancellationToken));
        Assert.Equal(new YearTurnover(PaperSites.SedibengId, 2015, RoleKind.Manager, 1, 1, 1, 1, 1.0), in2015.Managers);
        Assert.Equal(new YearTurnover(PaperSites.SedibengId, 2015, null, 1, 1, 2, 2, 2.0), in2015.Members);

        // Later: the second manager leaves on 30 June 2019 and a third joins on 1 July 2019.
        var third = new MemberId("sb-district-manager-3");
        sedibeng.LeaveRole(PaperSites.SedibengSecondDistrictManager, PaperSites.DistrictDirector, new LocalDate(2019, 6, 30), PaperSites.Stamp);
        sedibeng.AddMember(third, "Third district manager", PaperSites.Stamp, "M8");
        sedibeng.JoinRole(third, PaperSites.DistrictDirector, new LocalDate(2019, 7, 1), PaperSites.Stamp);
        await SaveAsync(services, sedibeng);
        await CatchUpAsync(services);

        var years = await comparison.AcrossYearsAsync(PaperSites.SedibengId, 2018, 2021, TestContext.Current.CancellationToken);
        Assert.Equal(
            [
                new YearTurnover(PaperSites.SedibengId, 2018, RoleKind.Manager, 0, 0, 1, 1, 1.0),
                new YearTurnover(PaperSites.SedibengId, 2019, RoleKind.Manager, 1, 1, 1, 1, 1.0),
                // After the last dated fact every year looks alike: the third manager, all year.
                new YearTurnover(PaperSites.SedibengId, 2020, RoleKind.Manager, 0, 0, 1, 1, 1.0),
                new YearTurnover(PaperSites.SedibengId, 2021, RoleKind.Manager, 0, 0, 1, 1, 1.0),
            ],
            years.Select(y => y.Managers));
        Assert.Equal(2019, years[1].Year);
    }

    [Fact]
    public async Task An_amendment_a_suspension_and_the_approval_s_end_change_the_protocols_in_force()
    {
        using var services = Provider();
        await SaveAsync(services, PaperSites.Kilifi(), PaperSites.MitchellsPlain());
        var protocol = AmendedProtocol();
        await SaveAsync(services, protocol);
        await CatchUpAsync(services);
        var comparison = Comparison(services);

        // Before the amendment (1 July 2015) Mitchell's Plain had no protocol; after the approval's end (29 February 2016) neither site has.
        var mitchellsPlain = await comparison.AcrossYearsAsync(PaperSites.MitchellsPlainId, 2014, 2017, TestContext.Current.CancellationToken);
        Assert.Equal(
            [[], [new(Kwtrp, 2, Title, new LocalDate(2015, 7, 1), new LocalDate(2015, 12, 31))], [new(Kwtrp, 2, Title, new LocalDate(2016, 1, 1), new LocalDate(2016, 2, 29))], []],
            mitchellsPlain.Select(y => y.ProtocolsInForce.ToArray()));

        // The committee suspends the protocol on 20 January 2016: in force to the 19th only.
        protocol.Suspend(new LocalDate(2016, 1, 20), "annual report overdue", ProtocolFixtures.Stamp(ProtocolFixtures.At(20), ProtocolFixtures.Committee));
        await SaveAsync(services, protocol);
        await CatchUpAsync(services);

        var kilifi = Assert.Single(await comparison.AcrossYearsAsync(PaperSites.KilifiId, 2016, 2016, TestContext.Current.CancellationToken));
        Assert.Equal([new ProtocolInForceSummary(Kwtrp, 2, Title, new LocalDate(2016, 1, 1), new LocalDate(2016, 1, 19))], kilifi.ProtocolsInForce);
    }

    [Fact]
    public async Task Unknown_programmes_and_sites_are_empty_and_bad_years_are_argument_errors()
    {
        using var services = Provider();
        await SeedAsync(services);
        var comparison = Comparison(services);
        var token = TestContext.Current.CancellationToken;

        Assert.Null(await comparison.CompareAsync(new ProgrammeId("elsewhere"), 2016, token));
        Assert.Empty(await comparison.AcrossYearsAsync(new SiteId("elsewhere"), 2015, 2016, token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await comparison.CompareAsync(PaperSites.Resyst, 0, token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await comparison.AcrossYearsAsync(PaperSites.KilifiId, 2016, 2015, token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await comparison.AcrossYearsAsync(PaperSites.KilifiId, 1900, 2016, token));
    }

    [Fact]
    public async Task The_summary_is_plain_data_that_survives_json()
    {
        using var services = Provider();
        await SeedAsync(services);
        var json = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        var summary = await Comparison(services).CompareAsync(PaperSites.Resyst, 2015, TestContext.Current.CancellationToken);

        var back = JsonSerializer.Deserialize<ProgrammeSummary>(JsonSerializer.Serialize(summary, json), json);

        Assert.Equal(summary, back);
    }
}

public sealed class InMemoryProgrammeComparisonTests : ProgrammeComparisonConformance
{
    protected override void UseStore(CoProductionBuilder builder) => builder.UseInMemoryStore();
}

public sealed class SqliteProgrammeComparisonTests : ProgrammeComparisonConformance, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    protected override void UseStore(CoProductionBuilder builder) => builder.UseSqliteStore(folder.File("comparison.db"));
}
