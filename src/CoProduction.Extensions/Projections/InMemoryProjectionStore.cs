using System;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>
/// Keeps <see cref="InMemoryProjection{TModel}"/> models, <see cref="IDocumentProjection"/> documents and the parked
/// events in memory: right with the in-memory event store, lost with the process. Each step runs under one lock and
/// publishes the model and its checkpoint as one reference.
/// </summary>
public sealed class InMemoryProjectionStore : IProjectionStore, IParkedEventStore, IDocumentStore
{
    private static readonly Comparer<(string Name, string Value, string Key)> IndexOrder = Comparer<(string Name, string Value, string Key)>.Create(
        (a, b) => string.CompareOrdinal(a.Name, b.Name) is var n and not 0 ? n
            : string.CompareOrdinal(a.Value, b.Value) is var v and not 0 ? v
            : string.CompareOrdinal(a.Key, b.Key));

    private static readonly Documents Empty = new(
        default, ImmutableSortedDictionary.Create<string, (object, DocumentIndexEntry[])>(StringComparer.Ordinal), ImmutableSortedSet.Create<(string Name, string Value, string Key)>(IndexOrder));

    private readonly Lock gate = new();
    private readonly Dictionary<string, SortedDictionary<long, ParkedEvent>> parked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Documents> documents = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<ProjectionCheckpoint> GetCheckpointAsync(IProjection projection, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(projection is IDocumentProjection d ? DocumentsOf(d).Checkpoint : Require(projection).Checkpoint);

    /// <inheritdoc/>
    public ValueTask<ProjectionCheckpoint> ApplyAsync(IProjection projection, IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken = default)
    {
        var model = Require(projection);
        ProjectionArguments.CheckBatch(events);
        lock (gate)
        {
            return ValueTask.FromResult(model.Apply(events, cancellationToken));
        }
    }

    /// <inheritdoc/>
    public ValueTask<ProjectionCheckpoint> SkipAsync(IProjection projection, ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        if (projection is IDocumentProjection d)
        {
            ProjectionArguments.CheckParked(parked, projection.Name);
            cancellationToken.ThrowIfCancellationRequested();
            lock (gate)
            {
                var current = Current(d);
                if (parked.Position <= current.Checkpoint.Position)
                {
                    return ValueTask.FromResult(current.Checkpoint);
                }

                Park(parked);
                documents[d.Name] = current with { Checkpoint = new ProjectionCheckpoint(d.Version, parked.Position) };
                return ValueTask.FromResult(documents[d.Name].Checkpoint);
            }
        }

        var model = Require(projection);
        ProjectionArguments.CheckParked(parked, projection.Name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var before = model.Checkpoint;
            var after = model.Skip(parked.Position);
            if (after.Position > before.Position)
            {
                Park(parked);
            }

            return ValueTask.FromResult(after);
        }
    }

    /// <inheritdoc/>
    public ValueTask ResetAsync(IProjection projection, CancellationToken cancellationToken = default)
    {
        if (projection is IDocumentProjection d)
        {
            ProjectionArguments.CheckProjection(d);
            cancellationToken.ThrowIfCancellationRequested();
            lock (gate)
            {
                documents[d.Name] = Empty with { Checkpoint = new ProjectionCheckpoint(d.Version, 0) };
                parked.Remove(d.Name);
            }

            return ValueTask.CompletedTask;
        }

        var model = Require(projection);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            model.Reset();
            parked.Remove(projection.Name);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask ParkAsync(ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckParked(parked);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            Park(parked);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ParkedEvent>> ListAsync(string subscriber, long afterPosition = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckSubscriber(subscriber, nameof(subscriber));
        ProjectionArguments.CheckPage(afterPosition, limit);
        lock (gate)
        {
            IReadOnlyList<ParkedEvent> page = parked.TryGetValue(subscriber, out var entries)
                ? [.. entries.Values.Where(p => p.Position > afterPosition).Take(limit)]
                : [];
            return ValueTask.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyDictionary<string, long> counts = parked.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => (long)p.Value.Count, StringComparer.Ordinal);
            return ValueTask.FromResult(counts);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> RemoveAsync(string subscriber, long position, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckSubscriber(subscriber, nameof(subscriber));
        lock (gate)
        {
            return ValueTask.FromResult(parked.TryGetValue(subscriber, out var entries) && entries.Remove(position));
        }
    }

    /// <inheritdoc/>
    public ValueTask<ProjectionCheckpoint> CommitDocumentsAsync(
        IDocumentProjection projection, long expectedPosition, IReadOnlyList<DocumentChange> changes, long position, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckCommit(projection, expectedPosition, changes, position);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var before = Current(projection);
            if (before.Checkpoint.Position != expectedPosition)
            {
                return ValueTask.FromResult(before.Checkpoint);
            }

            var byKey = before.ByKey.ToBuilder();
            var index = before.Index.ToBuilder();
            foreach (var change in changes)
            {
                if (byKey.TryGetValue(change.Key, out var old))
                {
                    foreach (var entry in old.Index)
                    {
                        index.Remove((entry.Name, entry.Value, change.Key));
                    }

                    byKey.Remove(change.Key);
                }

                if (change.Document is { } document)
                {
                    var entries = change.Index.ToArray();
                    byKey[change.Key] = (document, entries);
                    foreach (var entry in entries)
                    {
                        index.Add((entry.Name, entry.Value, change.Key));
                    }
                }
            }

            var after = new Documents(new ProjectionCheckpoint(projection.Version, position), byKey.ToImmutable(), index.ToImmutable());
            documents[projection.Name] = after;
            return ValueTask.FromResult(after.Checkpoint);
        }
    }

    /// <inheritdoc/>
    public ValueTask<object?> GetDocumentAsync(IDocumentProjection projection, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return ValueTask.FromResult(DocumentsOf(projection).ByKey.TryGetValue(key, out var found) ? found.Document : null);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<FoundDocument>> QueryDocumentsAsync(
        IDocumentProjection projection, string? index, DocumentRange range, DocumentCursor? after, int limit, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckQuery(range, limit);
        var model = DocumentsOf(projection);
        var page = new List<FoundDocument>(Math.Min(limit, 64));
        foreach (var (value, key) in Entries(model, index, range))
        {
            if (after is not null && (string.CompareOrdinal(value, after.Value) is var c && (c < 0 || (c == 0 && string.CompareOrdinal(key, after.Key) <= 0))))
            {
                continue;
            }

            page.Add(new FoundDocument(key, value, model.ByKey[key].Document));
            if (page.Count == limit)
            {
                break;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<FoundDocument>>(page);
    }

    /// <inheritdoc/>
    public ValueTask<long> CountDocumentsAsync(IDocumentProjection projection, string? index, DocumentRange range, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckQuery(range, 1);
        return ValueTask.FromResult((long)Entries(DocumentsOf(projection), index, range).Count());
    }

    private static IEnumerable<(string Value, string Key)> Entries(Documents model, string? index, DocumentRange range)
    {
        if (index is null)
        {
            foreach (var key in model.ByKey.Keys)
            {
                if (string.CompareOrdinal(key, range.From) >= 0 && string.CompareOrdinal(key, range.To) <= 0)
                {
                    yield return (key, key);
                }
            }

            yield break;
        }

        var at = model.Index.IndexOf((index, range.From, string.Empty));
        for (var i = at < 0 ? ~at : at; i < model.Index.Count; i++)
        {
            var (name, value, key) = model.Index[i];
            if (!string.Equals(name, index, StringComparison.Ordinal) || string.CompareOrdinal(value, range.To) > 0)
            {
                yield break;
            }

            yield return (value, key);
        }
    }

    private Documents DocumentsOf(IDocumentProjection projection)
    {
        ProjectionArguments.CheckProjection(projection);
        lock (gate)
        {
            return documents.GetValueOrDefault(projection.Name) ?? Empty;
        }
    }

    private Documents Current(IDocumentProjection projection)
    {
        ProjectionArguments.CheckProjection(projection);
        var current = documents.GetValueOrDefault(projection.Name) ?? Empty;
        return current.Checkpoint.Version == projection.Version ? current : throw ProjectionArguments.VersionMismatch(projection, current.Checkpoint.Version);
    }

    private static IInMemoryProjection Require(IProjection projection)
    {
        ProjectionArguments.CheckProjection(projection);
        return projection as IInMemoryProjection ?? throw new NotSupportedException(
            $"Projection '{projection.Name}' ({projection.GetType().Name}) does not keep its model in memory; the in-memory projection store keeps InMemoryProjection<TModel> models only. Use the projection store of the model's kind (for SQL tables, UseSqliteStore).");
    }

    private void Park(ParkedEvent entry)
    {
        if (!parked.TryGetValue(entry.Subscriber, out var entries))
        {
            entries = [];
            parked.Add(entry.Subscriber, entries);
        }

        entries[entry.Position] = entry;
    }

    private sealed record Documents(
        ProjectionCheckpoint Checkpoint,
        ImmutableSortedDictionary<string, (object Document, DocumentIndexEntry[] Index)> ByKey,
        ImmutableSortedSet<(string Name, string Value, string Key)> Index);
}
