using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;

namespace CoProduction.Streams;

/// <summary>The stream index for the in-memory store: an immutable model swapped with its checkpoint.</summary>
internal sealed class InMemoryStreamIndex(StreamCategories categories)
    : InMemoryProjection<InMemoryStreamIndex.Model>(Model.Empty), IStreamIndex
{
    /// <summary>The projection's name, shared by every store's stream index.</summary>
    public const string ProjectionName = "coproduction.stream-index";

    /// <summary>The version of the fold and of the model's shape.</summary>
    public const int ProjectionVersion = 1;

    public override string Name => ProjectionName;

    public override int Version => ProjectionVersion;

    public ValueTask<IReadOnlyList<StreamIndexEntry>> ListAsync(string category, StreamId? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        StreamIndexArguments.CheckList(category, limit);
        var model = Current;
        if (!model.Categories.TryGetValue(category, out var streams))
        {
            return ValueTask.FromResult<IReadOnlyList<StreamIndexEntry>>([]);
        }

        var start = 0;
        if (after is { } last)
        {
            var found = streams.IndexOf(last.Value);
            start = found >= 0 ? found + 1 : ~found;
        }

        var page = new List<StreamIndexEntry>(Math.Min(limit, Math.Max(0, streams.Count - start)));
        for (var i = start; i < streams.Count && page.Count < limit; i++)
        {
            page.Add(model.Entries[streams[i]]);
        }

        return ValueTask.FromResult<IReadOnlyList<StreamIndexEntry>>(page);
    }

    public ValueTask<StreamIndexEntry?> FindAsync(StreamId stream, CancellationToken cancellationToken = default)
    {
        StreamIndexArguments.CheckStream(stream);
        return ValueTask.FromResult(Current.Entries.GetValueOrDefault(stream.Value));
    }

    public ValueTask<long> CountAsync(string category, CancellationToken cancellationToken = default)
    {
        StreamIndexArguments.CheckCategory(category);
        return ValueTask.FromResult(Current.Categories.TryGetValue(category, out var streams) ? (long)streams.Count : 0);
    }

    protected override Model Apply(Model model, ProjectedEvent e)
    {
        var stored = e.Stored;
        var id = stored.Stream.Value;
        if (model.Entries.TryGetValue(id, out var entry))
        {
            return model with
            {
                Entries = model.Entries.SetItem(id, entry with { Version = stored.Version, LastPosition = stored.Position, LastRecordedAt = stored.RecordedAt }),
            };
        }

        var (category, type) = categories.Classify(stored.Stream);
        var created = new StreamIndexEntry(stored.Stream, category, type, stored.Version, stored.Position, stored.Position, stored.RecordedAt, stored.RecordedAt);
        var streams = model.Categories.TryGetValue(category, out var existing) ? existing : ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
        return new Model(model.Entries.Add(id, created), model.Categories.SetItem(category, streams.Add(id)));
    }

    /// <summary>Every stream by id, and each category's stream ids in ordinal order.</summary>
    internal sealed record Model(ImmutableDictionary<string, StreamIndexEntry> Entries, ImmutableDictionary<string, ImmutableSortedSet<string>> Categories)
    {
        public static Model Empty { get; } = new(
            ImmutableDictionary.Create<string, StreamIndexEntry>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, ImmutableSortedSet<string>>(StringComparer.Ordinal));
    }
}
