using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.ReadModels;

/// <summary>
/// The cycle register on a store, through <c>AddCoProduction</c>: Kilifi's cycle 7 acting since 10 January 2019, its
/// cycle 8 paused by a strike, Mitchell's Plain's cycle 3 abandoned, Sedibeng's cycle 2 planning without expected lengths.
/// </summary>
public abstract class CycleRegisterTests(bool sqlite)
{
    /// <summary>09:00 in Kilifi on Monday 7 January 2019.</summary>
    private static readonly Instant Monday = Instant.FromUtc(2019, 1, 7, 6, 0);

    private static readonly CycleId Acting = new("kilifi-2019");
    private static readonly CycleId Paused = new("kilifi-2019-strike");
    private static readonly CycleId Abandoned = new("mp-2019");
    private static readonly CycleId Planning = new("sb-2019");

    private readonly FakeClock clock = new(Monday);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_acting_cycle_s_entry_has_its_site_number_stage_timeline_and_the_instant_its_stage_is_due()
    {
        using var app = await ProgrammeAsync();

        var entry = await app.Register.GetAsync(Acting, Token);

        Assert.NotNull(entry);
        Assert.Equal(PaperSites.KilifiId, entry.Site);
        Assert.Equal(7, entry.Number);
        Assert.Equal(CycleStage.Acting, entry.Stage);
        Assert.Equal(Instant.FromUtc(2019, 1, 10, 6, 0), entry.Since);
        Assert.False(entry.IsFinal);
        Assert.Null(entry.Pause);
        Assert.Equal(
            [new StageVisit(CycleStage.Planning, Monday, Instant.FromUtc(2019, 1, 10, 6, 0), Duration.Zero), new StageVisit(CycleStage.Acting, Instant.FromUtc(2019, 1, 10, 6, 0), null, Duration.Zero)],
            entry.Timeline.ToArray());
        Assert.Equal(Duration.FromDays(3), entry.Timeline[0].LengthWithoutPauses(clock.GetCurrentInstant()));
        Assert.Equal([new ExpectedStageLength(CycleStage.Planning, Period.FromDays(14)), new ExpectedStageLength(CycleStage.Acting, Period.FromMonths(3))], entry.ExpectedStageLengths.ToArray());
        Assert.Equal(Instant.FromUtc(2019, 4, 10, 6, 0), entry.StageDue);
        Assert.Equal("Africa/Nairobi", entry.TimeZoneId);
        Assert.Equal(5, entry.Version);
        Assert.Equal(app.Positions[AggregateRepository<Cycle>.StreamOf(Acting).Value], entry.Position);
    }

    [Fact]
    public async Task A_paused_cycle_shows_its_shock_and_since_when_and_has_no_stage_due_until_it_resumes()
    {
        using var app = await ProgrammeAsync();

        var paused = await app.Register.GetAsync(Paused, Token);
        clock.AdvanceDays(10);
        var resumed = await app.CycleAsync(Paused, (c, ctx) => c.Resume(ctx.Context));
        var after = await app.Register.GetAsync(Paused, Token);

        Assert.NotNull(paused);
        Assert.Equal(CycleStage.Paused, paused.Stage);
        Assert.Equal(Instant.FromUtc(2019, 1, 20, 6, 0), paused.Since);
        Assert.Equal(new CyclePause(ShockKind.Strike, "county health workers' strike", CycleStage.Planning, Instant.FromUtc(2019, 1, 20, 6, 0), null), paused.Pause);
        Assert.Null(paused.StageDue);
        Assert.NotNull(after);
        Assert.Equal(CycleStage.Planning, after.Stage);
        Assert.Null(after.Pause);
        Assert.Equal(Instant.FromUtc(2019, 1, 8, 6, 0), after.Since);
        Assert.Equal(Duration.FromDays(10), Assert.Single(after.Timeline).Paused);
        Assert.Equal(Duration.FromDays(12), after.Timeline[0].LengthWithoutPauses(clock.GetCurrentInstant()));
        // Planning entered 8 January at 09:00 in Kilifi, one month expected, ten days paused: due 18 February.
        Assert.Equal(Instant.FromUtc(2019, 2, 18, 6, 0), after.StageDue);
        Assert.Equal(resumed.Append!.LastPosition, after.Position);
    }

    [Fact]
    public async Task An_abandoned_cycle_is_final_and_leaves_its_site_s_open_cycles()
    {
        using var app = await ProgrammeAsync();

        var entry = await app.Register.GetAsync(Abandoned, Token);
        var open = await app.Register.OpenAtSiteAsync(PaperSites.MitchellsPlainId, cancellationToken: Token);
        var abandoned = await app.Register.AtSiteAsync(PaperSites.MitchellsPlainId, CycleStage.Abandoned, cancellationToken: Token);

        Assert.NotNull(entry);
        Assert.True(entry.IsFinal);
        Assert.Equal(CycleStage.Abandoned, entry.Stage);
        Assert.Equal(Instant.FromUtc(2019, 1, 15, 6, 0), entry.Since);
        Assert.Null(entry.StageDue);
        Assert.Empty(open.Items);
        Assert.Null(open.Next);
        Assert.Equal([Abandoned], abandoned.Items.Select(e => e.Cycle));
    }

    [Fact]
    public async Task A_site_s_cycles_are_listed_by_stage_and_number_a_page_at_a_time()
    {
        using var app = await ProgrammeAsync();

        var acting = await app.Register.AtSiteAsync(PaperSites.KilifiId, CycleStage.Acting, cancellationToken: Token);
        var planning = await app.Register.AtSiteAsync(PaperSites.KilifiId, CycleStage.Planning, cancellationToken: Token);
        var first = await app.Register.AtSiteAsync(PaperSites.KilifiId, limit: 1, cancellationToken: Token);
        var second = await app.Register.AtSiteAsync(PaperSites.KilifiId, after: first.Next, limit: 1, cancellationToken: Token);
        var third = await app.Register.AtSiteAsync(PaperSites.KilifiId, after: second.Next, limit: 1, cancellationToken: Token);
        var sedibeng = await app.Register.AtSiteAsync(PaperSites.SedibengId, cancellationToken: Token);

        Assert.Equal([Acting], acting.Items.Select(e => e.Cycle));
        Assert.Empty(planning.Items);
        Assert.Equal([Acting], first.Items.Select(e => e.Cycle));
        Assert.Equal([Paused], second.Items.Select(e => e.Cycle));
        Assert.Empty(third.Items);
        Assert.Null(third.Next);
        Assert.Equal([(Planning, 2)], sedibeng.Items.Select(e => (e.Cycle, e.Number)));
    }

    [Fact]
    public async Task A_site_s_open_cycles_are_the_ones_not_completed_or_abandoned_by_number()
    {
        using var app = await ProgrammeAsync();

        var kilifi = await app.Register.OpenAtSiteAsync(PaperSites.KilifiId, cancellationToken: Token);
        var sedibeng = await app.Register.OpenAtSiteAsync(PaperSites.SedibengId, cancellationToken: Token);

        Assert.Equal([(Acting, 7), (Paused, 8)], kilifi.Items.Select(e => (e.Cycle, e.Number)));
        Assert.Equal([Planning], sedibeng.Items.Select(e => e.Cycle));
    }

    [Fact]
    public async Task Stages_due_by_an_instant_are_the_open_unpaused_stages_whose_expected_length_has_run_out_earliest_first()
    {
        using var app = await ProgrammeAsync();
        clock.AdvanceDays(10);
        await app.CycleAsync(Paused, (c, ctx) => c.Resume(ctx.Context));

        var justBefore = await app.Register.StageDueByAsync(Instant.FromUtc(2019, 4, 10, 5, 59), cancellationToken: Token);
        var april = await app.Register.StageDueByAsync(Instant.FromUtc(2019, 4, 10, 6, 0), cancellationToken: Token);
        var first = await app.Register.StageDueByAsync(Instant.FromUtc(2019, 12, 31, 0, 0), limit: 1, cancellationToken: Token);
        var next = await app.Register.StageDueByAsync(Instant.FromUtc(2019, 12, 31, 0, 0), first.Next, 1, Token);

        Assert.Equal([Paused], justBefore.Items.Select(e => e.Cycle));
        Assert.Equal([Paused, Acting], april.Items.Select(e => e.Cycle));
        Assert.Equal([Paused], first.Items.Select(e => e.Cycle));
        Assert.Equal([Acting], next.Items.Select(e => e.Cycle));
    }

    [Fact]
    public async Task Why_a_trigger_is_blocked_comes_from_the_cycle_commands_availability_with_the_site_s_rules_now()
    {
        using var app = await ProgrammeAsync();
        using var scope = app.Provider.CreateScope();

        var availability = await scope.ServiceProvider.GetRequiredService<CycleCommands>().AvailabilityAsync(Acting, Token);

        var reflecting = Assert.Single(availability, a => a.Trigger == CycleTrigger.StartReflecting);
        Assert.False(reflecting.IsPermitted);
        Assert.NotEmpty(reflecting.Reasons);
    }

    [Fact]
    public async Task Bad_arguments_are_refused_saying_what_is_allowed()
    {
        using var app = await ProgrammeAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () => await app.Register.GetAsync(default, Token));
        await Assert.ThrowsAsync<ArgumentException>(async () => await app.Register.OpenAtSiteAsync(default, cancellationToken: Token));
        var stage = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await app.Register.AtSiteAsync(PaperSites.KilifiId, (CycleStage)42, cancellationToken: Token));
        Assert.Contains("Planning", stage.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await app.Register.StageDueByAsync(Monday, limit: 0, cancellationToken: Token));
    }

    [Fact]
    public async Task Cycle_commands_read_only_the_site_s_new_events_and_still_refuse_a_site_never_registered()
    {
        var store = new CountingStore();
        using var app = await ProgrammeAsync(store);
        using var scope = app.Provider.CreateScope();
        var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
        var kilifi = AggregateRepository<LearningSite>.StreamOf(PaperSites.KilifiId);

        store.Reset();
        await cycles.ExecuteAsync(Acting, (c, ctx) => c.RecordAction(
            new CycleAction(new ActivityId("feedback"), new LocalDate(2019, 1, 10), "feedback meeting with the county team", []), ctx.Context), cancellationToken: Token);
        var unchanged = store.EventsReadFrom(kilifi);
        await app.SiteAsync(PaperSites.KilifiId, (s, ctx) => s.MarkCore(PaperSites.KilifiSubCountyManager, ctx.Stamp));
        store.Reset();
        await cycles.ExecuteAsync(Acting, (c, ctx) => c.RecordAction(
            new CycleAction(new ActivityId("feedback"), new LocalDate(2019, 1, 10), "second feedback meeting", []), ctx.Context), cancellationToken: Token);
        var oneNew = store.EventsReadFrom(kilifi);

        Assert.Equal(0, unchanged);
        Assert.Equal(1, oneNew);
        await Assert.ThrowsAsync<UnknownSiteException>(async () => await cycles.StartAsync(
            new CycleOpening(new CycleId("nowhere-2019"), new SiteId("nowhere"), 1, "a site nobody registered"), cancellationToken: Token));
    }

    private async Task<ReadModelApp> ProgrammeAsync(CountingStore? counting = null)
    {
        var app = ReadModelApp.Create(sqlite, clock, counting: counting);
        foreach (var site in new[] { PaperSites.Kilifi(), PaperSites.MitchellsPlain(), PaperSites.Sedibeng() })
        {
            await app.CreateSiteAsync(site);
        }

        var planning = Period.FromDays(14);
        await app.StartAsync(new CycleOpening(Acting, PaperSites.KilifiId, 7, "priority-setting")
        {
            ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Planning, planning), new ExpectedStageLength(CycleStage.Acting, Period.FromMonths(3))],
        });
        clock.AdvanceDays(1);
        await app.StartAsync(new CycleOpening(Paused, PaperSites.KilifiId, 8, "user fees")
        {
            ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Planning, Period.FromMonths(1))],
        });
        await app.StartAsync(new CycleOpening(Abandoned, PaperSites.MitchellsPlainId, 3, "facility managers' leadership")
        {
            ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Planning, Period.FromDays(7))],
        });
        await app.StartAsync(new CycleOpening(Planning, PaperSites.SedibengId, 2, "district management teams"));
        var feedback = new PlannedActivity(new ActivityId("feedback"), "feedback to the county", ActivityKind.Feedback, null, new LocalDate(2019, 1, 10), PaperSites.KilifiLeadResearcher);
        await app.CycleAsync(Acting, (c, ctx) => c.PlanActivity(feedback, ctx.Context));
        await app.CycleAsync(Acting, (c, ctx) => c.EndorsePlan(PaperSites.KilifiLeadResearcher, ctx.Context));
        await app.CycleAsync(Acting, (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Context));
        clock.AdvanceDays(2);
        await app.CycleAsync(Acting, (c, ctx) => c.StartActing(ctx.Context));
        clock.AdvanceDays(5);
        await app.CycleAsync(Abandoned, (c, ctx) => c.Abandon("the sub-district was reorganized", ctx.Context));
        clock.AdvanceDays(5);
        await app.CycleAsync(Paused, (c, ctx) => c.Pause(ShockKind.Strike, "county health workers' strike", ctx.Context));
        return app;
    }
}

public sealed class InMemoryCycleRegisterTests() : CycleRegisterTests(sqlite: false);

public sealed class SqliteCycleRegisterTests() : CycleRegisterTests(sqlite: true);
