using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
            long reached;
            try
            {
                reached = await ProjectionSteps.FoldAsync(
                    projection.Name,
                    events,
                    checkpoint.Position,
                    e =>
                    {
                        sql.ApplyIn(writer, e);
                        return ValueTask.CompletedTask;
                    },
                    IsTheProjections,
                    cancellationToken).ConfigureAwait(false);
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
            using (var count = Command(connection, transaction, "UPDATE projections SET generation = generation + 1 WHERE name = $name"))
            {
                count.Parameters.AddWithValue("$name", projection.Name);
                count.ExecuteNonQuery();
            }

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
        return (await CommitAsync([new DocumentCommit(projection, expectedPosition, changes, position)], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <inheritdoc/>
    /// <remarks>The steps are one <c>BEGIN IMMEDIATE</c> transaction: one commit for a batch of every projection.</remarks>
    public ValueTask<IReadOnlyList<ProjectionCheckpoint>> CommitStepsAsync(IReadOnlyList<DocumentCommit> commits, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckCommits(commits);
        return CommitAsync(commits, cancellationToken);
    }

    private async ValueTask<IReadOnlyList<ProjectionCheckpoint>> CommitAsync(IReadOnlyList<DocumentCommit> commits, CancellationToken cancellationToken)
    {
        // The documents are written as JSON before the write lock is taken.
        var bodies = new string?[commits.Count][];
        for (var c = 0; c < bodies.Length; c++)
        {
            var (projection, changes) = (commits[c].Projection, commits[c].Changes);
            var texts = bodies[c] = new string?[changes.Count];
            for (var i = 0; i < texts.Length; i++)
            {
                texts[i] = changes[i].Document is { } document ? projection.Write(document) : null;
            }
        }

        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var transaction = Begin(connection);
            var after = new ProjectionCheckpoint[commits.Count];
            var before = new DocumentStamp?[commits.Count];
            for (var c = 0; c < commits.Count; c++)
            {
                var commit = commits[c];
                var stamp = StampOf(connection, transaction, commit.Projection.Name);
                if (stamp.Version != commit.Projection.Version)
                {
                    throw ProjectionArguments.VersionMismatch(commit.Projection, stamp.Version);
                }

                if (stamp.Position != commit.ExpectedPosition)
                {
                    after[c] = new ProjectionCheckpoint(stamp.Version, stamp.Position);
                    continue;
                }

                Write(connection, transaction, commit, bodies[c], cancellationToken);
                after[c] = new ProjectionCheckpoint(commit.Projection.Version, commit.Position);
                Save(connection, transaction, commit.Projection.Name, after[c]);
                before[c] = stamp;
            }

            transaction.Commit();
            for (var c = 0; c < commits.Count; c++)
            {
                if (before[c] is { } stamp)
                {
                    parsed.Committed(commits[c].Projection, stamp, stamp with { Position = commits[c].Position }, commits[c].Changes, bodies[c]);
                }
            }

            return after;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, commits.Count == 1
                ? string.Create(CultureInfo.InvariantCulture, $"commit {commits[0].Changes.Count} document changes of projection '{commits[0].Projection.Name}'")
                : string.Create(CultureInfo.InvariantCulture, $"commit the document changes of {commits.Count} projections ({string.Join(", ", commits.Select(c => c.Projection.Name))})"), reason, ex);
        }
    }

    /// <summary>
    /// Writes a step's changes in a few statements of many rows each, not a few statements per document: the old index
    /// entries of every changed key go, removed documents go, written ones are upserted and their entries added.
    /// </summary>
    private static void Write(SqliteConnection connection, SqliteTransaction transaction, DocumentCommit commit, string?[] bodies, CancellationToken cancellationToken)
    {
        var changes = commit.Changes;
        using var rows = new SqliteRows(connection, transaction, commit.Projection.Name);
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

    /// <inheritdoc/>
    public async ValueTask<object?> GetDocumentAsync(IDocumentProjection projection, string key, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckProjection(projection);
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var snapshot = connection.BeginTransaction(deferred: true);
            var stamp = StampOf(connection, snapshot, projection.Name);
            var document = parsed.Lookup(projection, stamp, [key])[0];
            if (document is null)
            {
                using var read = Command(connection, snapshot, "SELECT body FROM documents WHERE projection = $projection AND key = $key");
                read.Parameters.AddWithValue("$projection", projection.Name);
                read.Parameters.AddWithValue("$key", key);
                document = read.ExecuteScalar() is string body ? parsed.Parse(projection, stamp, key, body) : null;
            }

            snapshot.Commit();
            return document;
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"read document '{key}' of projection '{projection.Name}'", reason, ex);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The keys come from the index (or the documents' keys); the documents this store parsed at the model's current stamp
    /// (<see cref="SqliteDocumentCache"/>) are taken as they are, and only the others are read from the table, all in one
    /// read transaction.
    /// </remarks>
    public async ValueTask<IReadOnlyList<FoundDocument>> QueryDocumentsAsync(
        IDocumentProjection projection, string? index, DocumentRange range, DocumentCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckProjection(projection);
        ProjectionArguments.CheckQuery(range, limit);
        var keys = new List<string>();
        var values = new List<string>();
        object?[] documents;
        try
        {
            using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            using var snapshot = connection.BeginTransaction(deferred: true);
            var stamp = StampOf(connection, snapshot, projection.Name);
            using (var read = Command(
                connection,
                snapshot,
                index is null
                    ? "SELECT key, key FROM documents WHERE projection = $projection AND key >= $from AND key <= $to AND ($afterKey IS NULL OR key > $afterKey) ORDER BY key LIMIT $limit"
                    : "SELECT key, value FROM document_index"
                      + " WHERE projection = $projection AND name = $name AND value >= $from AND value <= $to"
                      + " AND ($afterValue IS NULL OR value > $afterValue OR (value = $afterValue AND key > $afterKey))"
                      + " ORDER BY value, key LIMIT $limit"))
            {
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
                using var reader = read.ExecuteReader();
                while (reader.Read())
                {
                    keys.Add(reader.GetString(0));
                    values.Add(reader.GetString(1));
                }
            }

            documents = parsed.Lookup(projection, stamp, keys);
            ReadMissing(connection, snapshot, projection, stamp, keys, documents, cancellationToken);
            snapshot.Commit();
        }
        catch (SqliteException ex) when (SqliteFile.FailureOf(ex) is { } reason)
        {
            throw SqliteFile.Failed(tables.DataSource, $"query the documents of projection '{projection.Name}'", reason, ex);
        }

        // An entry whose document is gone (the file changed outside the store) is left out, as a join would.
        var found = new List<FoundDocument>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            if (documents[i] is { } document)
            {
                found.Add(new FoundDocument(keys[i], values[i], document));
            }
        }

        return found;
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
        => !(exception is SqliteException sqlite && SqliteFile.FailureOf(sqlite) is not null);

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

    /// <summary>Reads the documents a query found that were not kept, by key, a few hundred at a time.</summary>
    private void ReadMissing(
        SqliteConnection connection, SqliteTransaction snapshot, IDocumentProjection projection, DocumentStamp stamp, List<string> keys, object?[] documents, CancellationToken cancellationToken)
    {
        // A key is found once per index value in range, so it may stand at several places of the answer.
        var missing = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Length; i++)
        {
            if (documents[i] is null)
            {
                missing[keys[i]] = null;
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        foreach (var chunk in missing.Keys.ToList().Chunk(SqliteRows.RowsPerStatement))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var names = new string[chunk.Length];
            using var read = Command(connection, snapshot, string.Empty);
            read.Parameters.AddWithValue("$projection", projection.Name);
            for (var k = 0; k < chunk.Length; k++)
            {
                names[k] = "$k" + k.ToString(CultureInfo.InvariantCulture);
                read.Parameters.AddWithValue(names[k], chunk[k]);
            }

            read.CommandText = "SELECT key, body FROM documents WHERE projection = $projection AND key IN (" + string.Join(", ", names) + ")";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.GetString(0);
                missing[key] = parsed.Parse(projection, stamp, key, reader.GetString(1));
            }
        }

        for (var i = 0; i < documents.Length; i++)
        {
            documents[i] ??= missing[keys[i]];
        }
    }

    private static DocumentStamp StampOf(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        using var read = Command(connection, transaction, "SELECT generation, version, position FROM projections WHERE name = $name");
        read.Parameters.AddWithValue("$name", name);
        using var reader = read.ExecuteReader();
        return reader.Read() ? new DocumentStamp(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2)) : default;
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
