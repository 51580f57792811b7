using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using CoProduction.Projections;
using CoProduction.Storage.Sqlite;

namespace CoProduction.Tests.Projections;

// A projection of the tests' own, shared with the crash child process: per stream, how many events and the
// sum of their numbers. Counting is not idempotent, so an event applied twice or skipped shows in the model.

/// <summary>One stream's row of the tally.</summary>
public sealed record TallyRow(long Count, long Sum, long LastPosition);

/// <summary>What the tests set for the tally projections: their version and the positions they fail on.</summary>
public sealed class TallySettings
{
    public const string Name = "tests.tally";

    public int Version { get; set; } = 1;

    public ConcurrentDictionary<long, bool> FailAt { get; } = new();

    /// <summary>The tally's fold of one event, the same for both stores.</summary>
    public int NumberOf(ProjectedEvent e)
    {
        if (FailAt.ContainsKey(e.Stored.Position))
        {
            throw new InvalidOperationException($"The tally refuses event {e.Stored.Position}.");
        }

        if (e.Stored.EventName == "tally.counted")
        {
            using var json = System.Text.Json.JsonDocument.Parse(e.Stored.Payload);
            return json.RootElement.GetProperty("n").GetInt32();
        }

        // Any other event must be readable: an unknown one is parked.
        e.Deserialize();
        return 0;
    }
}

/// <summary>The tally for the in-memory store.</summary>
public sealed class InMemoryTally(TallySettings settings) : InMemoryProjection<ImmutableSortedDictionary<string, TallyRow>>(ImmutableSortedDictionary<string, TallyRow>.Empty)
{
    public override string Name => TallySettings.Name;

    public override int Version => settings.Version;

    public IReadOnlyDictionary<string, TallyRow> Read() => Current;

    protected override ImmutableSortedDictionary<string, TallyRow> Apply(ImmutableSortedDictionary<string, TallyRow> model, ProjectedEvent e)
    {
        var n = settings.NumberOf(e);
        var row = model.GetValueOrDefault(e.Stored.Stream.Value) ?? new TallyRow(0, 0, 0);
        return model.SetItem(e.Stored.Stream.Value, new TallyRow(row.Count + 1, row.Sum + n, e.Stored.Position));
    }
}

/// <summary>The tally for the SQLite store: table <c>tally</c>.</summary>
public sealed class SqliteTally(TallySettings settings) : SqliteProjection
{
    public override string Name => TallySettings.Name;

    public override int Version => settings.Version;

    protected override void Reset(SqliteProjectionWriter writer)
    {
        writer.Execute("DROP TABLE IF EXISTS tally");
        writer.Execute("CREATE TABLE tally (stream TEXT NOT NULL PRIMARY KEY, count INTEGER NOT NULL, sum INTEGER NOT NULL, last_position INTEGER NOT NULL)");
    }

    protected override void Apply(SqliteProjectionWriter writer, ProjectedEvent e)
        => writer.Execute(
            """
            INSERT INTO tally (stream, count, sum, last_position) VALUES ($stream, 1, $n, $position)
            ON CONFLICT (stream) DO UPDATE SET count = count + 1, sum = sum + excluded.sum, last_position = excluded.last_position
            """,
            ("$stream", e.Stored.Stream.Value),
            ("$n", settings.NumberOf(e)),
            ("$position", e.Stored.Position));
}

/// <summary>The tally as documents, written once for every store: one document per stream, indexed by its count.</summary>
public sealed class DocumentTally(TallySettings settings) : DocumentProjection<TallyRow>(TallyJson.Default.TallyRow)
{
    public override string Name => TallySettings.Name;

    public override int Version => settings.Version;

    protected override async System.Threading.Tasks.ValueTask ApplyAsync(ProjectedEvent e, DocumentBatch<TallyRow> documents, System.Threading.CancellationToken cancellationToken)
    {
        var n = settings.NumberOf(e);
        var row = await documents.GetAsync(e.Stored.Stream.Value, cancellationToken) ?? new TallyRow(0, 0, 0);
        documents.Put(e.Stored.Stream.Value, new TallyRow(row.Count + 1, row.Sum + n, e.Stored.Position));
    }

    protected override IEnumerable<DocumentIndexEntry> Index(TallyRow document) => [new("count", DocumentIndexEntry.Of(document.Count))];

    /// <summary>Reads every row, page by page, by key.</summary>
    public static IReadOnlyDictionary<string, TallyRow> Read(IServiceProvider services)
    {
        var projection = (DocumentTally)Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<DocumentTally>(services);
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IDocumentStore>(services);
        var rows = new Dictionary<string, TallyRow>(StringComparer.Ordinal);
        DocumentCursor? after = null;
        do
        {
            var found = store.QueryDocumentsAsync(projection, null, DocumentRange.All, after, 2).AsTask().GetAwaiter().GetResult();
            foreach (var f in found)
            {
                rows.Add(f.Key, (TallyRow)f.Document);
            }

            after = found.Count == 2 ? new DocumentCursor(found[^1].Value, found[^1].Key) : null;
        }
        while (after is not null);

        return rows;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(TallyRow))]
internal sealed partial class TallyJson : System.Text.Json.Serialization.JsonSerializerContext;
