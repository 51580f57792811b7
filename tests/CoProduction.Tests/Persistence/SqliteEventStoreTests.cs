using System.IO;
using System;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using static CoProduction.Tests.Persistence.StoreTesting;

namespace CoProduction.Tests.Persistence;

public sealed class SqliteEventStoreTests : IDisposable
{
    private static readonly StreamId Stream = new("cycle-kilifi-2016");
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private SqliteEventStore Open(string name = "store.db") => new(new SqliteEventStoreOptions { Path = folder.File(name) });

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public async Task Events_survive_closing_and_reopening_the_file()
    {
        await Open().AppendAsync(Stream, 0, [Numbered(1), Numbered(2)], new CommandId("c"));
        SqliteConnection.ClearAllPools();
        var reopened = Open();
        Assert.Equal([1, 2], (await reopened.ReadStreamAsync(Stream)).Select(NumberOf));
        Assert.True((await reopened.AppendAsync(Stream, 0, [Numbered(1)], new CommandId("c"))).WasDuplicate);
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_with_a_schema_version()
    {
        await Open().ReadAllAsync(0, 1);
        Assert.Equal("wal", Scalar(folder.File("store.db"), "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteEventStore.SchemaVersion, Scalar(folder.File("store.db"), "SELECT version FROM schema_version"));
        Assert.Equal((long)SqliteEventStore.SchemaVersion, Scalar(folder.File("store.db"), "PRAGMA user_version"));
    }

    [Fact]
    public async Task A_file_written_by_a_newer_schema_is_refused_and_left_untouched()
    {
        await Open().ReadAllAsync(0, 1);
        Scalar(folder.File("store.db"), $"PRAGMA user_version = {SqliteEventStore.SchemaVersion + 1}");
        SqliteConnection.ClearAllPools();

        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await Open().AppendAsync(Stream, 0, [Numbered(1)]));
        Assert.Equal(SqliteStoreFailure.NewerSchema, ex.Reason);
        Assert.Contains($"schema version is {SqliteEventStore.SchemaVersion + 1}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar(folder.File("store.db"), "SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_with_a_typed_error_and_left_untouched()
    {
        var path = folder.File("notes.db");
        var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(System.Linq.Enumerable.Repeat("Minutes of the reflection meeting, Kilifi, March 2016. ", 200)));
        await File.WriteAllBytesAsync(path, text);

        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await Open("notes.db").ReadStreamAsync(Stream));
        Assert.Equal((path, SqliteStoreFailure.Damaged), (ex.DataSource, ex.Reason));
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.Equal(text, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Two_store_instances_on_one_file_keep_the_concurrency_guard()
    {
        var a = Open();
        var b = Open();
        await a.AppendAsync(Stream, 0, [Numbered(1)]);
        var ex = await Assert.ThrowsAsync<ConcurrencyException>(async () => await b.AppendAsync(Stream, 0, [Numbered(2)]));
        Assert.Equal(1, ex.ActualVersion);
        await b.AppendAsync(Stream, 1, [Numbered(2)]);
        Assert.Equal([1, 2], (await a.ReadStreamAsync(Stream)).Select(NumberOf));
    }

    [Fact]
    public void A_store_needs_a_path_or_a_connection_string()
        => Assert.Throws<ArgumentException>(() => new SqliteEventStore(new SqliteEventStoreOptions()));

    [Fact]
    public async Task A_connection_string_can_name_the_file()
    {
        var store = new SqliteEventStore(new SqliteEventStoreOptions { ConnectionString = $"Data Source={folder.File("cs.db")}" });
        await store.AppendAsync(Stream, 0, [Numbered(1)]);
        Assert.Equal(folder.File("cs.db"), store.DataSource);
        Assert.Equal(1L, Scalar(folder.File("cs.db"), "SELECT COUNT(*) FROM events"));
    }
}
