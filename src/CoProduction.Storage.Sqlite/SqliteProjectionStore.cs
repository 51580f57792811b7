using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;
using Microsoft.Data.Sqlite;
using NodaTime.Text;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// Keeps <see cref="SqliteProjection"/> models, <see cref="IDocumentProjection"/> documents (tables <c>documents</c> and
/// <c>document_index</c>), their checkpoints (table <c>projections</c>) and parked events (table <c>parked_events</c>)
/// in the event store's own SQLite file. Every step is one <c>BEGIN IMMEDIATE</c>
/// transaction holding the model's changes and the checkpoint, committed with <c>synchronous=NORMAL</c> (the model is
/// rebuilt from the events): after a crash the tables hold exactly the events up to the checkpoint, which a power cut
/// may move back to an earlier step.
/// </summary>
/// <remarks>
/// The tables are part of the store file's schema (<see cref="SqliteEventStore.SchemaVersion"/>), created or migrated on first use. Steps from several
/// processes over one file are serialized by SQLite's write lock, and a step skips events its checkpoint has passed.
/// </remarks>
public sealed class SqliteProjectionStore : IProjectionStore, IParkedEventStore, IDocumentStore, IDisposable
{
    /// <summary>
    /// Each connection's page cache, 16 MiB: a query over a register or a catch-up's writes touch more pages of the
    /// documents and their index than SQLite's default 2 MiB holds (5,000 protocols' entries alone are 3 MiB), so with the
    /// default every query read most of them again from the file. The cache fills only as pages are read.
    /// </summary>
    private const int PageCacheKibibytes = 16 * 1024;

    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    private readonly SqliteSideTables tables;
    private readonly SqliteDocumentCache parsed = new();

    /// <summary>Creates the projection store over the same file as a <see cref="SqliteEventStore"/> with these options.</summary>
    /// <param name="options">The file and busy timeout.</param>
    /// <exception cref="ArgumentException">Neither a path nor a connection string is given, or the busy timeout is negative.</exception>
    public SqliteProjectionStore(SqliteEventStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        tables = new SqliteSideTables(options, PageCacheKibibytes);
    }

    /// <summary>Closes the store's open connections; calls after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => tables.Dispose();

    /// <inheritdoc/>
    public async ValueTask<ProjectionCheckpoint> GetCheckpointAsync(IProjection projection, CancellationToken cancellationToken = default)
    {
        RequireKept(projection);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            return Checkpoint(connection, null, projection.Name);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"read the checkpoint of projection '{projection.Name}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ProjectionCheckpoint> ApplyAsync(IProjection projection, IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken = default)
    {
        var sql = Require(projection);
        ProjectionArguments.CheckBatch(events);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var transaction = Begin(connection);
            var checkpoint = Current(connection, transaction, sql);
            var writer = new SqliteProjectionWriter(connection, transaction);
            var reached = checkpoint.Position;
            try
            {
                foreach (var e in events)
                {
                    if (e.Stored.Position <= reached)
                    {
                        continue;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        sql.ApplyIn(writer, e);
                    }
                    catch (Exception ex) when (IsTheProjections(ex))
                    {
                        throw new ProjectionFailedException(projection.Name, e.Stored, ex);
                    }

                    reached = e.Stored.Position;
                }
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
            Save(connection, transaction, projection.Name, after);
            transaction.Commit();
            return after;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, string.Create(CultureInfo.InvariantCulture, $"apply {events.Count} events to projection '{projection.Name}'"), reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ProjectionCheckpoint> SkipAsync(IProjection projection, ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        RequireKept(projection);
        ProjectionArguments.CheckParked(parked, projection.Name);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var transaction = Begin(connection);
            var checkpoint = Current(connection, transaction, projection);
            if (parked.Position <= checkpoint.Position)
            {
                return checkpoint;
            }

            Park(connection, transaction, parked);
            var after = new ProjectionCheckpoint(projection.Version, parked.Position);
            Save(connection, transaction, projection.Name, after);
            transaction.Commit();
            return after;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, string.Create(CultureInfo.InvariantCulture, $"skip the event at position {parked.Position} in projection '{projection.Name}'"), reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask ResetAsync(IProjection projection, CancellationToken cancellationToken = default)
    {
        RequireKept(projection);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var transaction = Begin(connection);
            if (projection is SqliteProjection sql)
            {
                var writer = new SqliteProjectionWriter(connection, transaction);
                try
                {
                    sql.ResetIn(writer);
                }
                finally
                {
                    writer.Release();
                }
            }
            else
            {
                foreach (var table in (string[])["documents", "document_index"])
                {
                    using var empty = Command(connection, transaction, "DELETE FROM " + table + " WHERE projection = $projection");
                    empty.Parameters.AddWithValue("$projection", projection.Name);
                    empty.ExecuteNonQuery();
                }
            }

            using (var forget = Command(connection, transaction, "DELETE FROM parked_events WHERE subscriber = $subscriber"))
            {
                forget.Parameters.AddWithValue("$subscriber", projection.Name);
                forget.ExecuteNonQuery();
            }

            Save(connection, transaction, projection.Name, new ProjectionCheckpoint(projection.Version, 0));
            transaction.Commit();
            parsed.Forget(projection.Name);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"reset projection '{projection.Name}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask ParkAsync(ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckParked(parked);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            Park(connection, null, parked);
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, string.Create(CultureInfo.InvariantCulture, $"park the event at position {parked.Position} for '{parked.Subscriber}'"), reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<ParkedEvent>> ListAsync(string subscriber, long afterPosition = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckSubscriber(subscriber, nameof(subscriber));
        ProjectionArguments.CheckPage(afterPosition, limit);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var read = Command(
                connection,
                null,
                """
                SELECT subscriber, position, stream, stream_version, event_name, schema_version, reason, error_type, parked_at
                FROM parked_events WHERE subscriber = $subscriber AND position > $after ORDER BY position LIMIT $limit
                """);
            read.Parameters.AddWithValue("$subscriber", subscriber);
            read.Parameters.AddWithValue("$after", afterPosition);
            read.Parameters.AddWithValue("$limit", limit);
            var page = new List<ParkedEvent>();
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                try
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
                catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidCastException)
                {
                    // SQLite read the page, but the row holds what no write stored: damage inside a page it cannot see.
                    throw new SqliteStoreException(
                        tables.DataSource,
                        SqliteStoreFailure.Damaged,
                        $"list the parked events of '{subscriber}'",
                        string.Create(CultureInfo.InvariantCulture, $"a parked event after position {(page.Count == 0 ? afterPosition : page[^1].Position)} holds a value no write stored ({ex.GetType().Name}), so the file is damaged"),
                        ex);
                }
            }

            return page;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"list the parked events of '{subscriber}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var read = Command(connection, null, "SELECT subscriber, COUNT(*) FROM parked_events GROUP BY subscriber");
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }

            return counts;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, "count the parked events", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<bool> RemoveAsync(string subscriber, long position, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckSubscriber(subscriber, nameof(subscriber));
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var delete = Command(connection, null, "DELETE FROM parked_events WHERE subscriber = $subscriber AND position = $position");
            delete.Parameters.AddWithValue("$subscriber", subscriber);
            delete.Parameters.AddWithValue("$position", position);
            return delete.ExecuteNonQuery() > 0;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, string.Create(CultureInfo.InvariantCulture, $"remove the parked event at position {position} of '{subscriber}'"), reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<ProjectionCheckpoint> CommitDocumentsAsync(
        IDocumentProjection projection, long expectedPosition, IReadOnlyList<DocumentChange> changes, long position, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckCommit(projection, expectedPosition, changes, position);
        var bodies = new string?[changes.Count];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = changes[i].Document is { } document ? projection.Write(document) : null;
        }

        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var transaction = Begin(connection);
            var checkpoint = Current(connection, transaction, projection);
            if (checkpoint.Position != expectedPosition)
            {
                return checkpoint;
            }

            using (var rows = new SqliteRows(connection, transaction, projection.Name))
            {
                // A step's changes in a few statements of many rows each, not a few statements per document: the old index
                // entries of every changed key go, removed documents go, written ones are upserted and their entries added.
                rows.Run(Keys(changes, _ => true), "DELETE FROM document_index WHERE projection = $projection AND key IN ({0})", "({0})", ["$key"], cancellationToken);
                rows.Run(Keys(changes, c => c.Document is null), "DELETE FROM documents WHERE projection = $projection AND key IN ({0})", "({0})", ["$key"], cancellationToken);
                rows.Run(
                    Written(changes, bodies),
                    "INSERT INTO documents (projection, key, body) VALUES {0} ON CONFLICT (projection, key) DO UPDATE SET body = excluded.body",
                    "($projection, {0}, {1})",
                    ["$key", "$body"],
                    cancellationToken);
                rows.Run(
                    Entries(changes),
                    "INSERT OR IGNORE INTO document_index (projection, name, value, key) VALUES {0}",
                    "($projection, {0}, {1}, {2})",
                    ["$name", "$value", "$key"],
                    cancellationToken);
            }

            var after = new ProjectionCheckpoint(projection.Version, position);
            Save(connection, transaction, projection.Name, after);
            transaction.Commit();
            for (var i = 0; i < bodies.Length; i++)
            {
                parsed.Keep(projection, changes[i].Key, bodies[i], changes[i].Document);
            }

            return after;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, string.Create(CultureInfo.InvariantCulture, $"commit {changes.Count} document changes of projection '{projection.Name}'"), reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<object?> GetDocumentAsync(IDocumentProjection projection, string key, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckProjection(projection);
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var read = Command(connection, null, "SELECT body FROM documents WHERE projection = $projection AND key = $key");
            read.Parameters.AddWithValue("$projection", projection.Name);
            read.Parameters.AddWithValue("$key", key);
            return read.ExecuteScalar() is string body ? parsed.Read(projection, key, body) : null;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"read document '{key}' of projection '{projection.Name}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<FoundDocument>> QueryDocumentsAsync(
        IDocumentProjection projection, string? index, DocumentRange range, DocumentCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckProjection(projection);
        ProjectionArguments.CheckQuery(range, limit);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var read = Command(
                connection,
                null,
                index is null
                    ? "SELECT key, key, body FROM documents WHERE projection = $projection AND key >= $from AND key <= $to AND ($afterKey IS NULL OR key > $afterKey) ORDER BY key LIMIT $limit"
                    : "SELECT i.key, i.value, d.body FROM document_index i JOIN documents d ON d.projection = i.projection AND d.key = i.key"
                      + " WHERE i.projection = $projection AND i.name = $name AND i.value >= $from AND i.value <= $to"
                      + " AND ($afterValue IS NULL OR i.value > $afterValue OR (i.value = $afterValue AND i.key > $afterKey))"
                      + " ORDER BY i.value, i.key LIMIT $limit");
            read.Parameters.AddWithValue("$projection", projection.Name);
            if (index is not null)
            {
                read.Parameters.AddWithValue("$name", index);
                read.Parameters.AddWithValue("$afterValue", (object?)after?.Value ?? DBNull.Value);
            }

            read.Parameters.AddWithValue("$from", range.From);
            read.Parameters.AddWithValue("$to", range.To);
            read.Parameters.AddWithValue("$afterKey", (object?)after?.Key ?? DBNull.Value);
            read.Parameters.AddWithValue("$limit", limit);
            var found = new List<FoundDocument>();
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.GetString(0);
                found.Add(new FoundDocument(key, reader.GetString(1), parsed.Read(projection, key, reader.GetString(2))));
            }

            return found;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"query the documents of projection '{projection.Name}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<long> CountDocumentsAsync(IDocumentProjection projection, string? index, DocumentRange range, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckProjection(projection);
        ProjectionArguments.CheckQuery(range, 1);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var count = Command(
                connection,
                null,
                index is null
                    ? "SELECT COUNT(*) FROM documents WHERE projection = $projection AND key >= $from AND key <= $to"
                    : "SELECT COUNT(*) FROM document_index WHERE projection = $projection AND name = $name AND value >= $from AND value <= $to");
            count.Parameters.AddWithValue("$projection", projection.Name);
            if (index is not null)
            {
                count.Parameters.AddWithValue("$name", index);
            }

            count.Parameters.AddWithValue("$from", range.From);
            count.Parameters.AddWithValue("$to", range.To);
            return (long)count.ExecuteScalar()!;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"count the documents of projection '{projection.Name}'", reason, ex);
        }
    }

    private static IEnumerable<string[]> Keys(IReadOnlyList<DocumentChange> changes, Func<DocumentChange, bool> which)
    {
        foreach (var change in changes)
        {
            if (which(change))
            {
                yield return [change.Key];
            }
        }
    }

    private static IEnumerable<string[]> Written(IReadOnlyList<DocumentChange> changes, string?[] bodies)
    {
        for (var i = 0; i < bodies.Length; i++)
        {
            if (bodies[i] is { } body)
            {
                yield return [changes[i].Key, body];
            }
        }
    }

    private static IEnumerable<string[]> Entries(IReadOnlyList<DocumentChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Document is not null)
            {
                foreach (var entry in change.Index)
                {
                    yield return [entry.Name, entry.Value, change.Key];
                }
            }
        }
    }

    private static void RequireKept(IProjection projection)
    {
        if (projection is IDocumentProjection)
        {
            ProjectionArguments.CheckProjection(projection);
        }
        else
        {
            Require(projection);
        }
    }

    private static SqliteProjection Require(IProjection projection)
    {
        ProjectionArguments.CheckProjection(projection);
        return projection as SqliteProjection ?? throw new NotSupportedException(
            $"Projection '{projection.Name}' ({projection.GetType().Name}) does not keep its model in SQL tables; the SQLite projection store keeps SqliteProjection models only. Write the projection as a SqliteProjection, or use the in-memory store for an InMemoryProjection.");
    }

    private static bool IsTheProjections(Exception exception)
        => exception is not OperationCanceledException
            && !(exception is SqliteException sqlite && SqliteFile.FailureOf(sqlite) is not null);

    /// <summary>
    /// Begins a step's write transaction. A model is rebuilt from the events, so its commits need not wait for the disk:
    /// with <c>synchronous = NORMAL</c> in WAL mode a commit survives the app's crash, and after a power cut the model
    /// and its checkpoint are back at an earlier step together (the runner folds the rest again); the events
    /// themselves keep <c>synchronous = FULL</c> on the event store's own connections.
    /// </summary>
    private static SqliteTransaction Begin(SqliteConnection connection)
    {
        using (var relaxed = Command(connection, null, "PRAGMA synchronous = NORMAL"))
        {
            relaxed.ExecuteNonQuery();
        }

        return connection.BeginTransaction(deferred: false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        return command;
    }

    private static ProjectionCheckpoint Checkpoint(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var read = Command(connection, transaction, "SELECT version, position FROM projections WHERE name = $name");
        read.Parameters.AddWithValue("$name", name);
        using var reader = read.ExecuteReader();
        return reader.Read() ? new ProjectionCheckpoint(reader.GetInt32(0), reader.GetInt64(1)) : default;
    }

    private static ProjectionCheckpoint Current(SqliteConnection connection, SqliteTransaction transaction, IProjection projection)
    {
        var checkpoint = Checkpoint(connection, transaction, projection.Name);
        return checkpoint.Version == projection.Version ? checkpoint : throw ProjectionArguments.VersionMismatch(projection, checkpoint.Version);
    }

    private static void Save(SqliteConnection connection, SqliteTransaction transaction, string name, ProjectionCheckpoint checkpoint)
    {
        using var write = Command(
            connection,
            transaction,
            """
            INSERT INTO projections (name, version, position) VALUES ($name, $version, $position)
            ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position
            """);
        write.Parameters.AddWithValue("$name", name);
        write.Parameters.AddWithValue("$version", checkpoint.Version);
        write.Parameters.AddWithValue("$position", checkpoint.Position);
        write.ExecuteNonQuery();
    }

    private static void Park(SqliteConnection connection, SqliteTransaction? transaction, ParkedEvent parked)
    {
        using var write = Command(
            connection,
            transaction,
            """
            INSERT OR REPLACE INTO parked_events (subscriber, position, stream, stream_version, event_name, schema_version, reason, error_type, parked_at)
            VALUES ($subscriber, $position, $stream, $streamVersion, $eventName, $schemaVersion, $reason, $errorType, $parkedAt)
            """);
        write.Parameters.AddWithValue("$subscriber", parked.Subscriber);
        write.Parameters.AddWithValue("$position", parked.Position);
        write.Parameters.AddWithValue("$stream", parked.Stream.Value);
        write.Parameters.AddWithValue("$streamVersion", parked.StreamVersion);
        write.Parameters.AddWithValue("$eventName", parked.EventName);
        write.Parameters.AddWithValue("$schemaVersion", parked.SchemaVersion);
        write.Parameters.AddWithValue("$reason", parked.Reason);
        write.Parameters.AddWithValue("$errorType", parked.ErrorType);
        write.Parameters.AddWithValue("$parkedAt", InstantText.Format(parked.ParkedAt));
        write.ExecuteNonQuery();
    }

    private Task<SqliteLease> OpenAsync(CancellationToken cancellationToken) => tables.OpenAsync(cancellationToken);
}
