using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;
using CoProduction.ReadModels;

namespace CoProduction.Streams;

/// <summary>
/// The stream index: one document per stream (its category, aggregate type, version, first and last positions and
/// instants), indexed by category, kept by every store as documents.
/// </summary>
internal sealed class StreamIndex(StreamCategories categories)
    : DocumentProjection<StreamIndexEntry>(new StreamIndexJson(ReadModelJson.Options()).StreamIndexEntry), IStreamIndex
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "coproduction.stream-index";

    private const string ByCategory = "category";

    private DocumentReader<StreamIndexEntry>? reader;

    public override string Name => ProjectionName;

    // Version 2: the index moved from a store-specific table to documents.
    public override int Version => 2;

    /// <summary>Gets the store the index is read from; set when the container creates the index.</summary>
    internal IDocumentStore? Store
    {
        init => reader = new DocumentReader<StreamIndexEntry>(value ?? throw new ArgumentNullException(nameof(value)), this);
    }

    public async ValueTask<IReadOnlyList<StreamIndexEntry>> ListAsync(string category, StreamId? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        StreamIndexArguments.CheckList(category, limit);
        var page = await Reader.QueryAsync(
            ByCategory, DocumentRange.Equal(category), after is { } last ? new DocumentCursor(category, last.Value) : null, limit, cancellationToken).ConfigureAwait(false);
        return page.Items;
    }

    public ValueTask<StreamIndexEntry?> FindAsync(StreamId stream, CancellationToken cancellationToken = default)
    {
        StreamIndexArguments.CheckStream(stream);
        return Reader.GetAsync(stream.Value, cancellationToken);
    }

    public ValueTask<long> CountAsync(string category, CancellationToken cancellationToken = default)
    {
        StreamIndexArguments.CheckCategory(category);
        return Reader.CountAsync(ByCategory, DocumentRange.Equal(category), cancellationToken);
    }

    protected override async ValueTask ApplyAsync(ProjectedEvent e, DocumentBatch<StreamIndexEntry> documents, CancellationToken cancellationToken)
    {
        var stored = e.Stored;
        var id = stored.Stream.Value;
        var entry = stored.Version == 1 ? null : await documents.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            var (category, type) = categories.Classify(stored.Stream);
            documents.Put(id, new StreamIndexEntry(stored.Stream, category, type, stored.Version, stored.Position, stored.Position, stored.RecordedAt, stored.RecordedAt));
        }
        else
        {
            documents.Put(id, entry with { Version = stored.Version, LastPosition = stored.Position, LastRecordedAt = stored.RecordedAt });
        }
    }

    protected override IEnumerable<DocumentIndexEntry> Index(StreamIndexEntry document) => [new(ByCategory, document.Category)];

    private DocumentReader<StreamIndexEntry> Reader => reader ?? throw new InvalidOperationException("The stream index has no store.");
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(StreamIndexEntry))]
internal sealed partial class StreamIndexJson : JsonSerializerContext;
