using CoProduction.DependencyInjection;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.Projections;

/// <summary>The promises every projection store keeps, through the runner an app uses. Each store's test class derives from this one.</summary>
public abstract class ProjectionConformance
{
    protected static readonly Instant Now = Instant.FromUtc(2019, 2, 1, 6, 0);

    protected TallySettings Settings { get; } = new();

    /// <summary>Chooses the store under test.</summary>
    protected abstract void UseStore(CoProductionBuilder builder);

    /// <summary>Adds the store's kind of tally projection.</summary>
    protected abstract void AddTally(CoProductionBuilder builder);

    /// <summary>Reads the tally's model.</summary>
    protected abstract IReadOnlyDictionary<string, TallyRow> ReadTally(IServiceProvider services);

    protected ServiceProvider Provider(Action<CoProductionOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Settings);
        services.AddSingleton<IClock>(new FakeClock(Now));
        var builder = services.AddCoProduction(o =>
            {
                o.ProjectionBatchSize = 7;
                configure?.Invoke(o);
            }).UseTestAccess();
        UseStore(builder);
        AddTally(builder);
        return services.BuildServiceProvider(validateScopes: true);
    }

    protected static EventData Count(int n) => new("tally.counted", 1, Encoding.UTF8.GetBytes($$"""{"n":{{n}},"at":"2019-02-01T06:00:00Z","by":"named:test"}"""), Now, Actor.Named("test"));

    protected static EventData FromTheFuture() => new("tally.from-the-future", 1, "{}"u8.ToArray(), Now, Actor.Named("test"));

    /// <summary>Appends <paramref name="count"/> numbered events spread over three streams; returns the last append.</summary>
    protected static async Task<AppendResult> AppendAsync(IEventStore store, int count, int first = 1)
    {
        AppendResult? last = null;
        for (var n = first; n < first + count; n++)
        {
            var stream = new StreamId("tally-" + (n % 3));
            var version = (await store.ReadStreamAsync(stream)).Count;
            last = await store.AppendAsync(stream, version, [Count(n)]);
        }

        return last!;
    }

    /// <summary>The tally folded from zero, straight from the feed, leaving out the given positions.</summary>
    protected static async Task<Dictionary<string, TallyRow>> ExpectedAsync(IEventStore store, params long[] leftOut)
    {
        var rows = new Dictionary<string, TallyRow>(StringComparer.Ordinal);
        foreach (var e in await store.ReadAllAsync(0, 100_000))
        {
            if (leftOut.Contains(e.Position))
            {
                continue;
            }

            using var json = System.Text.Json.JsonDocument.Parse(e.Payload);
            var n = e.EventName == "tally.counted" ? json.RootElement.GetProperty("n").GetInt32() : 0;
            var row = rows.GetValueOrDefault(e.Stream.Value) ?? new TallyRow(0, 0, 0);
            rows[e.Stream.Value] = new TallyRow(row.Count + 1, row.Sum + n, e.Position);
        }

        return rows;
    }

    private static IProjection Tally(IServiceProvider services)
        => services.GetRequiredService<ProjectionRunner>().Projections.Single(p => p.Name == TallySettings.Name);

    /// <summary>One atomic step of the tally, as the runner takes it: a document projection is folded by the runner and committed by the store.</summary>
    private static async Task<ProjectionCheckpoint> StepAsync(IServiceProvider services, IReadOnlyList<ProjectedEvent> events)
    {
        var projection = Tally(services);
        var projections = services.GetRequiredService<IProjectionStore>();
        return projection is IDocumentFold fold
            ? await fold.StepAsync(
                events,
                services.GetRequiredService<IDocumentStore>(),
                projections,
                new AggregateSource(services.GetRequiredService<IEventStore>(), services.GetRequiredService<EventSerializer>()),
                TestContext.Current.CancellationToken)
            : await projections.ApplyAsync(projection, events, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Catching_up_folds_every_event_once_and_leaves_the_checkpoint_at_the_last_position()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IEventStore>();
        var last = await AppendAsync(store, 40);
        var runner = services.GetRequiredService<ProjectionRunner>();

        Assert.Equal(40 * runner.Projections.Count, await runner.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await runner.CatchUpAsync(TestContext.Current.CancellationToken));

        Assert.Equal(await ExpectedAsync(store), ReadTally(services));
        var checkpoint = await services.GetRequiredService<IProjectionStore>().GetCheckpointAsync(Tally(services), TestContext.Current.CancellationToken);
        Assert.Equal(new ProjectionCheckpoint(1, last.LastPosition), checkpoint);
        Assert.All(await runner.StatusAsync(TestContext.Current.CancellationToken), s => Assert.Equal(0, s.Lag));
    }

    [Fact]
    public async Task A_step_that_fails_keeps_neither_its_model_changes_nor_its_checkpoint()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IEventStore>();
        await AppendAsync(store, 3);
        var runner = services.GetRequiredService<ProjectionRunner>();
        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        var before = ReadTally(services);
        await AppendAsync(store, 5, first: 4);
        var batch = (await store.ReadAllAsync(3, 10, TestContext.Current.CancellationToken))
            .Select(e => new ProjectedEvent(e, services.GetRequiredService<EventSerializer>())).ToList();
        Settings.FailAt[batch[3].Stored.Position] = true;
        var projections = services.GetRequiredService<IProjectionStore>();

        var failed = await Assert.ThrowsAsync<ProjectionFailedException>(async () => await StepAsync(services, batch));

        Assert.Equal((TallySettings.Name, batch[3].Stored.Position), (failed.Projection, failed.Event.Position));
        Assert.IsType<InvalidOperationException>(failed.InnerException);
        Assert.Equal(before, ReadTally(services));
        Assert.Equal(3, (await projections.GetCheckpointAsync(Tally(services), TestContext.Current.CancellationToken)).Position);
    }

    [Fact]
    public async Task Events_at_or_before_the_checkpoint_are_never_applied_twice()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IEventStore>();
        await AppendAsync(store, 6);
        var runner = services.GetRequiredService<ProjectionRunner>();
        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        var serializer = services.GetRequiredService<EventSerializer>();
        var replay = (await store.ReadAllAsync(0, 10, TestContext.Current.CancellationToken)).Select(e => new ProjectedEvent(e, serializer)).ToList();

        var checkpoint = await StepAsync(services, replay);

        Assert.Equal(6, checkpoint.Position);
        Assert.Equal(await ExpectedAsync(store), ReadTally(services));
    }

    [Fact]
    public async Task A_new_projection_version_rebuilds_the_model_from_position_zero()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IEventStore>();
        await AppendAsync(store, 10);
        var runner = services.GetRequiredService<ProjectionRunner>();
        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        await AppendAsync(store, 4, first: 11);

        Settings.Version = 2;
        await runner.CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(await ExpectedAsync(store), ReadTally(services));
        Assert.Equal(
            new ProjectionCheckpoint(2, 14),
            await services.GetRequiredService<IProjectionStore>().GetCheckpointAsync(Tally(services), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_reset_empties_the_model_and_the_next_pass_folds_it_again_from_zero()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IEventStore>();
        await AppendAsync(store, 9);
        var runner = services.GetRequiredService<ProjectionRunner>();
        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        var projections = services.GetRequiredService<IProjectionStore>();

        await projections.ResetAsync(Tally(services), TestContext.Current.CancellationToken);

        Assert.Empty(ReadTally(services));
        Assert.Equal(new ProjectionCheckpoint(1, 0), await projections.GetCheckpointAsync(Tally(services), TestContext.Current.CancellationToken));
        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(await ExpectedAsync(store), ReadTally(services));
    }

    [Fact]
    public async Task An_unknown_event_type_in_the_middle_of_the_feed_is_parked_with_its_reason_and_the_events_after_it_are_projected()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IEventStore>();
        await AppendAsync(store, 5);
        var poison = await store.AppendAsync(new StreamId("tally-1"), 2, [FromTheFuture()], cancellationToken: TestContext.Current.CancellationToken);
        var last = await AppendAsync(store, 5, first: 6);
        var runner = services.GetRequiredService<ProjectionRunner>();

        await runner.CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(await ExpectedAsync(store, poison.LastPosition), ReadTally(services));
        var parked = Assert.Single(await services.GetRequiredService<IParkedEventStore>().ListAsync(TallySettings.Name, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(
            (TallySettings.Name, poison.LastPosition, new StreamId("tally-1"), 3L, "tally.from-the-future", 1, typeof(UnknownEventTypeException).FullName, Now),
            (parked.Subscriber, parked.Position, parked.Stream, parked.StreamVersion, parked.EventName, parked.SchemaVersion, parked.ErrorType, parked.ParkedAt));
        Assert.Contains("no registered event type has this wire name", parked.Reason, StringComparison.Ordinal);
        Assert.Equal(last.LastPosition, (await services.GetRequiredService<IProjectionStore>().GetCheckpointAsync(Tally(services), TestContext.Current.CancellationToken)).Position);
        var status = (await runner.StatusAsync(TestContext.Current.CancellationToken)).Single(s => s.Name == TallySettings.Name);
        Assert.Equal((1L, 0L), (status.Parked, status.Lag));
    }

    [Fact]
    public async Task Parked_events_are_retried_by_a_rebuild_once_the_projection_is_fixed()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IEventStore>();
        await AppendAsync(store, 12);
        Settings.FailAt[4] = true;
        Settings.FailAt[9] = true;
        var runner = services.GetRequiredService<ProjectionRunner>();
        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        var parked = services.GetRequiredService<IParkedEventStore>();
        Assert.Equal([4L, 9L], (await parked.ListAsync(TallySettings.Name, cancellationToken: TestContext.Current.CancellationToken)).Select(p => p.Position));
        Assert.Equal([9L], (await parked.ListAsync(TallySettings.Name, afterPosition: 4, cancellationToken: TestContext.Current.CancellationToken)).Select(p => p.Position));
        Assert.Equal(2, (await parked.CountAsync(TestContext.Current.CancellationToken))[TallySettings.Name]);
        Assert.Equal(await ExpectedAsync(store, 4, 9), ReadTally(services));

        Settings.FailAt.Clear();
        Assert.Equal(12, await runner.RebuildAsync(TallySettings.Name, TestContext.Current.CancellationToken));

        Assert.Empty(await parked.ListAsync(TallySettings.Name, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(await ExpectedAsync(store), ReadTally(services));
    }

    [Fact]
    public async Task Waiting_for_a_command_s_position_returns_once_every_model_has_reached_it()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IEventStore>();
        var runner = services.GetRequiredService<ProjectionRunner>();
        var hosted = services.GetServices<IHostedService>().OfType<ProjectionRunner>().Single();
        Assert.Same(runner, hosted);
        await runner.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var append = await AppendAsync(store, 20);

            Assert.True(await runner.WaitForAsync(append.LastPosition, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

            Assert.Equal(await ExpectedAsync(store), ReadTally(services));
            var index = services.GetRequiredService<IStreamIndex>();
            Assert.Equal(3, await index.CountAsync("tally", TestContext.Current.CancellationToken));
            Assert.False(await runner.WaitForAsync(append.LastPosition + 1, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken));
        }
        finally
        {
            await runner.StopAsync(TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Waiting_without_the_hosted_runner_catches_up_itself()
    {
        using var services = Provider();
        var append = await AppendAsync(services.GetRequiredService<IEventStore>(), 8);
        var runner = services.GetRequiredService<ProjectionRunner>();

        Assert.True(await runner.WaitForAsync(append.LastPosition, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(await runner.WaitForAsync(0, TimeSpan.Zero, TestContext.Current.CancellationToken));
        Assert.Equal(8, ReadTally(services).Values.Sum(r => r.Count));
    }

    [Fact]
    public async Task The_stream_index_lists_each_category_s_streams_a_page_at_a_time_with_their_aggregate_type()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IEventStore>();
        foreach (var name in new[] { "cycle-b", "cycle-a", "meeting-series-weekly", "cycle-c", "odd-thing-1", "cycle-a" })
        {
            var stream = new StreamId(name);
            await store.AppendAsync(stream, (await store.ReadStreamAsync(stream)).Count, [Count(1)], cancellationToken: TestContext.Current.CancellationToken);
        }

        await services.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);
        var index = services.GetRequiredService<IStreamIndex>();
        var ct = TestContext.Current.CancellationToken;

        var first = await index.ListAsync("cycle", limit: 2, cancellationToken: ct);
        Assert.Equal(["cycle-a", "cycle-b"], first.Select(e => e.Stream.Value));
        Assert.Equal(["cycle-c"], (await index.ListAsync("cycle", first[^1].Stream, 2, ct)).Select(e => e.Stream.Value));
        Assert.Empty(await index.ListAsync("cycle", new StreamId("cycle-c"), 2, ct));
        Assert.Equal(3, await index.CountAsync("cycle", ct));
        Assert.Equal(0, await index.CountAsync("protocol", ct));
        Assert.Equal(
            new StreamIndexEntry(new StreamId("cycle-a"), "cycle", "Cycle", 2, 2, 6, Now, Now),
            await index.FindAsync(new StreamId("cycle-a"), ct));
        Assert.Equal(("meeting-series", "MeetingSeries"), (await index.ListAsync("meeting-series", cancellationToken: ct)) is [var series] ? (series.Category, series.AggregateType) : default);
        Assert.Equal(("odd", (string?)null), (await index.ListAsync("odd", cancellationToken: ct)) is [var odd] ? (odd.Category, odd.AggregateType) : default);
        Assert.Null(await index.FindAsync(new StreamId("cycle-z"), ct));
    }

    [Fact]
    public async Task The_health_check_fails_when_a_model_lags_and_is_degraded_while_events_are_parked()
    {
        using var services = Provider(o => o.ProjectionLagThreshold = 5);
        var store = services.GetRequiredService<IEventStore>();
        var check = services.GetRequiredService<ProjectionHealthCheck>();
        var runner = services.GetRequiredService<ProjectionRunner>();
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("projections", check, HealthStatus.Unhealthy, null) };

        await AppendAsync(store, 6);
        var lagging = await check.CheckHealthAsync(context, TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Unhealthy, lagging.Status);
        Assert.Equal(6L, lagging.Data[TallySettings.Name + ".lag"]);

        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context, TestContext.Current.CancellationToken)).Status);

        await store.AppendAsync(new StreamId("tally-9"), 0, [FromTheFuture()], cancellationToken: TestContext.Current.CancellationToken);
        await runner.CatchUpAsync(TestContext.Current.CancellationToken);
        var degraded = await check.CheckHealthAsync(context, TestContext.Current.CancellationToken);
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal(1L, degraded.Data[TallySettings.Name + ".parked"]);
    }

    [Fact]
    public async Task A_projection_of_another_store_s_kind_is_refused_with_what_to_do()
    {
        using var services = Provider();
        var other = services.GetRequiredService<IProjectionStore>() is InMemoryProjectionStore
            ? (IProjection)new SqliteTally(Settings)
            : new InMemoryTally(Settings);

        var refused = await Assert.ThrowsAsync<NotSupportedException>(async () => await services.GetRequiredService<IProjectionStore>().GetCheckpointAsync(other, TestContext.Current.CancellationToken));
        Assert.Contains(TallySettings.Name, refused.Message, StringComparison.Ordinal);
    }
}
