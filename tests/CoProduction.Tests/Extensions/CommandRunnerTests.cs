using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Persistence;
using CoProduction.Sites;
using CoProduction.Telemetry;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using CoProduction.DependencyInjection;

namespace CoProduction.Tests.Extensions;

public sealed class CommandRunnerTests
{
    private static readonly Instant Now = Instant.FromUtc(2019, 2, 1, 6, 0);
    private static readonly Actor Coordinator = Actor.Named("resyst-coordinator");

    [Fact]
    public async Task A_command_by_id_is_decided_with_the_clock_and_the_actor_and_saved()
    {
        using var app = await App.WithKilifiAsync();
        var (provider, sites) = (app.Provider, app.Sites);

        var result = await sites.ExecuteAsync(
            PaperSites.KilifiId,
            (site, ctx) => site.ClearCore(PaperSites.KilifiDirector, ctx.Stamp),
            actor: Coordinator,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.WasDuplicate);
        Assert.Empty(result.Aggregate.UncommittedEvents);
        var stored = await provider.GetRequiredService<IEventStore>().ReadStreamAsync(result.Aggregate.StreamId, result.Append!.Version, TestContext.Current.CancellationToken);
        var last = Assert.Single(stored);
        Assert.Equal(Now, last.RecordedAt);
        Assert.Equal(Coordinator, last.Actor);
    }

    [Fact]
    public async Task A_conflict_is_retried_once_on_a_freshly_loaded_aggregate()
    {
        using var app = await App.WithKilifiAsync();
        var (provider, store, sites) = (app.Provider, app.Store, app.Sites);
        store.BeforeNextAppend(() => OtherWriterMarksCoreAsync(provider, PaperSites.KilifiSubCountyManager));
        var versionsSeen = new List<long>();

        var result = await sites.ExecuteAsync(
            PaperSites.KilifiId,
            (site, ctx) =>
            {
                versionsSeen.Add(site.Version);
                site.ClearCore(PaperSites.KilifiDirector, ctx.Stamp);
            },
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, versionsSeen.Count);
        Assert.Equal(versionsSeen[0] + 1, versionsSeen[1]);
        Assert.Equal(versionsSeen[1] + 1, result.Append!.Version);
        Assert.False(result.Aggregate.State.FindMember(PaperSites.KilifiDirector)!.IsCore);
        Assert.True(result.Aggregate.State.FindMember(PaperSites.KilifiSubCountyManager)!.IsCore);
    }

    [Fact]
    public async Task A_second_conflict_gives_up_and_writes_nothing_of_the_command()
    {
        using var app = await App.WithKilifiAsync();
        var (provider, store, sites) = (app.Provider, app.Store, app.Sites);
        store.BeforeNextAppend(() => OtherWriterMarksCoreAsync(provider, PaperSites.KilifiSubCountyManager));
        store.BeforeNextAppend(() => OtherWriterMarksCoreAsync(provider, PaperSites.KilifiResearcher));
        store.BeforeNextAppend(async () =>
        {
            var repository = provider.GetRequiredService<AggregateRepository<LearningSite>>();
            var site = await repository.LoadAsync(AggregateRepository<LearningSite>.StreamOf(PaperSites.KilifiId));
            site.AddMember(new MemberId("ke-third-writer"), "Third writer", new Stamp(Now, Actor.Named("other-writer")));
            await repository.SaveAsync(site);
        });

        // Three tries by default (CoProductionOptions.CommandAttempts): a third conflict gives up.
        await Assert.ThrowsAsync<ConcurrencyException>(async () => await sites.ExecuteAsync(
            PaperSites.KilifiId,
            (site, ctx) => site.ClearCore(PaperSites.KilifiDirector, ctx.Stamp),
            cancellationToken: TestContext.Current.CancellationToken));

        var site = await provider.GetRequiredService<AggregateRepository<LearningSite>>().LoadAsync(
            AggregateRepository<LearningSite>.StreamOf(PaperSites.KilifiId), TestContext.Current.CancellationToken);
        Assert.True(site.State.FindMember(PaperSites.KilifiDirector)!.IsCore);
    }

    [Fact]
    public async Task A_repeated_command_id_is_recorded_once_and_decided_again_only_to_check_it_is_the_same_command()
    {
        using var app = await App.WithKilifiAsync();
        var (provider, store, sites) = (app.Provider, app.Store, app.Sites);
        var id = new CommandId("request-42");
        var decisions = 0;
        void ClearCore(LearningSite site, CommandContext ctx)
        {
            decisions++;
            site.ClearCore(PaperSites.KilifiDirector, ctx.Stamp);
        }

        var first = await sites.ExecuteAsync(PaperSites.KilifiId, ClearCore, id, cancellationToken: TestContext.Current.CancellationToken);
        var appends = store.Appends;
        var second = await sites.ExecuteAsync(PaperSites.KilifiId, ClearCore, id, cancellationToken: TestContext.Current.CancellationToken);

        // The retry is decided once more, on the state the first saw, to check it is the same command; nothing is saved.
        Assert.Equal(2, decisions);
        Assert.Equal(appends, store.Appends);
        Assert.True(second.WasDuplicate);
        Assert.Equal(first.Append!.Version, second.Append!.Version);
        Assert.Equal(first.Append.LastPosition, second.Append.LastPosition);
        Assert.Equal(first.Aggregate.Version, second.Aggregate.Version);
    }

    [Fact]
    public async Task A_repeated_creation_is_recorded_once()
    {
        using var provider = Provider(out _);
        using var scope = provider.CreateScope();
        var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
        var id = new CommandId("register-kilifi");

        var first = await sites.CreateAsync(_ => PaperSites.Kilifi(), id, cancellationToken: TestContext.Current.CancellationToken);
        var second = await sites.CreateAsync(_ => PaperSites.Kilifi(), id, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(first.WasDuplicate);
        Assert.True(second.WasDuplicate);
        Assert.Equal(first.Aggregate.Version, second.Aggregate.Version);
        Assert.Empty(second.Aggregate.UncommittedEvents);
    }

    [Fact]
    public async Task Availability_of_a_stored_cycle_comes_in_one_call_with_its_site_rules_and_writes_nothing()
    {
        using var provider = Provider(out var store);
        using var scope = provider.CreateScope();
        var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>().CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: TestContext.Current.CancellationToken);
        await cycles.StartAsync(new CycleOpening(new CycleId("kilifi-2019"), PaperSites.KilifiId, 7, "priority-setting"), cancellationToken: TestContext.Current.CancellationToken);
        var appends = store.Appends;

        var availability = await cycles.AvailabilityAsync(new CycleId("kilifi-2019"), TestContext.Current.CancellationToken);

        var startActing = Assert.Single(availability, a => a.Trigger == CycleTrigger.StartActing);
        Assert.Equal(RefusalKind.GuardsUnmet, startActing.Refusal!.Kind);
        Assert.True(Assert.Single(availability, a => a.Trigger == CycleTrigger.PlanActivity).IsPermitted);
        Assert.Equal(Enum.GetValues<CycleTrigger>().Length, availability.Count);
        Assert.Equal(appends, store.Appends);
        await Assert.ThrowsAsync<AggregateNotFoundException>(async () => await cycles.AvailabilityAsync(new CycleId("nowhere"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_refused_command_writes_nothing_and_is_counted_with_its_trigger_and_state()
    {
        using var provider = Provider(out var store);
        using var scope = provider.CreateScope();
        var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>().CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: TestContext.Current.CancellationToken);
        await cycles.StartAsync(new CycleOpening(new CycleId("kilifi-2019"), PaperSites.KilifiId, 7, "priority-setting"), cancellationToken: TestContext.Current.CancellationToken);
        var appends = store.Appends;
        var rejected = new ConcurrentBag<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = Listen(CoProductionTelemetry.CommandsRejected, (value, tags) => rejected.Add((value, tags)));

        var error = await Assert.ThrowsAsync<CommandRejectedException>(async () => await cycles.ExecuteAsync(
            new CycleId("kilifi-2019"),
            (cycle, ctx) => cycle.StartActing(ctx.Context),
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(appends, store.Appends);
        Assert.Contains(rejected, r => Equals(r.Tags["coproduction.aggregate"], "cycle") && Equals(r.Tags["coproduction.command"], error.Trigger.ToString()) && Equals(r.Tags["coproduction.state"], error.State.ToString()));
    }

    [Fact]
    public async Task Cycle_commands_decide_with_the_roster_of_the_stored_site()
    {
        using var provider = Provider(out _);
        using var scope = provider.CreateScope();
        var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
        var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
        var cycleId = new CycleId("kilifi-2019");
        await sites.CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: TestContext.Current.CancellationToken);
        await cycles.StartAsync(new CycleOpening(cycleId, PaperSites.KilifiId, 7, "priority-setting"), cancellationToken: TestContext.Current.CancellationToken);
        var feedback = new PlannedActivity(new ActivityId("feedback"), "feedback to the county", ActivityKind.Feedback, null, new LocalDate(2019, 3, 1), PaperSites.KilifiLeadResearcher);
        await cycles.ExecuteAsync(cycleId, (c, ctx) => c.PlanActivity(feedback, ctx.Context), cancellationToken: TestContext.Current.CancellationToken);

        await cycles.ExecuteAsync(cycleId, (c, ctx) => c.EndorsePlan(PaperSites.KilifiLeadResearcher, ctx.Context), cancellationToken: TestContext.Current.CancellationToken);
        await cycles.ExecuteAsync(cycleId, (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Context), cancellationToken: TestContext.Current.CancellationToken);
        var acting = await cycles.ExecuteAsync(cycleId, (c, ctx) => c.StartActing(ctx.Context), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CycleStage.Acting, acting.Aggregate.Stage);
        await Assert.ThrowsAsync<CommandRejectedException>(async () => await cycles.ExecuteAsync(
            new CycleId("kilifi-2019"),
            (c, ctx) => c.EndorsePlan(new MemberId("stranger"), ctx.Context),
            cancellationToken: TestContext.Current.CancellationToken));
    }

    private static async Task OtherWriterMarksCoreAsync(ServiceProvider provider, MemberId member)
    {
        var repository = provider.GetRequiredService<AggregateRepository<LearningSite>>();
        var site = await repository.LoadAsync(AggregateRepository<LearningSite>.StreamOf(PaperSites.KilifiId));
        site.MarkCore(member, new Stamp(Now, Actor.Named("other-writer")));
        await repository.SaveAsync(site);
    }

    /// <summary>A container over an interfering store, a scope, and the site commands; Kilifi registered when asked.</summary>
    private sealed class App : IDisposable
    {
        private App()
        {
            Provider = CommandRunnerTests.Provider(out var store);
            Store = store;
            Scope = Provider.CreateScope();
            Sites = Scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
        }

        public ServiceProvider Provider { get; }

        public InterferingStore Store { get; }

        public IServiceScope Scope { get; }

        public IAggregateCommands<LearningSite> Sites { get; }

        public static async Task<App> WithKilifiAsync()
        {
            var app = new App();
            await app.Sites.CreateAsync(_ => PaperSites.Kilifi(), actor: Coordinator, cancellationToken: TestContext.Current.CancellationToken);
            return app;
        }

        public void Dispose()
        {
            Scope.Dispose();
            Provider.Dispose();
        }
    }

    private static ServiceProvider Provider(out InterferingStore store)
    {
        var interfering = new InterferingStore();
        store = interfering;
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddCoProduction().UseTestAccess().UseStore(_ => interfering);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static MeterListener Listen(string instrument, Action<long, Dictionary<string, object?>> record)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == CoProductionTelemetry.Name && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            record(value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        listener.Start();
        return listener;
    }
}
