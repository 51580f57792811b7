using CoProduction.Storage.Sqlite;
using CoProduction.DependencyInjection;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Tests.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduction.Tests.Projections;

public sealed class InMemoryProjectionConformanceTests : ProjectionConformance
{
    protected override void UseStore(CoProductionBuilder builder) => builder.UseInMemoryStore();

    protected override void AddTally(CoProductionBuilder builder) => builder.AddProjection<InMemoryTally>();

    protected override IReadOnlyDictionary<string, TallyRow> ReadTally(IServiceProvider services)
        => services.GetRequiredService<InMemoryTally>().Read().ToDictionary(StringComparer.Ordinal);
}

public sealed class SqliteProjectionConformanceTests : ProjectionConformance, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Database => folder.File("projections.db");

    protected override void UseStore(CoProductionBuilder builder) => builder.UseSqliteStore(Database);

    protected override void AddTally(CoProductionBuilder builder) => builder.AddProjection<SqliteTally>();

    protected override IReadOnlyDictionary<string, TallyRow> ReadTally(IServiceProvider services) => SqliteTallyReader.Read(Database);

    [Fact]
    public async Task The_stream_index_lists_nothing_before_the_first_pass_and_every_stream_once_caught_up()
    {
        using var services = Provider();
        var written = await AppendAsync(services.GetRequiredService<IEventStore>(), 4);
        var index = services.GetRequiredService<Streams.IStreamIndex>();

        Assert.Empty(await index.ListAsync("tally", cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(await services.GetRequiredService<ProjectionRunner>().WaitForAsync(written.LastPosition, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(["tally-0", "tally-1", "tally-2"], (await index.ListAsync("tally", cancellationToken: TestContext.Current.CancellationToken)).Select(e => e.Stream.Value));
        Assert.Equal(3, await index.CountAsync("tally", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_apps_over_one_file_project_each_event_once()
    {
        using var first = Provider();
        using var second = Provider();
        var store = first.GetRequiredService<IEventStore>();
        await AppendAsync(store, 60);

        await Task.WhenAll(
            Task.Run(() => first.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken)),
            Task.Run(() => second.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken)));

        Assert.Equal(await ExpectedAsync(store), ReadTally(first));
    }

    [Fact]
    public async Task A_restarted_app_carries_on_from_its_checkpoint_and_a_new_version_rebuilds_the_tables()
    {
        using (var first = Provider())
        {
            await AppendAsync(first.GetRequiredService<IEventStore>(), 15);
            await first.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);
        }

        using var second = Provider();
        var store = second.GetRequiredService<IEventStore>();
        await AppendAsync(store, 5, first: 16);
        // Every registered projection folds the five new events (the tally and the library's own read models).
        Assert.Equal(5 * second.GetServices<IProjection>().Count(), await second.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(await ExpectedAsync(store), ReadTally(second));

        Settings.Version = 3;
        using var third = Provider();
        Assert.Equal(20, await third.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(await ExpectedAsync(store), ReadTally(third));
    }
}

/// <summary>Reads the SQLite tally with a connection of its own, as a query does.</summary>
internal static class SqliteTallyReader
{
    public static Dictionary<string, TallyRow> Read(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT stream, count, sum, last_position FROM tally";
        var rows = new Dictionary<string, TallyRow>(StringComparer.Ordinal);
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = new TallyRow(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return rows;
    }
}

public sealed class InMemoryDocumentProjectionConformanceTests : ProjectionConformance
{
    protected override void UseStore(CoProductionBuilder builder) => builder.UseInMemoryStore();

    protected override void AddTally(CoProductionBuilder builder) => builder.AddProjection<DocumentTally>();

    protected override IReadOnlyDictionary<string, TallyRow> ReadTally(IServiceProvider services) => DocumentTally.Read(services);
}

public sealed class SqliteDocumentProjectionConformanceTests : ProjectionConformance, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    protected override void UseStore(CoProductionBuilder builder) => builder.UseSqliteStore(folder.File("documents.db"));

    protected override void AddTally(CoProductionBuilder builder) => builder.AddProjection<DocumentTally>();

    protected override IReadOnlyDictionary<string, TallyRow> ReadTally(IServiceProvider services) => DocumentTally.Read(services);
}
