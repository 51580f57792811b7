using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Reports;
using CoProduction.Tests.ReadModels;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Reports;

/// <summary>
/// <see cref="IProgrammeReports"/> over the read models of an app built by <c>AddCoProduction(...).AddReports()</c>, on
/// both stores: Kilifi's cycle 5 planned, acting, paused by the 2017 strike and resumed; Sedibeng's cycle 1 completed.
/// </summary>
public abstract class ProgrammeReportsTests(bool sqlite)
{
    private static readonly CycleId Kilifi5 = new("kilifi-5");
    private static readonly CycleId Sedibeng1 = new("sedibeng-1");

    /// <summary>09:00 in Kilifi (06:00Z) on Monday 30 January 2017.</summary>
    private readonly FakeClock clock = new(Instant.FromUtc(2017, 1, 30, 6, 0));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ProgrammeReportScope Years2017 => new("RESYST learning sites", new LocalDate(2017, 1, 1), new LocalDate(2017, 12, 31));

    [Fact]
    public async Task Each_site_s_row_has_its_cycles_stage_bands_in_its_own_zone_and_the_pause_with_its_shock()
    {
        using var app = await ProgrammeAsync();

        var data = await ReportsOf(app).BuildAsync(Years2017, Token);

        Assert.Equal("RESYST learning sites", data.Programme);
        Assert.Equal(["Kilifi County", "Mitchell's Plain", "Sedibeng"], data.Timeline.Select(r => r.Site));
        var kilifi = data.Timeline[0].Bands;
        Assert.Equal(
            [
                (new LocalDate(2017, 1, 30), new LocalDate(2017, 3, 4), TimelineBandKind.Stage, "Cycle 5: Planning", (CycleStage?)CycleStage.Planning),
                (new LocalDate(2017, 3, 4), new LocalDate(2017, 12, 1), TimelineBandKind.Stage, "Cycle 5: Acting", CycleStage.Acting),
                (new LocalDate(2017, 6, 5), new LocalDate(2017, 11, 6), TimelineBandKind.Pause, "Cycle 5 paused: Strike — nurses' strike", null),
            ],
            kilifi.Select(b => (b.Start, b.End, b.Kind, b.Label, b.Stage)));
        Assert.Empty(data.Timeline[1].Bands);
        Assert.All(data.Timeline[2].Bands, b => Assert.Equal(TimelineBandKind.Stage, b.Kind));
    }

    [Fact]
    public async Task The_comparison_counts_each_site_s_cycles_completions_and_pauses_and_only_completed_cycles_have_a_length()
    {
        using var app = await ProgrammeAsync();

        var data = await ReportsOf(app).BuildAsync(Years2017, Token);

        Assert.Equal(
            [("Kilifi County", 1, 0, 1), ("Mitchell's Plain", 0, 0, 0), ("Sedibeng", 1, 0, 0)],
            data.Comparison.Select(r => (r.Site, r.Cycles, r.CyclesCompleted, r.Pauses)));
        Assert.Empty(data.RunCharts);   // no meeting decided, no cycle completed (the sample's history has both)
    }

    [Fact]
    public async Task The_dates_drawn_cut_the_bands_and_the_named_sites_are_drawn_in_the_order_given()
    {
        using var app = await ProgrammeAsync();

        var data = await ReportsOf(app).BuildAsync(
            new ProgrammeReportScope("Kilifi in mid-2017", new LocalDate(2017, 7, 1), new LocalDate(2017, 7, 31)) { Sites = [PaperSites.SedibengId, PaperSites.KilifiId] },
            Token);

        Assert.Equal(["Sedibeng", "Kilifi County"], data.Timeline.Select(r => r.Site));
        Assert.Empty(data.Timeline[0].Bands);
        Assert.Equal(
            [(new LocalDate(2017, 7, 1), new LocalDate(2017, 7, 31), TimelineBandKind.Stage), (new LocalDate(2017, 7, 1), new LocalDate(2017, 7, 31), TimelineBandKind.Pause)],
            data.Timeline[1].Bands.Select(b => (b.Start, b.End, b.Kind)));
        Assert.Equal([0, 0], data.Comparison.Select(r => r.Cycles));   // both started before July
        ReportRenderer.Validate(data);
        Assert.Equal("svg", System.Xml.Linq.XDocument.Parse(new ReportRenderer().Svg(data, ReportKind.Timeline)).Root!.Name.LocalName);
    }

    [Fact]
    public async Task A_scope_that_ends_before_it_starts_a_blank_title_or_an_unknown_site_is_refused_with_its_reason()
    {
        using var app = await ProgrammeAsync();
        var reports = ReportsOf(app);

        var backwards = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await reports.BuildAsync(new ProgrammeReportScope("RESYST", new LocalDate(2017, 2, 1), new LocalDate(2017, 1, 1)), Token));
        Assert.Contains("from 2017-02-01 to 2017-01-01 ends before it starts", backwards.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(async () => await reports.BuildAsync(Years2017 with { Title = " " }, Token));
        var unknown = await Assert.ThrowsAsync<UnknownSiteException>(async () =>
            await reports.BuildAsync(Years2017 with { Sites = [new SiteId("atlantis")] }, Token));
        Assert.Contains("atlantis", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("kilifi", unknown.Message, StringComparison.Ordinal);
    }

    private static IProgrammeReports ReportsOf(ReadModelApp app) => app.Provider.CreateScope().ServiceProvider.GetRequiredService<IProgrammeReports>();

    private async Task<ReadModelApp> ProgrammeAsync()
    {
        var app = ReadModelApp.Create(sqlite, clock, build: b => b.AddReports());
        foreach (var site in new[] { PaperSites.Kilifi(), PaperSites.MitchellsPlain(), PaperSites.Sedibeng() })
        {
            await app.CreateSiteAsync(site);
        }

        // Kilifi's cycle 5 starts on 30 January; Sedibeng's cycle 1 on 1 February (SAST, 07:00Z is 09:00), acting, abandoned on 1 March.
        clock.Reset(Instant.FromUtc(2017, 1, 30, 6, 0));
        await app.StartAsync(new CycleOpening(Kilifi5, PaperSites.KilifiId, 5, "priority-setting after devolution"));
        clock.Reset(Instant.FromUtc(2017, 2, 1, 7, 0));
        await app.StartAsync(new CycleOpening(Sedibeng1, PaperSites.SedibengId, 1, "district management teams"));
        var feedback = new PlannedActivity(new ActivityId("feedback"), "feedback to the district", ActivityKind.Feedback, null, new LocalDate(2017, 2, 2), PaperSites.SedibengLeadResearcher);
        await app.CycleAsync(Sedibeng1, (c, ctx) => c.PlanActivity(feedback, ctx.Context));
        await app.CycleAsync(Sedibeng1, (c, ctx) => c.EndorsePlan(PaperSites.SedibengLeadResearcher, ctx.Context));
        await app.CycleAsync(Sedibeng1, (c, ctx) => c.EndorsePlan(PaperSites.SedibengSecondDistrictManager, ctx.Context));
        await app.CycleAsync(Sedibeng1, (c, ctx) => c.StartActing(ctx.Context));
        clock.Reset(Instant.FromUtc(2017, 3, 1, 7, 0));
        await app.CycleAsync(Sedibeng1, (c, ctx) => c.Abandon("the district team was restructured", ctx.Context));

        // Kilifi: acting from 4 March, paused by the strike from 5 June to 6 November, still acting on 1 December.
        var interviews = new PlannedActivity(new ActivityId("interviews"), "interviews with the county team", ActivityKind.Feedback, null, new LocalDate(2017, 3, 6), PaperSites.KilifiLeadResearcher);
        await app.CycleAsync(Kilifi5, (c, ctx) => c.PlanActivity(interviews, ctx.Context));
        await app.CycleAsync(Kilifi5, (c, ctx) => c.EndorsePlan(PaperSites.KilifiLeadResearcher, ctx.Context));
        await app.CycleAsync(Kilifi5, (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Context));
        clock.Reset(Instant.FromUtc(2017, 3, 4, 6, 0));
        await app.CycleAsync(Kilifi5, (c, ctx) => c.StartActing(ctx.Context));
        clock.Reset(Instant.FromUtc(2017, 6, 5, 6, 0));
        await app.CycleAsync(Kilifi5, (c, ctx) => c.Pause(ShockKind.Strike, "nurses' strike", ctx.Context));
        clock.Reset(Instant.FromUtc(2017, 11, 6, 6, 0));
        await app.CycleAsync(Kilifi5, (c, ctx) => c.Resume(ctx.Context));
        clock.Reset(Instant.FromUtc(2017, 12, 1, 6, 0));
        return app;
    }
}

public sealed class InMemoryProgrammeReportsTests() : ProgrammeReportsTests(sqlite: false);

public sealed class SqliteProgrammeReportsTests() : ProgrammeReportsTests(sqlite: true);
