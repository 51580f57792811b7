using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;
using Npgsql;
using NpgsqlTypes;
using NodaTime.Text;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// Keeps <see cref="IDocumentProjection"/> documents (tables <c>documents</c> and <c>document_index</c>), the tables of
/// <see cref="PostgreSqlProjection"/> models, their checkpoints (table <c>projections</c>) and parked events (table
/// <c>parked_events</c>) in the store's own schema. Every step is one transaction holding the model's changes and the
/// checkpoint, under an advisory lock of the projection, so instances
/// projecting at once never apply a step twice: the second finds the checkpoint moved and writes nothing.
/// </summary>
/// <remarks>
/// Index values and keys compare as bytes (<c>COLLATE "C"</c>), as in SQLite, whatever the database's collation. Document
/// projections (<see cref="DocumentProjection{TDocument}"/>, <see cref="AggregateProjection{TAggregate, TDocument}"/>, every
/// read model of the library) and <see cref="PostgreSqlProjection"/> models (tables of their own in the store's schema, each
/// step's SQL in the checkpoint's transaction) are kept; a projection of another kind is refused with
/// <see cref="NotSupportedException"/>.
/// </remarks>
public sealed class PostgreSqlProjectionStore : IProjectionStore, IParkedEventStore, IDocumentStore, IDisposable
{
    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    private readonly PostgreSqlDatabase database;
    private readonly bool ownsDatabase;

    /// <summary>Creates the projection store, with a connection pool of its own, over the schema of a <see cref="PostgreSqlEventStore"/> with these options.</summary>
    /// <param name="options">The connection string, schema, timeout and retries.</param>
    /// <exception cref="ArgumentException">An option is missing or out of range.</exception>
    public PostgreSqlProjectionStore(PostgreSqlStoreOptions options)
        : this(new PostgreSqlDatabase(options), ownsDatabase: true)
    {
    }

    internal PostgreSqlProjectionStore(PostgreSqlDatabase database, bool ownsDatabase = false)
    {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
    }

    /// <summary>Closes the store's connections when it owns its pool.</summary>
    public void Dispose()
    {
        if (ownsDatabase)
        {
            database.Dispose();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ProjectionCheckpoint> GetCheckpointAsync(IProjection projection, CancellationToken cancellationToken = default)
    {
        Require(projection);
        return await database.RunAsync(
            $"read the checkpoint of projection '{projection.Name}'",
            (connection, ct) => CheckpointAsync(connection, null, projection.Name, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The projection is a document projection (the runner commits its documents with <see cref="CommitDocumentsAsync"/>) or is not a <see cref="PostgreSqlProjection"/>.</exception>
    /// <exception cref="ProjectionFailedException">The projection's fold (or its SQL) failed on an event; nothing of the step was committed.</exception>
    public async ValueTask<ProjectionCheckpoint> ApplyAsync(IProjection projection, IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken = default)
    {
        var sql = RequireSql(projection);
        ProjectionArguments.CheckBatch(events);
        return await database.RunAsync(
            string.Create(CultureInfo.InvariantCulture, $"apply {events.Count} events to projection '{projection.Name}'"),
            async (connection, ct) =>
            {
                using var transaction = await BeginAsync(connection, projection.Name, ct).ConfigureAwait(false);
                var checkpoint = await CurrentAsync(connection, transaction, projection, ct).ConfigureAwait(false);
                await UseSchemaAsync(connection, transaction, ct).ConfigureAwait(false);
                var writer = new PostgreSqlProjectionWriter(connection, transaction);
                long reached;
                try
                {
                    reached = await ProjectionSteps.FoldAsync(projection.Name, events, checkpoint.Position, e => sql.ApplyIn(writer, e, ct), IsTheProjections, ct).ConfigureAwait(false);
                }
                finally
                {
                    writer.Release();
                }

                if (reached == checkpoint.Position)
                {
                    return checkpoint;
                }

                var after = new ProjectionCheckpoint(projection.Version, reached);
                await SaveAsync(connection, transaction, projection.Name, after, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return after;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<ProjectionCheckpoint> SkipAsync(IProjection projection, ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        Require(projection);
        ProjectionArguments.CheckParked(parked, projection.Name);
        return await database.RunAsync(
            $"park an event of projection '{projection.Name}'",
            async (connection, ct) =>
            {
                using var transaction = await BeginAsync(connection, projection.Name, ct).ConfigureAwait(false);
                var checkpoint = await CurrentAsync(connection, transaction, projection, ct).ConfigureAwait(false);
                if (parked.Position <= checkpoint.Position)
                {
                    return checkpoint;
                }

                await ParkAsync(connection, transaction, parked, ct).ConfigureAwait(false);
                var after = new ProjectionCheckpoint(projection.Version, parked.Position);
                await SaveAsync(connection, transaction, projection.Name, after, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return after;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask ResetAsync(IProjection projection, CancellationToken cancellationToken = default)
    {
        Require(projection);
        await database.RunAsync(
            $"reset projection '{projection.Name}'",
            async (connection, ct) =>
            {
                using var transaction = await BeginAsync(connection, projection.Name, ct).ConfigureAwait(false);
                if (projection is PostgreSqlProjection sql)
                {
                    await UseSchemaAsync(connection, transaction, ct).ConfigureAwait(false);
                    var writer = new PostgreSqlProjectionWriter(connection, transaction);
                    try
                    {
                        await sql.ResetIn(writer, ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        writer.Release();
                    }
                }

                using (var empty = new NpgsqlCommand(
                    $"""
                    DELETE FROM {database.Table("documents")} WHERE projection = @projection;
                    DELETE FROM {database.Table("document_index")} WHERE projection = @projection;
                    DELETE FROM {database.Table("parked_events")} WHERE subscriber = @projection
                    """,
                    connection,
                    transaction))
                {
                    empty.Parameters.AddWithValue("projection", projection.Name);
                    await empty.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                await SaveAsync(connection, transaction, projection.Name, new ProjectionCheckpoint(projection.Version, 0), ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask ParkAsync(ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckParked(parked);
        await database.RunAsync(
            $"park an event of '{parked.Subscriber}'",
            async (connection, ct) =>
            {
                await ParkAsync(connection, null, parked, ct).ConfigureAwait(false);
                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ParkedEvent>> ListAsync(string subscriber, long afterPosition = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckSubscriber(subscriber, nameof(subscriber));
        ProjectionArguments.CheckPage(afterPosition, limit);
        return await database.RunAsync(
            $"list the parked events of '{subscriber}'",
            async (connection, ct) =>
            {
                using var read = new NpgsqlCommand(
                    $"""
                    SELECT subscriber, position, stream, stream_version, event_name, schema_version, reason, error_type, parked_at
                    FROM {database.Table("parked_events")} WHERE subscriber = @subscriber AND position > @after ORDER BY position LIMIT @limit
                    """,
                    connection);
                read.Parameters.AddWithValue("subscriber", subscriber);
                read.Parameters.AddWithValue("after", afterPosition);
                read.Parameters.AddWithValue("limit", limit);
                var page = new List<ParkedEvent>();
                using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    page.Add(new ParkedEvent(
                        reader.GetString(0),
                        reader.GetInt64(1),
                        new StreamId(reader.GetString(2)),
                        reader.GetInt64(3),
                        reader.GetString(4),
                        reader.GetInt32(5),
                        reader.GetString(6),
                        reader.GetString(7),
                        InstantText.Parse(reader.GetString(8)).GetValueOrThrow()));
                }

                return (IReadOnlyList<ParkedEvent>)page;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken cancellationToken = default)
        => await database.RunAsync(
            "count the parked events",
            async (connection, ct) =>
            {
                using var read = new NpgsqlCommand($"SELECT subscriber, COUNT(*) FROM {database.Table("parked_events")} GROUP BY subscriber", connection);
                var counts = new Dictionary<string, long>(StringComparer.Ordinal);
                using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    counts[reader.GetString(0)] = reader.GetInt64(1);
                }

                return (IReadOnlyDictionary<string, long>)counts;
            },
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask<bool> RemoveAsync(string subscriber, long position, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckSubscriber(subscriber, nameof(subscriber));
        return await database.RunAsync(
            $"remove a parked event of '{subscriber}'",
            async (connection, ct) =>
            {
                using var delete = new NpgsqlCommand($"DELETE FROM {database.Table("parked_events")} WHERE subscriber = @subscriber AND position = @position", connection);
                delete.Parameters.AddWithValue("subscriber", subscriber);
                delete.Parameters.AddWithValue("position", position);
                return await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<ProjectionCheckpoint> CommitDocumentsAsync(
        IDocumentProjection projection, long expectedPosition, IReadOnlyList<DocumentChange> changes, long position, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckCommit(projection, expectedPosition, changes, position);
        return (await CommitAsync([new DocumentCommit(projection, expectedPosition, changes, position)], $"commit the documents of projection '{projection.Name}'", cancellationToken)
            .ConfigureAwait(false))[0];
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The steps are one transaction, under every projection's advisory lock taken in name order (so two runners committing
    /// overlapping sets wait for each other rather than deadlock): one commit for a batch of every projection.
    /// </remarks>
    public async ValueTask<IReadOnlyList<ProjectionCheckpoint>> CommitStepsAsync(IReadOnlyList<DocumentCommit> commits, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckCommits(commits);
        return await CommitAsync(commits, $"commit the documents of {commits.Count} projections", cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<IReadOnlyList<ProjectionCheckpoint>> CommitAsync(IReadOnlyList<DocumentCommit> commits, string what, CancellationToken cancellationToken)
    {
        // The documents are written as JSON before the transaction begins.
        var steps = commits.Select(PreparedStep.Of).ToArray();
        return await database.RunAsync(
            what,
            async (connection, ct) =>
            {
                using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
                foreach (var name in commits.Select(c => c.Projection.Name).Order(StringComparer.Ordinal))
                {
                    await LockAsync(connection, transaction, name, ct).ConfigureAwait(false);
                }

                var after = new ProjectionCheckpoint[steps.Length];
                for (var i = 0; i < steps.Length; i++)
                {
                    after[i] = await WriteStepAsync(connection, transaction, commits[i], steps[i], ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return (IReadOnlyList<ProjectionCheckpoint>)after;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one projection's step inside the caller's transaction, unless another runner has moved its checkpoint: then that checkpoint.</summary>
    private async Task<ProjectionCheckpoint> WriteStepAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DocumentCommit commit, PreparedStep step, CancellationToken ct)
    {
        var projection = commit.Projection;
        var checkpoint = await CurrentAsync(connection, transaction, projection, ct).ConfigureAwait(false);
        if (checkpoint.Position != commit.ExpectedPosition)
        {
            return checkpoint;
        }

        using (var write = new NpgsqlCommand(
            $"""
            DELETE FROM {database.Table("document_index")} WHERE projection = @projection AND key = ANY(@keys);
            DELETE FROM {database.Table("documents")} WHERE projection = @projection AND key = ANY(@removed);
            INSERT INTO {database.Table("documents")} AS d (projection, key, body) SELECT @projection, k, b FROM unnest(@writtenKeys, @bodies) AS t(k, b)
            ON CONFLICT (projection, key) DO UPDATE SET body = excluded.body;
            INSERT INTO {database.Table("document_index")} (projection, name, value, key) SELECT @projection, n, v, k FROM unnest(@names, @values, @entryKeys) AS t(n, v, k)
            ON CONFLICT DO NOTHING
            """,
            connection,
            transaction))
        {
            write.Parameters.AddWithValue("projection", projection.Name);
            write.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = step.Keys });
            write.Parameters.Add(new NpgsqlParameter("removed", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = step.Removed });
            write.Parameters.Add(new NpgsqlParameter("writtenKeys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = step.WrittenKeys });
            write.Parameters.Add(new NpgsqlParameter("bodies", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = step.Bodies });
            write.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = step.Names });
            write.Parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = step.Values });
            write.Parameters.Add(new NpgsqlParameter("entryKeys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = step.EntryKeys });
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var after = new ProjectionCheckpoint(projection.Version, commit.Position);
        await SaveAsync(connection, transaction, projection.Name, after, ct).ConfigureAwait(false);
        return after;
    }

    /// <inheritdoc/>
    public async ValueTask<object?> GetDocumentAsync(IDocumentProjection projection, string key, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckProjection(projection);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var body = await database.RunAsync(
            $"read a document of projection '{projection.Name}'",
            async (connection, ct) =>
            {
                using var read = new NpgsqlCommand($"SELECT body FROM {database.Table("documents")} WHERE projection = @projection AND key = @key", connection);
                read.Parameters.AddWithValue("projection", projection.Name);
                read.Parameters.AddWithValue("key", key);
                return await read.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
            },
            cancellationToken).ConfigureAwait(false);
        return body is null ? null : projection.Read(body);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<FoundDocument>> QueryDocumentsAsync(
        IDocumentProjection projection, string? index, DocumentRange range, DocumentCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckProjection(projection);
        ProjectionArguments.CheckQuery(range, limit);
        var rows = await database.RunAsync(
            $"query the documents of projection '{projection.Name}'",
            async (connection, ct) =>
            {
                using var read = new NpgsqlCommand(
                    index is null
                        ? $"SELECT key, key, body FROM {database.Table("documents")} WHERE projection = @projection AND key >= @from AND key <= @to AND (@afterKey::text IS NULL OR key > @afterKey) ORDER BY key LIMIT @limit"
                        : $"SELECT i.key, i.value, d.body FROM {database.Table("document_index")} i JOIN {database.Table("documents")} d ON d.projection = i.projection AND d.key = i.key"
                          + " WHERE i.projection = @projection AND i.name = @name AND i.value >= @from AND i.value <= @to"
                          + " AND (@afterValue::text IS NULL OR i.value > @afterValue OR (i.value = @afterValue AND i.key > @afterKey))"
                          + " ORDER BY i.value, i.key LIMIT @limit",
                    connection);
                read.Parameters.AddWithValue("projection", projection.Name);
                if (index is not null)
                {
                    read.Parameters.AddWithValue("name", index);
                    read.Parameters.Add(new NpgsqlParameter("afterValue", NpgsqlDbType.Text) { Value = (object?)after?.Value ?? DBNull.Value });
                }

                read.Parameters.AddWithValue("from", range.From);
                read.Parameters.AddWithValue("to", range.To);
                read.Parameters.Add(new NpgsqlParameter("afterKey", NpgsqlDbType.Text) { Value = (object?)after?.Key ?? DBNull.Value });
                read.Parameters.AddWithValue("limit", limit);
                var found = new List<(string Key, string Value, string Body)>();
                using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    found.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }

                return found;
            },
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new FoundDocument(r.Key, r.Value, projection.Read(r.Body)))];
    }

    /// <inheritdoc/>
    public async ValueTask<long> CountDocumentsAsync(IDocumentProjection projection, string? index, DocumentRange range, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckProjection(projection);
        ProjectionArguments.CheckQuery(range, 1);
        return await database.RunAsync(
            $"count the documents of projection '{projection.Name}'",
            async (connection, ct) =>
            {
                using var count = new NpgsqlCommand(
                    index is null
                        ? $"SELECT COUNT(*) FROM {database.Table("documents")} WHERE projection = @projection AND key >= @from AND key <= @to"
                        : $"SELECT COUNT(*) FROM {database.Table("document_index")} WHERE projection = @projection AND name = @name AND value >= @from AND value <= @to",
                    connection);
                count.Parameters.AddWithValue("projection", projection.Name);
                if (index is not null)
                {
                    count.Parameters.AddWithValue("name", index);
                }

                count.Parameters.AddWithValue("from", range.From);
                count.Parameters.AddWithValue("to", range.To);
                return (long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a projection this store keeps: a document projection or a <see cref="PostgreSqlProjection"/>.</summary>
    private static void Require(IProjection projection)
    {
        ProjectionArguments.CheckProjection(projection);
        if (projection is not IDocumentProjection and not PostgreSqlProjection)
        {
            throw new NotSupportedException(
                $"Projection '{projection.Name}' ({projection.GetType().Name}) is neither a document projection nor a PostgreSqlProjection; the PostgreSQL projection store keeps those two kinds only. Write it as a DocumentProjection or an AggregateProjection, which run on every store, or as a PostgreSqlProjection with tables of its own.");
        }
    }

    /// <summary>Checks a projection whose steps the store applies itself: a <see cref="PostgreSqlProjection"/>.</summary>
    private static PostgreSqlProjection RequireSql(IProjection projection)
    {
        Require(projection);
        return projection as PostgreSqlProjection ?? throw new NotSupportedException(
            $"Projection '{projection.Name}' is a document projection: the runner commits its documents with CommitDocumentsAsync, never ApplyAsync.");
    }

    /// <summary>Whether a failure inside a projection's fold is the projection's own (parked by the runner), not the database's (typed, or retried).</summary>
    private static bool IsTheProjections(Exception exception)
        => PostgreSqlDatabase.FailureOf(exception) is null
            && !PostgreSqlDatabase.IsTransient(exception);

    /// <summary>Points the step's unqualified table names at the store's schema, for this transaction only.</summary>
    private async Task UseSchemaAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        using var path = new NpgsqlCommand($"SET LOCAL search_path TO \"{database.Schema}\"", connection, transaction);
        await path.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Begins a step's transaction under the projection's advisory lock, so steps of several instances are one at a time.</summary>
    private async Task<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection, string projection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, transaction, projection, cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    /// <summary>Takes a projection's advisory lock for the rest of the transaction.</summary>
    private async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string projection, CancellationToken cancellationToken)
    {
        using var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", connection, transaction);
        take.Parameters.AddWithValue("lock", database.KeyOf("projection:" + projection));
        await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A document step's parameters, its documents already written as JSON.</summary>
    private sealed record PreparedStep(string[] Keys, string[] Removed, string[] WrittenKeys, string[] Bodies, string[] Names, string[] Values, string[] EntryKeys)
    {
        public static PreparedStep Of(DocumentCommit commit)
        {
            var changes = commit.Changes;
            var written = changes.Where(c => c.Document is not null).ToArray();
            var entries = written.SelectMany(c => c.Index.Select(e => (e.Name, e.Value, c.Key))).Distinct().ToArray();
            return new PreparedStep(
                [.. changes.Select(c => c.Key)],
                [.. changes.Where(c => c.Document is null).Select(c => c.Key)],
                [.. written.Select(c => c.Key)],
                [.. written.Select(c => commit.Projection.Write(c.Document!))],
                [.. entries.Select(e => e.Name)],
                [.. entries.Select(e => e.Value)],
                [.. entries.Select(e => e.Key)]);
        }
    }

    private async Task<ProjectionCheckpoint> CheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        using var read = new NpgsqlCommand($"SELECT version, position FROM {database.Table("projections")} WHERE name = @name", connection, transaction);
        read.Parameters.AddWithValue("name", name);
        using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? new ProjectionCheckpoint(reader.GetInt32(0), reader.GetInt64(1)) : default;
    }

    private async Task<ProjectionCheckpoint> CurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IProjection projection, CancellationToken cancellationToken)
    {
        var checkpoint = await CheckpointAsync(connection, transaction, projection.Name, cancellationToken).ConfigureAwait(false);
        return checkpoint.Version == projection.Version ? checkpoint : throw ProjectionArguments.VersionMismatch(projection, checkpoint.Version);
    }

    private async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, ProjectionCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        using var write = new NpgsqlCommand(
            $"""
            INSERT INTO {database.Table("projections")} (name, version, position) VALUES (@name, @version, @position)
            ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position
            """,
            connection,
            transaction);
        write.Parameters.AddWithValue("name", name);
        write.Parameters.AddWithValue("version", checkpoint.Version);
        write.Parameters.AddWithValue("position", checkpoint.Position);
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ParkAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ParkedEvent parked, CancellationToken cancellationToken)
    {
        using var write = new NpgsqlCommand(
            $"""
            INSERT INTO {database.Table("parked_events")} (subscriber, position, stream, stream_version, event_name, schema_version, reason, error_type, parked_at)
            VALUES (@subscriber, @position, @stream, @streamVersion, @eventName, @schemaVersion, @reason, @errorType, @parkedAt)
            ON CONFLICT (subscriber, position) DO UPDATE SET stream = excluded.stream, stream_version = excluded.stream_version, event_name = excluded.event_name,
                schema_version = excluded.schema_version, reason = excluded.reason, error_type = excluded.error_type, parked_at = excluded.parked_at
            """,
            connection,
            transaction);
        write.Parameters.AddWithValue("subscriber", parked.Subscriber);
        write.Parameters.AddWithValue("position", parked.Position);
        write.Parameters.AddWithValue("stream", parked.Stream.Value);
        write.Parameters.AddWithValue("streamVersion", parked.StreamVersion);
        write.Parameters.AddWithValue("eventName", parked.EventName);
        write.Parameters.AddWithValue("schemaVersion", parked.SchemaVersion);
        write.Parameters.AddWithValue("reason", parked.Reason);
        write.Parameters.AddWithValue("errorType", parked.ErrorType);
        write.Parameters.AddWithValue("parkedAt", InstantText.Format(parked.ParkedAt));
        await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
