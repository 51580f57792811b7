using System;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static CoProduction.Tests.Persistence.StoreTesting;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.Persistence;

/// <summary>Store calls borrow open connections from the store's own pool: the pragmas run once per connection.</summary>
public sealed class SqliteConnectionPoolTests : IDisposable
{
    private static readonly StreamId Stream = new("cycle-kilifi-2016");
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private SqliteEventStoreOptions Options(string name = "store.db") => new() { Path = folder.File(name), BusyTimeout = TimeSpan.FromSeconds(7) };

    [Fact]
    public async Task Sequential_calls_reuse_one_connection_with_its_pragmas_set_once()
    {
        using var store = new SqliteEventStore(Options());
        for (var i = 0; i < 50; i++)
        {
            await store.AppendAsync(Stream, i, [Numbered(i + 1)]);
            Assert.Equal(i + 1, (await store.ReadStreamAsync(Stream)).Count);
            Assert.Equal(i + 1, await store.ReadLastPositionAsync());
        }

        Assert.Equal(1, store.Pool.Opened);
        Assert.Equal(1, store.Pool.Idle);
        using var lease = await store.Pool.RentAsync(TestContext.Current.CancellationToken);
        Assert.Equal(7000L, Scalar(lease.Connection, "PRAGMA busy_timeout"));
        Assert.Equal(2L, Scalar(lease.Connection, "PRAGMA synchronous"));   // FULL
    }

    [Fact]
    public async Task Concurrent_calls_each_get_a_connection_and_at_most_a_few_stay_open()
    {
        using var store = new SqliteEventStore(Options());
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await Task.Yield();
            var stream = new StreamId($"cycle-site{i % 8}-{i}");
            await store.AppendAsync(stream, 0, [Numbered(i), Numbered(i + 1000)]);
            Assert.Equal(2, (await store.ReadStreamAsync(stream)).Count);
        }));

        Assert.Equal(80L, await store.ReadLastPositionAsync());
        Assert.InRange(store.Pool.Idle, 1, SqliteConnectionPool.IdleCapacity);
        var all = await store.ReadAllAsync(0, 100);
        Assert.Equal(80, all.Count);
    }

    [Fact]
    public async Task A_connection_comes_back_usable_after_a_refused_append_rolled_back_its_transaction()
    {
        using var store = new SqliteEventStore(Options());
        await store.AppendAsync(Stream, 0, [Numbered(1)], new CommandId("first"));
        await Assert.ThrowsAsync<ConcurrencyException>(async () => await store.AppendAsync(Stream, 0, [Numbered(2)]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(Stream, 1, []));

        var next = await store.AppendAsync(Stream, 1, [Numbered(2)], new CommandId("second"));
        Assert.Equal((2L, 2L, false), (next.Version, next.LastPosition, next.WasDuplicate));
        Assert.Equal([1, 2], (await store.ReadStreamAsync(Stream)).Select(NumberOf));
        Assert.Equal(1, store.Pool.Opened);
    }

    [Fact]
    public async Task A_connection_given_back_inside_a_transaction_is_closed_not_lent_again()
    {
        using var store = new SqliteEventStore(Options());
        await store.ReadLastPositionAsync();
        var lease = await store.Pool.RentAsync(TestContext.Current.CancellationToken);
        var connection = lease.Connection;
        var transaction = connection.BeginTransaction(deferred: false);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO events (stream, version, name, schema_version, payload, recorded_at, actor, command_id) VALUES ('x-1', 1, 'n', 1, x'7B7D', '2016-03-01T00:00:00Z', 'system', NULL)";
            insert.ExecuteNonQuery();
        }

        lease.Dispose();   // without committing or rolling back: the pool must not keep it
        lease.Dispose();   // twice is harmless
        Assert.Equal(0, store.Pool.Idle);
        Assert.Equal(System.Data.ConnectionState.Closed, connection.State);

        // The write lock is released and the half-done insert is gone.
        await store.AppendAsync(Stream, 0, [Numbered(1)]);
        Assert.Equal([Stream], (await store.ReadAllAsync(0, 10)).Select(e => e.Stream));
        Assert.Empty(await store.ReadStreamAsync(new StreamId("x-1")));
    }

    [Fact]
    public async Task A_disposed_store_has_closed_its_connections_and_refuses_calls()
    {
        var store = new SqliteEventStore(Options());
        await store.AppendAsync(Stream, 0, [Numbered(1)]);
        store.Dispose();
        store.Dispose();
        Assert.Equal(0, store.Pool.Idle);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ReadStreamAsync(Stream));

        using var reopened = new SqliteEventStore(Options());
        Assert.Equal([1], (await reopened.ReadStreamAsync(Stream)).Select(NumberOf));
    }

    [Fact]
    public async Task Disposing_the_container_disposes_every_sqlite_store_it_made()
    {
        var path = folder.File("app.db");
        SqliteEventStore store;
        SqliteProjectionStore projections;
        var provider = new ServiceCollection().AddCoProduction().UseTestAccess().UseSqliteStore(path).Services.BuildServiceProvider();
        await using (provider)
        {
            store = Assert.IsType<SqliteEventStore>(provider.GetRequiredService<IEventStore>());
            projections = provider.GetRequiredService<SqliteProjectionStore>();
            Assert.Same(projections, provider.GetRequiredService<IDocumentStore>());
            await store.AppendAsync(Stream, 0, [Numbered(1)]);
            await provider.GetRequiredService<ICheckpointStore>().SetAsync("mailer", 1);
            Assert.Equal(1L, await provider.GetRequiredService<ICheckpointStore>().GetAsync("mailer"));
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ReadLastPositionAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await projections.CountAsync());

        // Nothing holds the file: a plain connection finds it whole.
        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        Assert.Equal("ok", Scalar(check, "PRAGMA integrity_check"));
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
