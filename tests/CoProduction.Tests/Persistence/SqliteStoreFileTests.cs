using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Projections;
using Microsoft.Data.Sqlite;
using NodaTime;
using static CoProduction.Tests.Persistence.StoreTesting;

namespace CoProduction.Tests.Persistence;

/// <summary>
/// The store's file: proven ours before anything is written, every failure of the file one typed
/// <see cref="SqliteStoreException"/> with its reason, readers never taking the write lock, the busy timeout honoured.
/// </summary>
public sealed class SqliteStoreFileTests : IDisposable
{
    private static readonly StreamId Stream = new("cycle-kilifi-2016");
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Every way a store instance first touches its file: reads of each store, and writes.</summary>
    public static TheoryData<string> FirstUses() => ["read stream", "read all", "last position", "append", "checkpoint", "lease", "projection"];

    /// <summary>The reads among <see cref="FirstUses"/>.</summary>
    public static TheoryData<string> Reads() => ["read stream", "read all", "last position", "checkpoint", "projection"];

    private string Path(string name = "store.db") => folder.File(name);

    private static SqliteEventStoreOptions Options(string path, TimeSpan? busyTimeout = null)
        => new() { Path = path, BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>A new store instance's first use of the file.</summary>
    private static async Task UseAsync(string use, SqliteEventStoreOptions options)
    {
        var ct = TestContext.Current.CancellationToken;
        switch (use)
        {
            case "read stream":
                using (var store = new SqliteEventStore(options)) { await store.ReadStreamAsync(Stream, cancellationToken: ct); }
                break;
            case "read all":
                using (var store = new SqliteEventStore(options)) { await store.ReadAllAsync(0, 10, ct); }
                break;
            case "last position":
                using (var store = new SqliteEventStore(options)) { await store.ReadLastPositionAsync(ct); }
                break;
            case "append":
                using (var store = new SqliteEventStore(options)) { await store.AppendAsync(Stream, 0, [Numbered(1)], new CommandId("c-1"), ct); }
                break;
            case "checkpoint":
                using (var checkpoints = new SqliteCheckpointStore(options)) { await checkpoints.GetAsync("mailer", ct); }
                break;
            case "lease":
                using (var leases = new SqliteLeaseStore(options)) { await leases.TryAcquireAsync("sweep", "me", Start, Duration.FromSeconds(30), ct); }
                break;
            case "projection":
                using (var projections = new SqliteProjectionStore(options)) { await projections.GetCheckpointAsync(new SqliteTally(new TallySettings()), ct); }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(use), use, "Not a use of the file.");
        }
    }

    private static string Hash(string path) => StoreTesting.FileHash(path);

    private static SqliteConnection Raw(string path, bool readOnly = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(string path, string sql)
    {
        using var connection = Raw(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A store file with <paramref name="count"/> events in it, closed (its WAL folded into the file).</summary>
    private static async Task<string> StoreFileAsync(string path, int count = 1, int payloadBytes = 16)
    {
        using (var store = new SqliteEventStore(Options(path)))
        {
            var filler = new string('x', payloadBytes);
            for (var from = 0; from < count; from += 100)
            {
                var batch = Enumerable.Range(from + 1, Math.Min(100, count - from))
                    .Select(n => new EventData("test.numbered", 1, Encoding.UTF8.GetBytes($$"""{"n":{{n}},"notes":"{{filler}}"}"""), Start, Actor.Named("test")))
                    .ToList();
                await store.AppendAsync(Stream, from, batch, cancellationToken: TestContext.Current.CancellationToken);
            }
        }

        SqliteConnection.ClearAllPools();
        return path;
    }

    /// <summary>Another application's file: its own tables, in the default journal mode.</summary>
    private string ForeignFile()
    {
        var path = Path("minutes.db");
        using var connection = Raw(path);
        using var create = connection.CreateCommand();
        create.CommandText =
            """
            CREATE TABLE meetings (id INTEGER PRIMARY KEY, held_on TEXT NOT NULL, place TEXT NOT NULL);
            CREATE TABLE attendees (meeting INTEGER NOT NULL, name TEXT NOT NULL);
            INSERT INTO meetings (held_on, place) VALUES ('2016-03-01', 'Kilifi');
            """;
        create.ExecuteNonQuery();
        return path;
    }

    /// <summary>A file in the shape the store wrote at schema version 2: no header stamp, a checkpoint and a projection table beside the events.</summary>
    private string Version2File()
    {
        var path = Path("version2.db");
        using var connection = Raw(path);
        using var create = connection.CreateCommand();
        create.CommandText =
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            CREATE TABLE events (
                position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,
                schema_version INTEGER NOT NULL, payload BLOB NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL, command_id TEXT NULL,
                UNIQUE (stream, version));
            CREATE TABLE commands (stream TEXT NOT NULL, command_id TEXT NOT NULL, version INTEGER NOT NULL, last_position INTEGER NOT NULL,
                PRIMARY KEY (stream, command_id)) WITHOUT ROWID;
            CREATE TABLE command_fingerprints (command_id TEXT NOT NULL PRIMARY KEY, command TEXT NOT NULL, streams TEXT NOT NULL,
                arguments_hash TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE checkpoints (subscriber TEXT NOT NULL PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE tally (stream TEXT NOT NULL PRIMARY KEY, count INTEGER NOT NULL, sum INTEGER NOT NULL, last_position INTEGER NOT NULL);
            INSERT INTO schema_version (version) VALUES (2);
            INSERT INTO events (stream, version, name, schema_version, payload, recorded_at, actor, command_id)
                VALUES ('cycle-kilifi-2016', 1, 'test.numbered', 1, CAST('{"n":1}' AS BLOB), '2016-03-01T08:00:00Z', 'named:test', 'old-command');
            INSERT INTO commands (stream, command_id, version, last_position) VALUES ('cycle-kilifi-2016', 'old-command', 1, 1);
            INSERT INTO checkpoints (subscriber, position) VALUES ('mailer', 1);
            """;
        create.ExecuteNonQuery();
        return path;
    }

    private static async Task<SqliteStoreException> RefusedAsync(string use, SqliteEventStoreOptions options)
        => await Assert.ThrowsAsync<SqliteStoreException>(() => UseAsync(use, options));

    [Theory]
    [MemberData(nameof(FirstUses))]
    public async Task Another_applications_file_is_refused_as_foreign_and_left_byte_identical(string use)
    {
        var path = ForeignFile();
        var before = Hash(path);

        var ex = await RefusedAsync(use, Options(path));

        Assert.Equal((SqliteStoreFailure.Foreign, path), (ex.Reason, ex.DataSource));
        Assert.Contains("attendees, meetings", ex.Message, StringComparison.Ordinal);
        Assert.Contains("give the store its own file", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
        Assert.Equal("delete", Scalar(path, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_file_stamped_with_another_application_id_is_refused_even_when_empty_of_tables()
    {
        var path = Path("other.db");
        Scalar(path, "PRAGMA application_id = 305419896");
        var before = Hash(path);

        var ex = await RefusedAsync("append", Options(path));

        Assert.Equal(SqliteStoreFailure.Foreign, ex.Reason);
        Assert.Contains("application_id is 0x12345678", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
    }

    [Theory]
    [MemberData(nameof(FirstUses))]
    public async Task A_file_of_a_newer_schema_is_refused_and_left_byte_identical(string use)
    {
        var path = await StoreFileAsync(Path());
        Scalar(path, "PRAGMA user_version = 9");
        var before = Hash(path);

        var ex = await RefusedAsync(use, Options(path));

        Assert.Equal(SqliteStoreFailure.NewerSchema, ex.Reason);
        Assert.Contains($"schema version is 9 and this release knows up to {SqliteEventStore.SchemaVersion}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public async Task A_file_of_a_newer_schema_from_before_the_header_stamp_is_refused_too()
    {
        var path = Version2File();
        Scalar(path, "UPDATE schema_version SET version = 7");
        SqliteConnection.ClearAllPools();
        var before = Hash(path);

        var ex = await RefusedAsync("read stream", Options(path));

        Assert.Equal(SqliteStoreFailure.NewerSchema, ex.Reason);
        Assert.Equal(before, Hash(path));
    }

    [Theory]
    [MemberData(nameof(FirstUses))]
    public async Task A_file_that_is_not_a_database_is_damaged_and_left_byte_identical(string use)
    {
        var path = Path("notes.db");
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat("Minutes of the reflection meeting, Kilifi, March 2016. ", 200)), TestContext.Current.CancellationToken);
        var before = Hash(path);

        var ex = await RefusedAsync(use, Options(path));

        Assert.Equal(SqliteStoreFailure.Damaged, ex.Reason);
        Assert.IsType<SqliteException>(ex.InnerException);
        Assert.Contains("restore the file from a backup or an archive", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public async Task Damage_in_the_middle_of_a_real_store_file_is_reported_on_reading_as_damaged()
    {
        var path = await StoreFileAsync(Path(), count: 3000, payloadBytes: 200);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Array.Fill(bytes, (byte)0xA5, bytes.Length / 2, 64 * 1024);
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        using var store = new SqliteEventStore(Options(path));
        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.ReadStreamAsync(Stream, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(SqliteStoreFailure.Damaged, ex.Reason);
        Assert.Equal($"read stream '{Stream}'", ex.Attempted);
    }

    [Fact]
    public async Task Damage_found_on_appending_is_typed_and_the_append_writes_nothing()
    {
        var path = await StoreFileAsync(Path(), count: 300, payloadBytes: 200);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        var page = (int)(long)Scalar(path, "PRAGMA page_size")!;
        SqliteConnection.ClearAllPools();
        Array.Fill(bytes, (byte)0xA5, page, bytes.Length - page);   // every page but the header and the schema
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
        var before = Hash(path);

        using var store = new SqliteEventStore(Options(path));
        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.AppendAsync(Stream, 300, [Numbered(301)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(SqliteStoreFailure.Damaged, ex.Reason);
        Assert.Equal($"append to stream '{Stream}'", ex.Attempted);
        store.Dispose();
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public async Task An_append_through_a_read_only_connection_is_refused_as_read_only_and_reads_still_work()
    {
        var path = await StoreFileAsync(Path(), count: 2);
        var before = Hash(path);
        using var store = new SqliteEventStore(new SqliteEventStoreOptions { ConnectionString = $"Data Source={path};Mode=ReadOnly" });

        Assert.Equal(2, (await store.ReadStreamAsync(Stream, cancellationToken: TestContext.Current.CancellationToken)).Count);
        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.AppendAsync(Stream, 2, [Numbered(3)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(SqliteStoreFailure.ReadOnly, ex.Reason);
        Assert.Contains("make the file and its folder writable", ex.Message, StringComparison.Ordinal);
        store.Dispose();
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Hash(path));
    }

    [Fact]
    public async Task An_older_file_opened_read_only_is_refused_as_read_only_because_it_needs_migrating_and_left_as_it_was()
    {
        var path = Version2File();
        SqliteConnection.ClearAllPools();
        var before = Hash(path);
        using var store = new SqliteEventStore(new SqliteEventStoreOptions { ConnectionString = $"Data Source={path};Mode=ReadOnly" });

        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.ReadStreamAsync(Stream, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(SqliteStoreFailure.ReadOnly, ex.Reason);
        store.Dispose();
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Hash(path));
    }

    [Theory]
    [InlineData("append")]
    [InlineData("read stream")]
    [InlineData("checkpoint")]
    public async Task A_path_in_a_missing_folder_cannot_be_opened_and_no_folder_is_created(string use)
    {
        var missing = System.IO.Path.Combine(folder.Path, "no-such-folder");

        var ex = await RefusedAsync(use, Options(System.IO.Path.Combine(missing, "store.db")));

        Assert.Equal(SqliteStoreFailure.CannotOpen, ex.Reason);
        Assert.Contains("check that the path names a file in an existing folder", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task A_folder_given_as_the_path_cannot_be_opened()
    {
        var ex = await RefusedAsync("append", Options(folder.Path));

        Assert.Equal((SqliteStoreFailure.CannotOpen, folder.Path), (ex.Reason, ex.DataSource));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_new_instance_reads_while_another_connection_holds_the_write_lock(string use)
    {
        var path = await StoreFileAsync(Path(), count: 2);
        using var writer = Raw(path);
        using var transaction = writer.BeginTransaction(deferred: false);
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO checkpoints (subscriber, position) VALUES ('uncommitted', 9)";
            insert.ExecuteNonQuery();
        }

        // A zero busy timeout: any attempt to take the write lock would fail at once.
        await UseAsync(use, Options(path, TimeSpan.Zero));

        using var store = new SqliteEventStore(Options(path, TimeSpan.Zero));
        Assert.Equal(2, (await store.ReadStreamAsync(Stream, cancellationToken: TestContext.Current.CancellationToken)).Count);
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_new_instance_s_first_read_of_a_current_file_leaves_it_byte_identical(string use)
    {
        var path = await StoreFileAsync(Path(), count: 5);
        var before = Hash(path);

        await UseAsync(use, Options(path));
        SqliteConnection.ClearAllPools();

        Assert.Equal(before, Hash(path));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(200)]
    [InlineData(1300)]
    public async Task An_append_busy_past_its_timeout_fails_as_busy_after_waiting_that_long_and_writes_nothing(int milliseconds)
    {
        var path = await StoreFileAsync(Path(), count: 1);
        using var store = new SqliteEventStore(Options(path, TimeSpan.FromMilliseconds(milliseconds)));
        await store.ReadLastPositionAsync(TestContext.Current.CancellationToken);
        using var writer = Raw(path);
        using var transaction = writer.BeginTransaction(deferred: false);

        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.AppendAsync(Stream, 1, [Numbered(2)], cancellationToken: TestContext.Current.CancellationToken));
        clock.Stop();

        Assert.Equal(SqliteStoreFailure.Busy, ex.Reason);
        Assert.Contains("BusyTimeout", ex.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(milliseconds * 0.9), $"Gave up after {clock.Elapsed.TotalMilliseconds} ms of {milliseconds}.");
        transaction.Rollback();
        Assert.Single(await store.ReadStreamAsync(Stream, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_timeout_under_a_second_gives_up_before_a_lock_released_within_the_second()
    {
        // Microsoft.Data.Sqlite alone retries for whole seconds: this append would then wait for the release and succeed.
        var path = await StoreFileAsync(Path(), count: 1);
        using var store = new SqliteEventStore(Options(path, TimeSpan.FromMilliseconds(100)));
        await store.ReadLastPositionAsync(TestContext.Current.CancellationToken);
        using var writer = Raw(path);
        var transaction = writer.BeginTransaction(deferred: false);
        using var release = new Timer(_ => transaction.Rollback(), null, 800, Timeout.Infinite);

        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.AppendAsync(Stream, 1, [Numbered(2)], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(SqliteStoreFailure.Busy, ex.Reason);
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Single(await store.ReadStreamAsync(Stream, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_append_waits_out_a_lock_released_within_its_timeout()
    {
        var path = await StoreFileAsync(Path(), count: 1);
        using var store = new SqliteEventStore(Options(path, TimeSpan.FromSeconds(20)));
        await store.ReadLastPositionAsync(TestContext.Current.CancellationToken);
        using var writer = Raw(path);
        var transaction = writer.BeginTransaction(deferred: false);
        using var release = new Timer(_ => transaction.Rollback(), null, 300, Timeout.Infinite);

        var appended = await store.AppendAsync(Stream, 1, [Numbered(2)], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, appended.Version);
    }

    [Fact]
    public async Task A_checkpoint_write_busy_past_its_timeout_is_typed_too()
    {
        var path = await StoreFileAsync(Path(), count: 1);
        using var checkpoints = new SqliteCheckpointStore(Options(path, TimeSpan.FromMilliseconds(100)));
        await checkpoints.GetAsync("mailer", TestContext.Current.CancellationToken);
        using var writer = Raw(path);
        using var transaction = writer.BeginTransaction(deferred: false);

        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await checkpoints.SetAsync("mailer", 1, TestContext.Current.CancellationToken));

        Assert.Equal((SqliteStoreFailure.Busy, "store the checkpoint of 'mailer'"), (ex.Reason, ex.Attempted));
    }

    [Fact]
    public async Task A_file_of_schema_version_2_is_migrated_in_place_keeping_its_events_checkpoints_and_projection_tables()
    {
        var path = Version2File();
        var options = Options(path);
        using var store = new SqliteEventStore(options);
        using var checkpoints = new SqliteCheckpointStore(options);
        using var leases = new SqliteLeaseStore(options);

        Assert.Single(await store.ReadStreamAsync(Stream, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(1, await checkpoints.GetAsync("mailer", TestContext.Current.CancellationToken));
        Assert.True(await leases.TryAcquireAsync("sweep", "me", Start, Duration.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True((await store.AppendAsync(Stream, 0, [Numbered(1)], new CommandId("old-command"), TestContext.Current.CancellationToken)).WasDuplicate);

        Assert.Equal((long)SqliteEventStore.SchemaVersion, Scalar(path, "PRAGMA user_version"));
        Assert.Equal(0x436F5072L, Scalar(path, "PRAGMA application_id"));
        Assert.Equal((long)SqliteEventStore.SchemaVersion, Scalar(path, "SELECT version FROM schema_version"));
        Assert.Equal(0L, Scalar(path, "SELECT COUNT(*) FROM tally"));
        Assert.Equal(0L, Scalar(path, "SELECT COUNT(*) FROM documents"));
    }

    [Fact]
    public async Task A_file_of_schema_version_3_gets_the_projections_generation_keeping_its_checkpoints()
    {
        var path = Path("v3.db");
        var tally = new DocumentTally(new TallySettings());
        using (var models = new SqliteProjectionStore(Options(path)))
        {
            await models.ResetAsync(tally, TestContext.Current.CancellationToken);
            await models.CommitDocumentsAsync(tally, 0, [new("a", new TallyRow(1, 1, 1), [])], 5, TestContext.Current.CancellationToken);
        }

        SqliteConnection.ClearAllPools();
        Scalar(path, "ALTER TABLE projections DROP COLUMN generation; UPDATE schema_version SET version = 3; PRAGMA user_version = 3");

        using (var models = new SqliteProjectionStore(Options(path)))
        {
            Assert.Equal(new ProjectionCheckpoint(1, 5), await models.GetCheckpointAsync(tally, TestContext.Current.CancellationToken));
            Assert.Equal(new TallyRow(1, 1, 1), await models.GetDocumentAsync(tally, "a", TestContext.Current.CancellationToken));
        }

        Assert.Equal((long)SqliteEventStore.SchemaVersion, Scalar(path, "PRAGMA user_version"));
        Assert.Equal(0L, Scalar(path, "SELECT generation FROM projections"));
    }

    [Fact]
    public async Task A_file_holding_only_side_tables_made_before_they_were_versioned_is_ours_and_gets_the_rest()
    {
        var path = Path("side.db");
        Scalar(path, "CREATE TABLE checkpoints (subscriber TEXT NOT NULL PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID; INSERT INTO checkpoints VALUES ('mailer', 4)");
        using var checkpoints = new SqliteCheckpointStore(Options(path));

        Assert.Equal(4, await checkpoints.GetAsync("mailer", TestContext.Current.CancellationToken));
        Assert.Equal("wal", Scalar(path, "PRAGMA journal_mode"));
        Assert.Equal(0L, Scalar(path, "SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public async Task An_empty_file_is_made_a_store()
    {
        var path = Path("empty.db");
        await File.WriteAllBytesAsync(path, [], TestContext.Current.CancellationToken);
        using var store = new SqliteEventStore(Options(path));

        await store.AppendAsync(Stream, 0, [Numbered(1)], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((long)SqliteEventStore.SchemaVersion, Scalar(path, "PRAGMA user_version"));
        Assert.Equal("wal", Scalar(path, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_failure_of_the_file_names_the_call_the_file_and_keeps_sqlites_error_inside()
    {
        var path = ForeignFile();
        Scalar(path, "PRAGMA application_id = 1");
        using var store = new SqliteEventStore(Options(path));

        var ex = await Assert.ThrowsAsync<SqliteStoreException>(async () => await store.ReadLastPositionAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith($"Could not open the store (store file '{path}'): it belongs to another application", ex.Message, StringComparison.Ordinal);
        Assert.Equal("open the store", ex.Attempted);
        var common = Assert.IsAssignableFrom<StoreException>(ex);
        Assert.Equal((path, "open the store"), (common.DataSource, common.Attempted));
    }

    [Theory]
    [InlineData("recorded_at", "2016-03-01 08:00", "not an instant in the extended ISO form")]
    [InlineData("recorded_at", "2016-02-30T08:00:00Z", "not an instant in the extended ISO form")]
    [InlineData("actor", "robot:r2", "is not an actor")]
    [InlineData("command_id", " padded", "Padded")]
    public async Task A_damaged_envelope_value_is_a_typed_error_naming_the_event_and_column_on_every_read_and_the_file_is_unchanged(string column, string damaged, string problem)
    {
        var path = await StoreFileAsync(Path("damaged.db"), count: 3);
        Scalar(path, $"UPDATE events SET {column} = '{damaged}' WHERE version = 2");
        SqliteConnection.ClearAllPools();
        var before = Hash(path);

        using (var store = new SqliteEventStore(Options(path)))
        {
            var fromStream = await Assert.ThrowsAsync<CorruptEventEnvelopeException>(async () => await store.ReadStreamAsync(Stream, cancellationToken: TestContext.Current.CancellationToken));
            var fromFeed = await Assert.ThrowsAsync<CorruptEventEnvelopeException>(async () => await store.ReadAllAsync(0, 10, TestContext.Current.CancellationToken));
            foreach (var ex in new[] { fromStream, fromFeed })
            {
                Assert.Equal((Stream, 2L, "test.numbered", column, path), (ex.Stream, ex.Version, ex.EventName, ex.Column, ex.DataSource));
                Assert.StartsWith($"Event 2 of stream '{Stream}' ('test.numbered', schema 1) in store '{path}' has an unreadable {column} '{damaged}': ", ex.Message, StringComparison.Ordinal);
                Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
                Assert.IsAssignableFrom<UnreadableEventException>(ex);
            }

            Assert.Single(await store.ReadStreamAsync(Stream, 3, TestContext.Current.CancellationToken));
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(before, Hash(path));
    }
}
