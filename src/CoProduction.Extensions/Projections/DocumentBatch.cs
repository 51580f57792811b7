using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Events;

namespace CoProduction.Projections;

/// <summary>
/// What a <see cref="DocumentProjection{TDocument}"/>'s fold sees of its model during one batch: the documents as
/// committed, with the batch's own changes over them. Nothing is written until the whole batch is folded; then the
/// changes and the checkpoint are written in one atomic step.
/// </summary>
/// <typeparam name="TDocument">The documents' type.</typeparam>
public sealed class DocumentBatch<TDocument>
    where TDocument : class
{
    private readonly DocumentProjection<TDocument> projection;
    private readonly IDocumentStore store;
    private readonly AggregateSource aggregates;
    private readonly Dictionary<string, TDocument?> changed = new(StringComparer.Ordinal);

    // What the batch read of the committed model (null for none): nothing else writes it during the step, so a fold that
    // asks for the same document at several events reads the store once.
    private readonly Dictionary<string, TDocument?> read = new(StringComparer.Ordinal);

    internal DocumentBatch(DocumentProjection<TDocument> projection, IDocumentStore store, AggregateSource aggregates)
    {
        this.projection = projection;
        this.store = store;
        this.aggregates = aggregates;
    }

    /// <summary>Gets what an aggregate projection has left to summarize at the end of the batch.</summary>
    internal Dictionary<StreamId, (IEventSourcedAggregate Aggregate, ProjectedEvent Last)> Touched { get; } = [];

    /// <summary>Reads a document: this batch's version if it changed it, else the committed one.</summary>
    /// <param name="key">The document's key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document, or <see langword="null"/> when there is none.</returns>
    public async ValueTask<TDocument?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (changed.TryGetValue(key, out var document) || read.TryGetValue(key, out document))
        {
            return document;
        }

        document = (TDocument?)await ReadSideStoreException.Guard(store.GetDocumentAsync(projection, key, cancellationToken)).ConfigureAwait(false);
        read[key] = document;
        return document;
    }

    /// <summary>Writes a document under a key, replacing the one there.</summary>
    /// <param name="key">The document's key.</param>
    /// <param name="document">The document.</param>
    public void Put(string key, TDocument document)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(document);
        changed[key] = document;
    }

    /// <summary>Removes the document under a key, if any.</summary>
    /// <param name="key">The document's key.</param>
    public void Remove(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        changed[key] = null;
    }

    /// <summary>
    /// The aggregate of an event's stream as of that event, from the runner's cache (the event folded into the
    /// aggregate as of the stream's previous event) or, the first time, read from the store up to the event.
    /// </summary>
    /// <typeparam name="TAggregate">The aggregate type of the event's stream.</typeparam>
    /// <param name="e">The event.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate at the event's version. Read its <c>State</c>; do not keep it.</returns>
    public ValueTask<TAggregate> AggregateAsync<TAggregate>(ProjectedEvent e, CancellationToken cancellationToken = default)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
    {
        ArgumentNullException.ThrowIfNull(e);
        return aggregates.Of<TAggregate>().AtAsync(e, cancellationToken);
    }

    /// <summary>The batch's changes, with each written document's index entries.</summary>
    internal IReadOnlyList<DocumentChange> Changes()
        => [.. changed.Select(c => c.Value is null
            ? new DocumentChange(c.Key, null, [])
            : new DocumentChange(c.Key, c.Value, [.. projection.IndexIn(c.Value).Distinct()]))];
}
