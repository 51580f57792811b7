using CoProduction.DependencyInjection;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Storage.Sqlite;
using CoProduction.Streams;
using CoProduction.Tests.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using NodaTime.Text;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.Samples.Snippets;

// The code blocks of docs/read-side.md, compiled and run (DocsSnippetTests keeps the page and the regions equal).

#region read-side-document
/// <summary>Each cycle's stage and since when, indexed by site and stage: one document per cycle, on every store.</summary>
public sealed record CycleCard(string Site, int Number, string Stage, Instant Since);

[System.Text.Json.Serialization.JsonSerializable(typeof(CycleCard))]
internal sealed partial class CycleCardJson : System.Text.Json.Serialization.JsonSerializerContext;

public sealed class CycleCards() : AggregateProjection<CoProduction.Cycles.Cycle, CycleCard>(
    new CycleCardJson(new System.Text.Json.JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb)).CycleCard)
{
    public override string Name => "app.cycle-cards";

    public override int Version => 1;

    // The aggregate's own fold has run: read its state, never re-implement the domain's rules.
    protected override CycleCard? Summarize(CoProduction.Cycles.Cycle cycle)
        => new(cycle.State.Site.Value, cycle.State.Number, cycle.State.Stage.ToString(), cycle.State.CurrentVisit?.Entered ?? cycle.State.StartedAt);

    protected override IEnumerable<DocumentIndexEntry> Index(CycleCard card)
        => [new("site-stage", DocumentIndexEntry.Compose(card.Site, card.Stage))];
}
#endregion

#region read-side-projection
/// <summary>When each cycle started: one row per cycle, in the events' own SQLite file.</summary>
public sealed class CycleStarts : SqliteProjection
{
    public override string Name => "app.cycle-starts";

    public override int Version => 1;   // raise it when the fold or the table changes: the model is rebuilt from position 0

    protected override void Reset(SqliteProjectionWriter writer)
    {
        writer.Execute("DROP TABLE IF EXISTS cycle_starts");
        writer.Execute("CREATE TABLE cycle_starts (stream TEXT NOT NULL PRIMARY KEY, started_at TEXT NOT NULL)");
        writer.Execute("CREATE INDEX cycle_starts_by_date ON cycle_starts (started_at)");
    }

    protected override void Apply(SqliteProjectionWriter writer, ProjectedEvent e)
    {
        // The envelope is enough here; e.Deserialize() reads the domain event when a fold needs its fields.
        if (e.Stored.EventName == "cycle.started")
        {
            writer.Execute(
                "INSERT INTO cycle_starts (stream, started_at) VALUES ($stream, $at)",
                ("$stream", e.Stored.Stream.Value),
                ("$at", InstantPattern.ExtendedIso.Format(e.Stored.RecordedAt)));
        }
    }
}
#endregion

#region read-side-in-memory
/// <summary>How many events each stream has, for the in-memory store: each event gives a new immutable model.</summary>
public sealed class EventsPerStream()
    : InMemoryProjection<System.Collections.Immutable.ImmutableDictionary<string, int>>(System.Collections.Immutable.ImmutableDictionary<string, int>.Empty)
{
    public override string Name => "app.events-per-stream";

    public override int Version => 1;

    protected override System.Collections.Immutable.ImmutableDictionary<string, int> Apply(
        System.Collections.Immutable.ImmutableDictionary<string, int> model, ProjectedEvent e)
        => model.SetItem(e.Stored.Stream.Value, model.GetValueOrDefault(e.Stored.Stream.Value) + 1);
}
#endregion

public sealed class ReadSideSnippets : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_sqlite_projection_is_registered_checked_for_health_and_read_after_a_write()
    {
        var path = folder.File("kilifi.db");
        var ct = TestContext.Current.CancellationToken;

        #region read-side-register
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCoProduction()
            .UseSqliteStore(path)
            .AddProjection<CycleStarts>()
            .AddNotificationHandler<Mailer>();
        builder.Services.AddHealthChecks()
            .AddCheck<ProjectionHealthCheck>("coproduction-projections");   // lag and parked events
        using var host = builder.Build();
        await host.StartAsync(ct);   // the runner catches up in the background, then follows the live feed
        #endregion

        var services = host.Services;
        var store = services.GetRequiredService<IEventStore>();
        var written = await store.AppendAsync(
            new StreamId("cycle-kilifi-2016"), 0, [Started()], cancellationToken: ct);
        var result = new Commands.CommandResult<object>(new object(), written, WasDuplicate: false);

        #region read-side-wait
        // result: what a command returned (CommandResult<T>); Append is null when it recorded nothing.
        var runner = services.GetRequiredService<ProjectionRunner>();
        var current = await runner.WaitForAsync(result.Append?.LastPosition ?? 0, TimeSpan.FromSeconds(2), ct);
        var cycles = await services.GetRequiredService<IStreamIndex>().ListAsync("cycle", after: null, limit: 50, ct);
        // current == false: the models are still catching up; show the page with a "still updating" note.
        #endregion

        Assert.True(current);
        Assert.Equal([new StreamId("cycle-kilifi-2016")], cycles.Select(c => c.Stream));
        Assert.Equal("Cycle", cycles[0].AggregateType);
        Assert.Equal(1L, Starts(path));
        var health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ct);
        Assert.Equal(HealthStatus.Healthy, health.Status);

        await store.AppendAsync(new StreamId("cycle-kilifi-2016"), 1, [StoreTesting.Event("cycle.from-a-newer-release")], cancellationToken: ct);
        await runner.CatchUpAsync(ct);
        var rebuilt = await RetryAsync(services, ct);
        Assert.Equal(2, rebuilt);
        Assert.Equal(1L, Starts(path));
        await host.StopAsync(ct);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_document_read_model_is_written_once_and_queried_on_either_store(bool sqlite)
    {
        var ct = TestContext.Current.CancellationToken;
        var services = new ServiceCollection();
        var coproduction = services.AddCoProduction().UseTestAccess().AddProjection<CycleCards>();
        if (sqlite)
        {
            coproduction.UseSqliteStore(folder.File("cards.db"));
        }

        using var provider = services.BuildServiceProvider();
        var rules = Cycles.KilifiSite.Rules();
        var repository = provider.GetRequiredService<AggregateRepository<CoProduction.Cycles.Cycle>>();
        await repository.SaveAsync(Cycles.KilifiSite.Acting(rules, 2016), cancellationToken: ct);
        await repository.SaveAsync(Cycles.KilifiSite.Planned(rules, 2017), cancellationToken: ct);
        await provider.GetRequiredService<ProjectionRunner>().CatchUpAsync(ct);

        #region read-side-document-query
        var cards = new DocumentReader<CycleCard>(provider.GetRequiredService<IDocumentStore>(), provider.GetRequiredService<CycleCards>());
        var acting = await cards.QueryAsync("site-stage", DocumentRange.Equal(DocumentIndexEntry.Compose("kilifi", "Acting")), limit: 50, cancellationToken: ct);
        var atKilifi = await cards.CountAsync("site-stage", DocumentRange.StartingWith("kilifi"), ct);
        #endregion

        var card = Assert.Single(acting.Items);
        Assert.Equal(new CycleCard("kilifi", 4, "Acting", Cycles.KilifiSite.On(2016, 2, 15)), card);
        Assert.Null(acting.Next);
        Assert.Equal(2, atKilifi);
    }

    [Fact]
    public async Task An_in_memory_projection_folds_the_feed_into_an_immutable_model()
    {
        var services = new ServiceCollection();
        services.AddCoProduction().UseTestAccess().AddProjection<EventsPerStream>();
        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IEventStore>();
        await store.AppendAsync(new StreamId("cycle-a"), 0, [StoreTesting.Numbered(1), StoreTesting.Numbered(2)], cancellationToken: TestContext.Current.CancellationToken);

        await provider.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, provider.GetRequiredService<EventsPerStream>().Current["cycle-a"]);
    }

    /// <summary>A real cycle start (the library's cycle register reads it too, and would park an empty payload).</summary>
    private static EventData Started() => EventSerializer.Default.Serialize(new CoProduction.Cycles.CycleStarted(
        new CycleId("kilifi-2016"), new SiteId("kilifi"), 4, "priority-setting", "Africa/Nairobi", new LocalDate(2016, 1, 11), [], null, [], Instant.FromUtc(2016, 1, 11, 6, 0), Actor.Named("test")));

    private static async Task<long> RetryAsync(IServiceProvider services, CancellationToken ct)
    {
        var runner = services.GetRequiredService<ProjectionRunner>();
        var dispatcher = services.GetRequiredService<NotificationDispatcher>();
        long rebuilt = 0;

        #region read-side-parked
        var parked = services.GetRequiredService<IParkedEventStore>();
        foreach (var (subscriber, count) in await parked.CountAsync(ct))
        {
            foreach (var entry in await parked.ListAsync(subscriber, afterPosition: 0, limit: 100, ct))
            {
                Console.WriteLine($"{subscriber}: event {entry.Position} ({entry.EventName}, {entry.Stream}): {entry.Reason}");
            }
        }

        // Once the app is fixed (the newer release's event registered, the fold corrected):
        rebuilt = await runner.RebuildAsync("app.cycle-starts", ct);   // a projection folds the whole feed again, in order
        await dispatcher.RetryParkedAsync("mailer", ct);              // a handler is offered its parked events again
        #endregion

        return rebuilt;
    }

    private static long Starts(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM cycle_starts";
        return (long)count.ExecuteScalar()!;
    }
}

/// <summary>The handler the parked-events snippet retries.</summary>
internal sealed class Mailer : INotificationHandler
{
    public string Name => "mailer";

    public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
