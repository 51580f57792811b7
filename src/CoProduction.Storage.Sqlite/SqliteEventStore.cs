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
/// Before anything is written the file is proven ours: a file of another application or of a newer schema is refused with
/// <see cref="SqliteStoreException"/> and left as it was; an empty or older file is created or migrated (see
/// <see cref="SchemaVersion"/>), a current one used without a write, so a reader never takes the write lock. Every failure
/// of the file (busy past the timeout, read-only, cannot open, damaged, disk error) is a <see cref="SqliteStoreException"/>
/// with its <see cref="SqliteStoreException.Reason"/>. Each append is one <c>BEGIN IMMEDIATE</c>
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
    /// <remarks>Version 2 keeps each command id's fingerprint (<see cref="CommandFingerprint"/>); version 3 keeps every table of
    /// the package (checkpoints, leases, projections) under the version and stamps the file's header as a store's; version 4
    /// counts each projection's resets (its <c>generation</c>), so a process tells its parsed read-model documents current. Older
    /// files are migrated in place when they are first used, and the command ids a version 1 file recorded are matched per
    /// stream, as they were.</remarks>
    public const int SchemaVersion = SqliteSchema.Version;

    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    private readonly SqliteConnectionPool pool;

    /// <summary>Creates the store; the file and schema are created on first use.</summary>
    /// <param name="options">The file and busy timeout.</param>
    /// <exception cref="ArgumentException">Neither a path nor a connection string is given, or the busy timeout is negative.</exception>
    public SqliteEventStore(SqliteEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        pool = PoolFor(options);
    }

    /// <summary>A pool of connections to the options' file, one per store instance.</summary>
    /// <param name="options">The file and busy timeout.</param>
    /// <param name="pageCacheKibibytes">Each connection's page cache; 0 for SQLite's default (2 MiB).</param>
    internal static SqliteConnectionPool PoolFor(SqliteEventStoreOptions options, int pageCacheKibibytes = 0)
    {
        var busyTimeoutMilliseconds = BusyTimeoutOf(options);
        var builder = ConnectionFor(options);
        return new SqliteConnectionPool(builder.ToString(), busyTimeoutMilliseconds, builder.DataSource, pageCacheKibibytes);
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
        // Microsoft.Data.Sqlite retries a busy statement until its command timeout, counted in whole seconds; a negative one
        // ends that loop at the first busy answer, so SQLite's busy handler (PRAGMA busy_timeout, in milliseconds) is the
        // one wait and a busy timeout under a second is honoured.
        builder.DefaultTimeout = -1;
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
        var written = await WriteAsync([new StreamAppend(stream, expectedVersion, events)], commandId, null, cancellationToken).ConfigureAwait(false);
        return written.Streams[0];
    }

    /// <inheritdoc/>
    public ValueTask<StreamsAppendResult> AppendStreamsAsync(IReadOnlyList<StreamAppend> appends, CommandId? commandId, CancellationToken cancellationToken)
        => AppendStreamsAsync(appends, commandId, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<StreamsAppendResult> AppendStreamsAsync(
        IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, CancellationToken cancellationToken)
    {
        StoreArguments.CheckAppends(appends);
        return WriteAsync(appends, commandId, fingerprint, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StreamsAppendResult>> AppendCommandsAsync(IReadOnlyList<CommandAppend> commands, CancellationToken cancellationToken)
    {
        StoreArguments.CheckCommands(commands);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var transaction = connection.BeginTransaction(deferred: false);
            var results = new StreamsAppendResult[commands.Count];
            for (var i = 0; i < commands.Count; i++)
            {
                results[i] = await WriteInAsync(connection, transaction, commands[i].Appends, commands[i].CommandId, commands[i].Fingerprint, commands[i].RefuseRetry, cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return results;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw Failed($"append {commands.Count} commands", reason, ex);
        }
    }

    /// <summary>Writes the parts (<see cref="WriteInOneTransactionAsync"/>), a failure of the file typed.</summary>
    private async ValueTask<StreamsAppendResult> WriteAsync(
        IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteInOneTransactionAsync(appends, commandId, fingerprint, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw Failed(appends.Count == 1 ? $"append to stream '{appends[0].Stream}'" : $"append to {appends.Count} streams", reason, ex);
        }
    }

    /// <summary>Writes every part in one <c>BEGIN IMMEDIATE</c> transaction: the command's first write, or every version checked and every event inserted.</summary>
    private async ValueTask<StreamsAppendResult> WriteInOneTransactionAsync(
        IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var transaction = connection.BeginTransaction(deferred: false);
        var written = await WriteInAsync(connection, transaction, appends, commandId, fingerprint, refuseRetry: false, cancellationToken).ConfigureAwait(false);
        if (!written.WasDuplicate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return written;
    }

    /// <summary>One command's write inside an open transaction: its first write when the id was recorded, or every version checked and every event inserted.</summary>
    private static async ValueTask<StreamsAppendResult> WriteInAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, bool refuseRetry, CancellationToken cancellationToken)
    {
        fingerprint = fingerprint is null ? null : fingerprint with { Streams = CommandFingerprint.StreamsOf(appends) };
        if (refuseRetry)
        {
            await CheckVersionsAsync(connection, transaction, appends, cancellationToken).ConfigureAwait(false);
        }

        if (commandId is { } command)
        {
            if (fingerprint is not null)
            {
                using var bound = Command(connection, transaction, "SELECT command, streams, arguments_hash FROM command_fingerprints WHERE command_id = $command");
                bound.Parameters.AddWithValue("$command", command.Value);
                using var reader = await bound.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var recorded = new CommandFingerprint(reader.GetString(0), reader.GetString(1), reader.GetString(2));
                    if (recorded != fingerprint)
                    {
                        throw new CommandIdReusedException(command, recorded, fingerprint);
                    }
                }
            }

            var firsts = new List<AppendResult>(appends.Count);
            using var find = Command(connection, transaction, "SELECT version, last_position FROM commands WHERE stream = $stream AND command_id = $command");
            var pFindStream = find.Parameters.Add("$stream", SqliteType.Text);
            find.Parameters.AddWithValue("$command", command.Value);
            foreach (var part in appends)
            {
                pFindStream.Value = part.Stream.Value;
                using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    firsts.Add(new AppendResult(part.Stream, reader.GetInt64(0), reader.GetInt64(1), WasDuplicate: true));
                }
            }

            if (firsts.Count > 0)
            {
                return new StreamsAppendResult(firsts, WasDuplicate: true);
            }
        }

        await CheckVersionsAsync(connection, transaction, appends, cancellationToken).ConfigureAwait(false);
        var results = new AppendResult[appends.Count];
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
            pCommand.Value = commandId is { } c ? c.Value : DBNull.Value;
            for (var p = 0; p < appends.Count; p++)
            {
                var (stream, expectedVersion, events) = appends[p];
                pStream.Value = stream.Value;
                long lastPosition = 0;
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

                results[p] = new AppendResult(stream, expectedVersion + events.Count, lastPosition, WasDuplicate: false);
            }
        }

        if (commandId is { } boundId && fingerprint is not null)
        {
            using var bind = Command(
                connection, transaction, "INSERT INTO command_fingerprints (command_id, command, streams, arguments_hash) VALUES ($command, $name, $streams, $hash)");
            bind.Parameters.AddWithValue("$command", boundId.Value);
            bind.Parameters.AddWithValue("$name", fingerprint.Command);
            bind.Parameters.AddWithValue("$streams", fingerprint.Streams);
            bind.Parameters.AddWithValue("$hash", fingerprint.ArgumentsHash);
            await bind.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (commandId is { } id)
        {
            using var remember = Command(
                connection, transaction, "INSERT INTO commands (stream, command_id, version, last_position) VALUES ($stream, $command, $version, $position)");
            var pStream = remember.Parameters.Add("$stream", SqliteType.Text);
            remember.Parameters.AddWithValue("$command", id.Value);
            var pVersion = remember.Parameters.Add("$version", SqliteType.Integer);
            var pPosition = remember.Parameters.Add("$position", SqliteType.Integer);
            foreach (var result in results)
            {
                pStream.Value = result.Stream.Value;
                pVersion.Value = result.Version;
                pPosition.Value = result.LastPosition;
                await remember.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return new StreamsAppendResult(results, WasDuplicate: false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        StreamId stream,
        long fromVersion = 1,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckReadStream(stream, fromVersion);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var read = Command(
                lease.Connection,
                null,
                "SELECT " + StreamColumns + " FROM events WHERE stream = $stream AND version >= $from ORDER BY version");
            read.Parameters.AddWithValue("$stream", stream.Value);
            read.Parameters.AddWithValue("$from", fromVersion);
            return ReadEvents(read, stream, cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw Failed($"read stream '{stream}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StoredEvent>> ReadAllAsync(
        long afterPosition,
        int maxCount,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckReadAll(afterPosition, maxCount);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var read = Command(
                lease.Connection,
                null,
                "SELECT " + StreamColumns + ", stream FROM events WHERE position > $after ORDER BY position LIMIT $max");
            read.Parameters.AddWithValue("$after", afterPosition);
            read.Parameters.AddWithValue("$max", maxCount);
            return ReadEvents(read, null, cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw Failed(string.Create(CultureInfo.InvariantCulture, $"read the events after position {afterPosition}"), reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<long> ReadLastPositionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var read = Command(lease.Connection, null, "SELECT COALESCE(MAX(position), 0) FROM events");
            return (long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw Failed("read the last position", reason, ex);
        }
    }

    /// <summary>
    /// Compacts the file: rebuilds it without free pages (<c>VACUUM</c>) and empties its write-ahead log
    /// (<c>wal_checkpoint(TRUNCATE)</c>), so that nothing deleted or overwritten (an erased person's key, a read model's
    /// older documents) remains in the file's bytes. It needs the write lock for as long as the file takes to copy; run it
    /// when writes can wait, for example after erasing a person.
    /// </summary>
    /// <param name="cancellationToken">Cancels before the compaction starts.</param>
    /// <returns>A task that completes when the file is compacted.</returns>
    /// <exception cref="SqliteStoreException">The file is busy past the busy timeout (another connection reads or writes), read-only, or damaged.</exception>
    public async Task CompactAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var vacuum = Command(lease.Connection, null, "VACUUM"))
            {
                vacuum.ExecuteNonQuery();
            }

            using var checkpoint = Command(lease.Connection, null, "PRAGMA wal_checkpoint(TRUNCATE)");
            using var reader = checkpoint.ExecuteReader();
            if (reader.Read() && reader.GetInt64(0) != 0)
            {
                throw new SqliteStoreException(pool.DataSource, SqliteStoreFailure.Busy, "compact the store", "another connection kept reading while the log was emptied; compact again when it is done");
            }
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw Failed("compact the store", reason, ex);
        }
    }

    // The envelope without the stream, which a stream's read knows already; the feed's read adds it last.
    private const string StreamColumns = "version, position, name, schema_version, payload, recorded_at, actor, command_id";

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    private static async Task CheckVersionsAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StreamAppend> appends, CancellationToken cancellationToken)
    {
        foreach (var part in appends)
        {
            var actual = await VersionAsync(connection, transaction, part.Stream, cancellationToken).ConfigureAwait(false);
            if (actual != part.ExpectedVersion)
            {
                throw new ConcurrencyException(part.Stream, part.ExpectedVersion, actual);
            }
        }
    }

    private static async Task<long> VersionAsync(
        SqliteConnection connection, SqliteTransaction transaction, StreamId stream, CancellationToken cancellationToken)
    {
        using var version = Command(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM events WHERE stream = $stream");
        version.Parameters.AddWithValue("$stream", stream.Value);
        return (long)(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Reads the rows into envelopes through the one reader of the database stores (synchronously: see <see cref="StoredEventRows"/>).</summary>
    private List<StoredEvent> ReadEvents(SqliteCommand read, StreamId? stream, CancellationToken cancellationToken)
    {
        using var reader = read.ExecuteReader();
        return StoredEventRows.Read(reader, stream, DataSource, cancellationToken);
    }

    private Task<SqliteLease> OpenAsync(CancellationToken cancellationToken) => pool.RentAsync(cancellationToken);

    private SqliteStoreException Failed(string attempted, SqliteStoreFailure reason, SqliteException exception)
        => SqliteFile.Failed(DataSource, attempted, reason, exception);
}
