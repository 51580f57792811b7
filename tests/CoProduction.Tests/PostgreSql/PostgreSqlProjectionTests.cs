using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Storage.PostgreSql;
using CoProduction.Tests.Projections;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CoProduction.Tests.PostgreSql;

/// <summary>The tally for the PostgreSQL store: table <c>tally</c> in the store's schema, written in each step's transaction.</summary>
#region postgresql-projection
public sealed class PostgreSqlTally(TallySettings settings) : PostgreSqlProjection
{
    public override string Name => TallySettings.Name;

    public override int Version => settings.Version;

    protected override async ValueTask ResetAsync(PostgreSqlProjectionWriter writer, CancellationToken cancellationToken)
    {
        await writer.ExecuteAsync("DROP TABLE IF EXISTS tally", cancellationToken);
        await writer.ExecuteAsync("CREATE TABLE tally (stream text NOT NULL PRIMARY KEY, count bigint NOT NULL, sum bigint NOT NULL, last_position bigint NOT NULL)", cancellationToken);
    }

    protected override async ValueTask ApplyAsync(PostgreSqlProjectionWriter writer, ProjectedEvent e, CancellationToken cancellationToken)
        => await writer.ExecuteAsync(
            """
            INSERT INTO tally (stream, count, sum, last_position) VALUES (@stream, 1, @n, @position)
            ON CONFLICT (stream) DO UPDATE SET count = tally.count + 1, sum = tally.sum + excluded.sum, last_position = excluded.last_position
            """,
            cancellationToken,
            ("stream", e.Stored.Stream.Value),
            ("n", (long)settings.NumberOf(e)),
            ("position", e.Stored.Position));
}
#endregion

/// <summary>Reads the PostgreSQL tally of a schema with a connection of its own, as a query does.</summary>
internal static class PostgreSqlTallyReader
{
    public static Dictionary<string, TallyRow> Read(string connectionString, string schema)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var rows = new Dictionary<string, TallyRow>(StringComparer.Ordinal);
        using var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection);
        exists.Parameters.AddWithValue("table", "\"" + schema + "\".tally");
        if (!(bool)exists.ExecuteScalar()!)
        {
            return rows;
        }

        using var read = new NpgsqlCommand($"SELECT stream, count, sum, last_position FROM \"{schema}\".tally", connection);
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = new TallyRow(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        return rows;
    }
}

/// <summary>Every projection promise with a custom-SQL model on PostgreSQL: the tally's table written in the checkpoint's transaction.</summary>
public sealed class PostgreSqlProjectionConformanceTests : ProjectionConformance, IDisposable
{
    private readonly PostgreSqlServer server = new();
    private readonly Lazy<PostgreSqlStoreOptions> options;

    public PostgreSqlProjectionConformanceTests() => options = new(() => server.Options());

    public void Dispose() => server.Dispose();

    protected override void UseStore(CoProductionBuilder builder)
        => builder.UsePostgreSqlStore(o =>
        {
            o.ConnectionString = options.Value.ConnectionString;
            o.Schema = options.Value.Schema;
        });

    protected override void AddTally(CoProductionBuilder builder) => builder.AddProjection<PostgreSqlTally>();

    protected override IReadOnlyDictionary<string, TallyRow> ReadTally(IServiceProvider services)
        => PostgreSqlTallyReader.Read(options.Value.ConnectionString!, options.Value.Schema);

    [Fact]
    public async Task Two_apps_over_one_schema_project_each_event_once()
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
    public async Task A_restarted_app_carries_on_from_its_checkpoint_and_a_new_version_rebuilds_the_table()
    {
        using (var first = Provider())
        {
            await AppendAsync(first.GetRequiredService<IEventStore>(), 15);
            await first.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);
        }

        using var second = Provider();
        var store = second.GetRequiredService<IEventStore>();
        await AppendAsync(store, 5, first: 16);
        var runner = second.GetRequiredService<ProjectionRunner>();
        Assert.Equal(5 * runner.Projections.Count, await runner.CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(await ExpectedAsync(store), ReadTally(second));

        Settings.Version = 3;
        using var third = Provider();
        Assert.Equal(20, await third.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(await ExpectedAsync(store), ReadTally(third));
    }

    [Fact]
    public async Task The_model_s_table_is_in_the_store_s_schema_and_nowhere_else()
    {
        using var services = Provider();
        await AppendAsync(services.GetRequiredService<IEventStore>(), 3);
        await services.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1L, PostgreSqlServer.Scalar("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'tally' AND schemaname = @schema", ("schema", options.Value.Schema)));
        Assert.Equal(3, ReadTally(services).Count);
    }

    [Fact]
    public async Task A_document_projection_is_never_applied_through_ApplyAsync_and_nothing_is_written()
    {
        using var services = Provider();
        var store = services.GetRequiredService<IProjectionStore>();
        var documents = new DocumentTally(Settings);

        var refused = await Assert.ThrowsAsync<NotSupportedException>(async () => await store.ApplyAsync(documents, [], TestContext.Current.CancellationToken));

        Assert.Contains(TallySettings.Name, refused.Message, StringComparison.Ordinal);
        Assert.Contains("CommitDocumentsAsync", refused.Message, StringComparison.Ordinal);
        Assert.Equal(default, await store.GetCheckpointAsync(documents, TestContext.Current.CancellationToken));
    }
}
