using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using Microsoft.Data.Sqlite;
using NodaTime.Text;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// The embedded default event store: one SQLite file in WAL mode, shared safely by threads and processes.
/// </summary>
/// <remarks>
/// <para>
/// The schema is created on first use and versioned in a <c>schema_version</c> table; a file written by a
/// newer schema is refused with <see cref="SqliteSchemaException"/>. Each append is one <c>BEGIN IMMEDIATE</c>
/// transaction (all or nothing, serialized across processes, waiting up to the busy timeout for the write
/// lock), checks the expected version and the command id, and relies on a UNIQUE (stream, version) key
/// as the last guard. The global position is an AUTOINCREMENT key: strictly increasing in commit order.
/// Commits are synchronous (<c>synchronous=FULL</c>): an acknowledged append survives a crash of the
/// process or of the machine.
/// </para>
/// <para>
/// Each instance keeps a few connections open (the busy timeout and <c>synchronous=FULL</c> set once per
/// connection) and lends one to each call; dispose the store to close them (<c>UseSqliteStore</c>'s container
/// does). A connection left inside a transaction by a failed call is closed, never lent again.
/// </para>
/// </remarks>
public sealed class SqliteEventStore : IEventStore, IDisposable
{
    /// <summary>The schema version this code creates and reads.</summary>
    public const int SchemaVersion = 1;

    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    private readonly SqliteConnectionPool pool;
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private volatile bool schemaReady;

    /// <summary>Creates the store; the file and schema are created on first use.</summary>
    /// <param name="options">The file and busy timeout.</param>
    /// <exception cref="ArgumentException">Neither a path nor a connection string is given, or the busy timeout is negative.</exception>
    public SqliteEventStore(SqliteEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        pool = PoolFor(options);
    }

    /// <summary>A pool of connections to the options' file, one per store instance.</summary>
    internal static SqliteConnectionPool PoolFor(SqliteEventStoreOptions options)
    {
        var busyTimeoutMilliseconds = BusyTimeoutOf(options);
        var builder = ConnectionFor(options);
        builder.DefaultTimeout = Math.Max(1, busyTimeoutMilliseconds / 1000);
        return new SqliteConnectionPool(builder.ToString(), busyTimeoutMilliseconds, builder.DataSource);
    }

    /// <summary>The busy timeout in milliseconds, shared with the checkpoint store in the same file.</summary>
    internal static int BusyTimeoutOf(SqliteEventStoreOptions options)
        => options.BusyTimeout < TimeSpan.Zero
            ? throw new ArgumentException("The busy timeout cannot be negative.", nameof(options))
            : (int)Math.Min(int.MaxValue, options.BusyTimeout.TotalMilliseconds);

    /// <summary>The connection settings for the options' file, shared with the checkpoint store in the same file.</summary>
    internal static SqliteConnectionStringBuilder ConnectionFor(SqliteEventStoreOptions options)
    {
        var builder = options.ConnectionString is { Length: > 0 } text
            ? new SqliteConnectionStringBuilder(text)
            : new SqliteConnectionStringBuilder
            {
                DataSource = options.Path is { Length: > 0 } path
                    ? path
                    : throw new ArgumentException("Give the store a Path or a ConnectionString.", nameof(options)),
            };
        builder.Mode = builder.Mode == SqliteOpenMode.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate;
        // The store's own pool keeps connections open; Microsoft.Data.Sqlite's would keep closed ones alive too.
        builder.Pooling = false;
        return builder;
    }

    /// <summary>Gets the database file the store uses.</summary>
    public string DataSource => pool.DataSource;

    /// <summary>Gets the store's connections (for tests of the pool).</summary>
    internal SqliteConnectionPool Pool => pool;

    /// <summary>Closes the store's open connections; calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => pool.Dispose();

    /// <inheritdoc/>
    public async ValueTask<AppendResult> AppendAsync(
        StreamId stream,
        long expectedVersion,
        IReadOnlyList<EventData> events,
        CommandId? commandId = null,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckAppend(stream, expectedVersion, events);
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var transaction = connection.BeginTransaction(deferred: false);

        if (commandId is { } command)
        {
            using var find = Command(connection, transaction, "SELECT version, last_position FROM commands WHERE stream = $stream AND command_id = $command");
            find.Parameters.AddWithValue("$stream", stream.Value);
            find.Parameters.AddWithValue("$command", command.Value);
            using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return new AppendResult(stream, reader.GetInt64(0), reader.GetInt64(1), WasDuplicate: true);
            }
        }

        var actual = await VersionAsync(connection, transaction, stream, cancellationToken).ConfigureAwait(false);
        if (actual != expectedVersion)
        {
            throw new ConcurrencyException(stream, expectedVersion, actual);
        }

        long lastPosition = 0;
        using (var insert = Command(
            connection,
            transaction,
            """
            INSERT INTO events (stream, version, name, schema_version, payload, recorded_at, actor, command_id)
            VALUES ($stream, $version, $name, $schema, $payload, $at, $actor, $command)
            RETURNING position
            """))
        {
            var pStream = insert.Parameters.Add("$stream", SqliteType.Text);
            var pVersion = insert.Parameters.Add("$version", SqliteType.Integer);
            var pName = insert.Parameters.Add("$name", SqliteType.Text);
            var pSchema = insert.Parameters.Add("$schema", SqliteType.Integer);
            var pPayload = insert.Parameters.Add("$payload", SqliteType.Blob);
            var pAt = insert.Parameters.Add("$at", SqliteType.Text);
            var pActor = insert.Parameters.Add("$actor", SqliteType.Text);
            var pCommand = insert.Parameters.Add("$command", SqliteType.Text);
            pStream.Value = stream.Value;
            pCommand.Value = commandId is { } c ? c.Value : DBNull.Value;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                pVersion.Value = expectedVersion + i + 1;
                pName.Value = e.EventName;
                pSchema.Value = e.SchemaVersion;
                pPayload.Value = e.Payload.ToArray();
                pAt.Value = InstantText.Format(e.RecordedAt);
                pActor.Value = e.Actor.ToString();
                try
                {
                    lastPosition = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }
                catch (SqliteException ex) when (ex.SqliteExtendedErrorCode is 2067 or 1555)
                {
                    // The UNIQUE (stream, version) key: another writer committed this version first.
                    var now = await VersionAsync(connection, transaction, stream, CancellationToken.None).ConfigureAwait(false);
                    throw new ConcurrencyException(stream, expectedVersion, now);
                }
            }
        }

        var result = new AppendResult(stream, expectedVersion + events.Count, lastPosition, WasDuplicate: false);
        if (commandId is { } id)
        {
            using var remember = Command(
                connection, transaction, "INSERT INTO commands (stream, command_id, version, last_position) VALUES ($stream, $command, $version, $position)");
            remember.Parameters.AddWithValue("$stream", stream.Value);
            remember.Parameters.AddWithValue("$command", id.Value);
            remember.Parameters.AddWithValue("$version", result.Version);
            remember.Parameters.AddWithValue("$position", result.LastPosition);
            await remember.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        StreamId stream,
        long fromVersion = 1,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckReadStream(stream, fromVersion);
        using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var read = Command(
            connection,
            null,
            "SELECT " + Columns + " FROM events WHERE stream = $stream AND version >= $from ORDER BY version");
        read.Parameters.AddWithValue("$stream", stream.Value);
        read.Parameters.AddWithValue("$from", fromVersion);
        return await ReadEventsAsync(read, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StoredEvent>> ReadAllAsync(
        long afterPosition,
        int maxCount,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckReadAll(afterPosition, maxCount);
        using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var read = Command(
            connection,
            null,
            "SELECT " + Columns + " FROM events WHERE position > $after ORDER BY position LIMIT $max");
        read.Parameters.AddWithValue("$after", afterPosition);
        read.Parameters.AddWithValue("$max", maxCount);
        return await ReadEventsAsync(read, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<long> ReadLastPositionAsync(CancellationToken cancellationToken = default)
    {
        using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var read = Command(connection, null, "SELECT COALESCE(MAX(position), 0) FROM events");
        return (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private const string Columns = "stream, version, position, name, schema_version, payload, recorded_at, actor, command_id";

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    private static async Task<long> VersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, StreamId stream, CancellationToken cancellationToken)
    {
        using var version = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM events WHERE stream = $stream");
        version.Parameters.AddWithValue("$stream", stream.Value);
        return (long)(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<IReadOnlyList<StoredEvent>> ReadEventsAsync(SqliteCommand read, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var at = reader.GetString(6);
            var parsed = InstantText.Parse(at);
            if (!parsed.Success)
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Event {reader.GetInt64(1)} of stream '{reader.GetString(0)}' in '{DataSource}' has an unreadable recorded instant '{at}'."));
            }

            events.Add(new StoredEvent(
                new StreamId(reader.GetString(0)),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetString(3),
                reader.GetInt32(4),
                (byte[])reader.GetValue(5),
                parsed.Value,
                Actor.Parse(reader.GetString(7)),
                reader.IsDBNull(8) ? null : new CommandId(reader.GetString(8))));
        }

        return events;
    }

    private Task<SqliteLease> OpenAsync(CancellationToken cancellationToken)
        => pool.RentAsync(schemaReady ? null : EnsureSchemaAsync, cancellationToken);

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (schemaReady)
            {
                return;
            }

            using (var wal = Command(connection, null, "PRAGMA journal_mode = WAL;"))
            {
                await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            using (var create = Command(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long found;
            using (var read = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version"))
            {
                found = (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            if (found > SchemaVersion)
            {
                throw new SqliteSchemaException(DataSource, found, SchemaVersion);
            }

            if (found < SchemaVersion)
            {
                using var create = Command(
                    connection,
                    transaction,
                    """
                    CREATE TABLE events (
                        position       INTEGER PRIMARY KEY AUTOINCREMENT,
                        stream         TEXT    NOT NULL,
                        version        INTEGER NOT NULL,
                        name           TEXT    NOT NULL,
                        schema_version INTEGER NOT NULL,
                        payload        BLOB    NOT NULL,
                        recorded_at    TEXT    NOT NULL,
                        actor          TEXT    NOT NULL,
                        command_id     TEXT    NULL,
                        UNIQUE (stream, version)
                    );
                    CREATE TABLE commands (
                        stream         TEXT    NOT NULL,
                        command_id     TEXT    NOT NULL,
                        version        INTEGER NOT NULL,
                        last_position  INTEGER NOT NULL,
                        PRIMARY KEY (stream, command_id)
                    ) WITHOUT ROWID;
                    INSERT INTO schema_version (version) VALUES (1);
                    """);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            schemaReady = true;
        }
        finally
        {
            schemaGate.Release();
        }
    }
}
