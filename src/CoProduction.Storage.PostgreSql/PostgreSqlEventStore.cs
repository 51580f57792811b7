using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using Npgsql;
using NpgsqlTypes;
using NodaTime.Text;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// The server event store: PostgreSQL through Npgsql, shared by any number of app instances.
/// </summary>
/// <remarks>
/// <para>
/// Events are rows of <c>events</c> in the store's schema (<see cref="PostgreSqlStoreOptions.Schema"/>): the payload as
/// written, byte for byte (what reads return), and as <c>jsonb</c> for SQL (<c>NULL</c> for the rare payload jsonb cannot
/// hold: not JSON, a <c>\u0000</c> or lone surrogate escape, a number beyond <c>numeric</c>).
/// </para>
/// <para>
/// Each write is one transaction: it checks the command id and every expected version, then takes a transaction-scoped
/// advisory lock of the schema (<c>pg_advisory_xact_lock</c>), numbers its events after the highest committed position,
/// inserts them and commits, which releases the lock only once the commit is visible. So positions are gapless and
/// committed in their order: a reader of the feed (<see cref="ReadAllAsync"/>) never sees a position before a lower one
/// becomes visible, and never skips one. A UNIQUE (stream, version) key is the last guard against a concurrent writer of
/// the same stream; the write that loses is tried again, and then finds the command recorded or the version moved on.
/// </para>
/// <para>
/// The schema is proven ours on the first call (a newer or foreign one is refused untouched, an older or missing one
/// created or migrated; see <see cref="SchemaVersion"/>); every failure of the database is a
/// <see cref="PostgreSqlStoreException"/> after the bounded retries of transient ones. Each commit notifies the channel
/// <c>coproduction_feed</c>, which wakes the dispatchers and projection runners of every instance (<c>UsePostgreSqlStore</c>).
/// </para>
/// </remarks>
public sealed class PostgreSqlEventStore : IEventStore, IDisposable, IAsyncDisposable
{
    /// <summary>The schema version this code creates and reads.</summary>
    public const int SchemaVersion = PostgreSqlSchema.Version;

    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    private readonly PostgreSqlDatabase database;
    private readonly bool ownsDatabase;
    private readonly string sqlFingerprint;
    private readonly string sqlCommands;
    private readonly string sqlVersions;
    private readonly string sqlHead;
    private readonly string sqlInsert;
    private readonly string sqlBind;
    private readonly string sqlRemember;
    private readonly string sqlReadStream;
    private readonly string sqlReadAll;

    /// <summary>Creates the store with a connection pool of its own; the schema is created on first use.</summary>
    /// <param name="options">The connection string, schema, timeout and retries.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range (the message names it).</exception>
    public PostgreSqlEventStore(PostgreSqlStoreOptions options)
        : this(new PostgreSqlDatabase(options), ownsDatabase: true)
    {
    }

    /// <summary>Creates the store over a database shared with the other stores of one container.</summary>
    internal PostgreSqlEventStore(PostgreSqlDatabase database, bool ownsDatabase = false)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        var events = database.Table("events");
        sqlFingerprint = $"SELECT command, streams, arguments_hash FROM {database.Table("command_fingerprints")} WHERE command_id = @command";
        sqlCommands = $"SELECT stream, version, last_position FROM {database.Table("commands")} WHERE command_id = @command AND stream = ANY(@streams)";
        sqlVersions = $"SELECT stream, MAX(version) FROM {events} WHERE stream = ANY(@streams) GROUP BY stream";
        sqlHead = $"SELECT COALESCE(MAX(position), 0) FROM {events}";
        sqlInsert =
            $"""
            INSERT INTO {events} (position, stream, version, name, schema_version, data, payload, recorded_at, actor, command_id)
            SELECT * FROM unnest(@positions, @streams, @versions, @names, @schemas, @data, @payloads, @ats, @actors, @commands)
            """;
        sqlBind = $"INSERT INTO {database.Table("command_fingerprints")} (command_id, command, streams, arguments_hash) VALUES (@command, @name, @streams, @hash)";
        sqlRemember =
            $"""
            INSERT INTO {database.Table("commands")} (stream, command_id, version, last_position)
            SELECT s, @command, v, p FROM unnest(@streams, @versions, @positions) AS t(s, v, p)
            """;
        const string columns = "version, position, name, schema_version, data, recorded_at, actor, command_id";
        sqlReadStream = $"SELECT {columns} FROM {events} WHERE stream = @stream AND version >= @from ORDER BY version";
        sqlReadAll = $"SELECT {columns}, stream FROM {events} WHERE position > @after ORDER BY position LIMIT @max";
    }

    /// <summary>Gets the server, database and schema the store uses (never the password).</summary>
    public string DataSource => database.DataSource;

    /// <summary>Closes the store's connections when it owns its pool; calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (ownsDatabase)
        {
            database.Dispose();
        }
    }

    /// <summary>Closes the store's connections when it owns its pool.</summary>
    /// <returns>A task that completes when they are closed.</returns>
    public ValueTask DisposeAsync() => ownsDatabase ? database.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc/>
    public async ValueTask<AppendResult> AppendAsync(
        StreamId stream, long expectedVersion, IReadOnlyList<EventData> events, CommandId? commandId = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckAppend(stream, expectedVersion, events);
        var written = await WriteAsync($"append to stream '{stream}'", [new CommandAppend([new StreamAppend(stream, expectedVersion, events)], commandId, null)], cancellationToken).ConfigureAwait(false);
        return written[0].Streams[0];
    }

    /// <inheritdoc/>
    public ValueTask<StreamsAppendResult> AppendStreamsAsync(IReadOnlyList<StreamAppend> appends, CommandId? commandId, CancellationToken cancellationToken)
        => AppendStreamsAsync(appends, commandId, null, cancellationToken);

    /// <inheritdoc/>
    public async ValueTask<StreamsAppendResult> AppendStreamsAsync(
        IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, CancellationToken cancellationToken)
    {
        StoreArguments.CheckAppends(appends);
        var written = await WriteAsync(
            appends.Count == 1 ? $"append to stream '{appends[0].Stream}'" : string.Create(CultureInfo.InvariantCulture, $"append to {appends.Count} streams"),
            [new CommandAppend(appends, commandId, fingerprint)],
            cancellationToken).ConfigureAwait(false);
        return written[0];
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StreamsAppendResult>> AppendCommandsAsync(IReadOnlyList<CommandAppend> commands, CancellationToken cancellationToken)
    {
        StoreArguments.CheckCommands(commands);
        return await WriteAsync(string.Create(CultureInfo.InvariantCulture, $"append {commands.Count} commands"), commands, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the commands in one transaction, tried again when it lost a race on a unique key or met a transient failure.</summary>
    private Task<StreamsAppendResult[]> WriteAsync(string attempted, IReadOnlyList<CommandAppend> commands, CancellationToken cancellationToken)
        => database.RunAsync(
            attempted,
            async (connection, ct) =>
            {
                using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                var results = new StreamsAppendResult[commands.Count];
                var locked = false;
                var wrote = false;
                for (var i = 0; i < commands.Count; i++)
                {
                    var (result, tookLock) = await WriteInAsync(connection, transaction, commands[i], locked, ct).ConfigureAwait(false);
                    results[i] = result;
                    locked |= tookLock;
                    wrote |= !result.WasDuplicate;
                }

                if (wrote)
                {
                    ct.ThrowIfCancellationRequested();
                    using (var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @schema)", connection, transaction))
                    {
                        notify.Parameters.AddWithValue("channel", PostgreSqlDatabase.Channel);
                        notify.Parameters.AddWithValue("schema", database.Schema);
                        await notify.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }

                return results;
            },
            cancellationToken,
            retryAlso: e => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation });

    /// <summary>Refuses the write unless every stream is at its part's expected version.</summary>
    private async Task CheckVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StreamAppend> appends, string[] streams, CancellationToken cancellationToken)
    {
        var actual = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var versions = new NpgsqlCommand(sqlVersions, connection, transaction))
        {
            versions.Parameters.AddWithValue("streams", streams);
            using var reader = await versions.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                actual[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        foreach (var part in appends)
        {
            var version = actual.GetValueOrDefault(part.Stream.Value);
            if (version != part.ExpectedVersion)
            {
                throw new ConcurrencyException(part.Stream, part.ExpectedVersion, version);
            }
        }
    }

    /// <summary>One command's write inside an open transaction: its first write when the id was recorded, or every version checked and every event inserted.</summary>
    private async Task<(StreamsAppendResult Result, bool TookLock)> WriteInAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CommandAppend command, bool locked, CancellationToken cancellationToken)
    {
        var appends = command.Appends;
        var fingerprint = command.Fingerprint is null ? null : command.Fingerprint with { Streams = CommandFingerprint.StreamsOf(appends) };
        var streams = appends.Select(a => a.Stream.Value).ToArray();
        if (command.RefuseRetry)
        {
            // A restore: a command already in the store is a conflict, not a retry.
            await CheckVersionsAsync(connection, transaction, appends, streams, cancellationToken).ConfigureAwait(false);
        }

        if (command.CommandId is { } id)
        {
            if (fingerprint is not null)
            {
                using var bound = new NpgsqlCommand(sqlFingerprint, connection, transaction);
                bound.Parameters.AddWithValue("command", id.Value);
                using var reader = await bound.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var recorded = new CommandFingerprint(reader.GetString(0), reader.GetString(1), reader.GetString(2));
                    if (recorded != fingerprint)
                    {
                        throw new CommandIdReusedException(id, recorded, fingerprint);
                    }
                }
            }

            var firsts = new Dictionary<string, AppendResult>(StringComparer.Ordinal);
            using (var find = new NpgsqlCommand(sqlCommands, connection, transaction))
            {
                find.Parameters.AddWithValue("command", id.Value);
                find.Parameters.AddWithValue("streams", streams);
                using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var stream = reader.GetString(0);
                    firsts[stream] = new AppendResult(new StreamId(stream), reader.GetInt64(1), reader.GetInt64(2), WasDuplicate: true);
                }
            }

            if (firsts.Count > 0)
            {
                // In the parts' order, as the first write returned them.
                return (new StreamsAppendResult([.. streams.Where(firsts.ContainsKey).Select(s => firsts[s])], WasDuplicate: true), false);
            }
        }

        await CheckVersionsAsync(connection, transaction, appends, streams, cancellationToken).ConfigureAwait(false);

        // Only now the feed's lock: held from numbering the events to the commit, so commits are visible in position order.
        if (!locked)
        {
            using var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction);
            take.Parameters.AddWithValue("lock", database.FeedLock);
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long head;
        using (var last = new NpgsqlCommand(sqlHead, connection, transaction))
        {
            head = (long)(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var count = appends.Sum(a => a.Events.Count);
        var positions = new long[count];
        var rowStreams = new string[count];
        var rowVersions = new long[count];
        var names = new string[count];
        var schemas = new int[count];
        var data = new byte[count][];
        var payloads = new string?[count];
        var ats = new string[count];
        var actors = new string[count];
        var commandIds = new string?[count];
        var results = new AppendResult[appends.Count];
        var row = 0;
        for (var p = 0; p < appends.Count; p++)
        {
            var (stream, expectedVersion, events) = appends[p];
            for (var i = 0; i < events.Count; i++, row++)
            {
                var e = events[i];
                positions[row] = head + row + 1;
                rowStreams[row] = stream.Value;
                rowVersions[row] = expectedVersion + i + 1;
                names[row] = e.EventName;
                schemas[row] = e.SchemaVersion;
                data[row] = e.Payload.ToArray();
                payloads[row] = JsonbText(e.Payload.Span);
                ats[row] = InstantText.Format(e.RecordedAt);
                actors[row] = e.Actor.ToString();
                commandIds[row] = command.CommandId?.Value;
            }

            results[p] = new AppendResult(stream, expectedVersion + events.Count, head + row, WasDuplicate: false);
        }

        using (var insert = new NpgsqlCommand(sqlInsert, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter("positions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = positions });
            insert.Parameters.Add(new NpgsqlParameter("streams", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rowStreams });
            insert.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rowVersions });
            insert.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = names });
            insert.Parameters.Add(new NpgsqlParameter("schemas", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = schemas });
            insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = data });
            insert.Parameters.Add(new NpgsqlParameter("payloads", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = payloads });
            insert.Parameters.Add(new NpgsqlParameter("ats", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ats });
            insert.Parameters.Add(new NpgsqlParameter("actors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = actors });
            insert.Parameters.Add(new NpgsqlParameter("commands", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = commandIds });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (command.CommandId is { } boundId)
        {
            if (fingerprint is not null)
            {
                using var bind = new NpgsqlCommand(sqlBind, connection, transaction);
                bind.Parameters.AddWithValue("command", boundId.Value);
                bind.Parameters.AddWithValue("name", fingerprint.Command);
                bind.Parameters.AddWithValue("streams", fingerprint.Streams);
                bind.Parameters.AddWithValue("hash", fingerprint.ArgumentsHash);
                await bind.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var remember = new NpgsqlCommand(sqlRemember, connection, transaction);
            remember.Parameters.AddWithValue("command", boundId.Value);
            remember.Parameters.Add(new NpgsqlParameter("streams", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = streams });
            remember.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = results.Select(r => r.Version).ToArray() });
            remember.Parameters.Add(new NpgsqlParameter("positions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = results.Select(r => r.LastPosition).ToArray() });
            await remember.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return (new StreamsAppendResult(results, WasDuplicate: false), !locked);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckReadStream(stream, fromVersion);
        return await database.RunAsync(
            $"read stream '{stream}'",
            async (connection, ct) =>
            {
                using var read = new NpgsqlCommand(sqlReadStream, connection);
                read.Parameters.AddWithValue("stream", stream.Value);
                read.Parameters.AddWithValue("from", fromVersion);
                return await ReadEventsAsync(read, stream, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckReadAll(afterPosition, maxCount);
        return await database.RunAsync(
            string.Create(CultureInfo.InvariantCulture, $"read the events after position {afterPosition}"),
            async (connection, ct) =>
            {
                using var read = new NpgsqlCommand(sqlReadAll, connection);
                read.Parameters.AddWithValue("after", afterPosition);
                read.Parameters.AddWithValue("max", maxCount);
                return await ReadEventsAsync(read, null, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<long> ReadLastPositionAsync(CancellationToken cancellationToken = default)
        => await database.RunAsync(
            "read the last position",
            async (connection, ct) =>
            {
                using var read = new NpgsqlCommand($"SELECT COALESCE(MAX(position), 0) FROM {database.Table("events")}", connection);
                return (long)(await read.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            },
            cancellationToken).ConfigureAwait(false);

    /// <summary>Reads the rows into envelopes through the one reader of the database stores (<see cref="StoredEventRows"/>).</summary>
    private async Task<List<StoredEvent>> ReadEventsAsync(NpgsqlCommand read, StreamId? stream, CancellationToken cancellationToken)
    {
        using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await StoredEventRows.ReadAsync(reader, stream, DataSource, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The payload as text for its <c>jsonb</c> column, or <see langword="null"/> when jsonb would refuse it: not one JSON
    /// value in valid UTF-8, deeper than 64 levels, a <c>\u0000</c> or surrogate escape (jsonb keeps neither), or a number
    /// whose exponent <c>numeric</c> cannot hold. The bytes themselves are always kept.
    /// </summary>
    internal static string? JsonbText(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 64 });
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.Number && (reader.ValueSpan.IndexOfAny((byte)'e', (byte)'E') is var e and >= 0) && reader.ValueSpan.Length - e > 4)
                {
                    return null;
                }

                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && HasUnsupportedEscape(reader.ValueSpan))
                {
                    return null;
                }
            }

            return Encoding.UTF8.GetString(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool HasUnsupportedEscape(ReadOnlySpan<byte> raw)
    {
        for (var i = 0; i < raw.Length - 1; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }

            if (raw[i + 1] == (byte)'u' && i + 5 < raw.Length)
            {
                var unit = int.Parse(raw.Slice(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (unit == 0 || unit is >= 0xD800 and <= 0xDFFF)
                {
                    return true;
                }

                i += 5;
            }
            else
            {
                i++;
            }
        }

        return false;
    }
}
