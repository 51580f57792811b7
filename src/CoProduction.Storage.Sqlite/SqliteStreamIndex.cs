using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;
using CoProduction.Streams;
using Microsoft.Data.Sqlite;
using NodaTime.Text;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// The stream index in the events' SQLite file: table <c>stream_index</c>, one row per stream, indexed by
/// (category, stream) for a category's pages.
/// </summary>
internal sealed class SqliteStreamIndex : SqliteProjection, IStreamIndex, IDisposable
{
    private const string Columns = "stream, category, aggregate_type, version, first_position, last_position, started_at, last_recorded_at";

    private const string Upsert =
        """
        INSERT INTO stream_index (stream, category, aggregate_type, version, first_position, last_position, started_at, last_recorded_at)
        VALUES ($stream, $category, $type, $version, $position, $position, $at, $at)
        ON CONFLICT (stream) DO UPDATE SET version = excluded.version, last_position = excluded.last_position, last_recorded_at = excluded.last_recorded_at
        """;

    private static readonly InstantPattern InstantText = InstantPattern.ExtendedIso;

    private readonly StreamCategories categories;
    private readonly SqliteSideTables tables;

    public SqliteStreamIndex(SqliteEventStoreOptions options, StreamCategories categories)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.categories = categories;
        tables = new SqliteSideTables(options, null);
    }

    /// <summary>Closes the index's open connections.</summary>
    public void Dispose() => tables.Dispose();

    public override string Name => InMemoryStreamIndex.ProjectionName;

    public override int Version => InMemoryStreamIndex.ProjectionVersion;

    public async ValueTask<IReadOnlyList<StreamIndexEntry>> ListAsync(string category, StreamId? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        StreamIndexArguments.CheckList(category, limit);
        using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT " + Columns + " FROM stream_index WHERE category = $category AND stream > $after ORDER BY stream LIMIT $limit";
        read.Parameters.AddWithValue("$category", category);
        read.Parameters.AddWithValue("$after", after?.Value ?? string.Empty);
        read.Parameters.AddWithValue("$limit", limit);
        return Read(read, limit);
    }

    public async ValueTask<StreamIndexEntry?> FindAsync(StreamId stream, CancellationToken cancellationToken = default)
    {
        StreamIndexArguments.CheckStream(stream);
        using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT " + Columns + " FROM stream_index WHERE stream = $stream";
        read.Parameters.AddWithValue("$stream", stream.Value);
        return Read(read, 1) is [var entry] ? entry : null;
    }

    public async ValueTask<long> CountAsync(string category, CancellationToken cancellationToken = default)
    {
        StreamIndexArguments.CheckCategory(category);
        using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT COUNT(*) FROM stream_index WHERE category = $category";
        read.Parameters.AddWithValue("$category", category);
        return (long)read.ExecuteScalar()!;
    }

    protected override void Reset(SqliteProjectionWriter writer)
    {
        writer.Execute("DROP TABLE IF EXISTS stream_index");
        writer.Execute(
            """
            CREATE TABLE stream_index (
                stream           TEXT    NOT NULL PRIMARY KEY,
                category         TEXT    NOT NULL,
                aggregate_type   TEXT    NULL,
                version          INTEGER NOT NULL,
                first_position   INTEGER NOT NULL,
                last_position    INTEGER NOT NULL,
                started_at       TEXT    NOT NULL,
                last_recorded_at TEXT    NOT NULL
            ) WITHOUT ROWID
            """);
        writer.Execute("CREATE INDEX stream_index_by_category ON stream_index (category, stream)");
    }

    protected override void Apply(SqliteProjectionWriter writer, ProjectedEvent e)
    {
        var stored = e.Stored;
        var (category, type) = categories.Classify(stored.Stream);
        writer.Execute(
            Upsert,
            ("$stream", stored.Stream.Value),
            ("$category", category),
            ("$type", type),
            ("$version", stored.Version),
            ("$position", stored.Position),
            ("$at", InstantText.Format(stored.RecordedAt)));
    }

    private static List<StreamIndexEntry> Read(SqliteCommand read, int capacity)
    {
        var entries = new List<StreamIndexEntry>(Math.Min(capacity, 1000));
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new StreamIndexEntry(
                new StreamId(reader.GetString(0)),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                InstantText.Parse(reader.GetString(6)).GetValueOrThrow(),
                InstantText.Parse(reader.GetString(7)).GetValueOrThrow()));
        }

        return entries;
    }

    private async Task<SqliteLease> OpenAsync(CancellationToken cancellationToken)
    {
        var lease = await tables.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var exists = lease.Connection.CreateCommand();
            exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'stream_index'";
            if ((long)exists.ExecuteScalar()! == 0)
            {
                throw new InvalidOperationException(
                    $"The stream index of '{tables.DataSource}' is not built yet: start the projection runner (a hosted service of AddCoProduction) or wait for it with ProjectionRunner.WaitForAsync.");
            }

            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }
}
