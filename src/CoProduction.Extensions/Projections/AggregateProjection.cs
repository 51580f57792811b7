using System;
using System.Linq;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Events;
using CoProduction.Persistence;
using CoProduction.Streams;

namespace CoProduction.Projections;

/// <summary>
/// A read model with one document per aggregate, summarized from the aggregate as it stands: the aggregate's own
/// fold and queries decide (a protocol's version in force, a site's roles today), so the read model never
/// re-implements the domain. The document's key is the aggregate's stream id.
/// </summary>
/// <remarks>
/// The runner keeps the aggregates of a batch in a cache and folds each event into them; each aggregate the batch
/// touched is summarized once, after the batch's last event. An event that cannot be read, or a history that does
/// not replay, is parked, with the later events of that stream (the aggregate cannot be rebuilt past it).
/// </remarks>
/// <typeparam name="TAggregate">The aggregate type, one stream category.</typeparam>
/// <typeparam name="TDocument">The documents' type.</typeparam>
public abstract class AggregateProjection<TAggregate, TDocument> : DocumentProjection<TDocument>
    where TAggregate : class, IEventSourcedAggregate<TAggregate>
    where TDocument : class
{
    private static readonly StreamCategories Categories = new(StreamCategories.Library.Append(StreamCategories.Of<TAggregate>()));

    /// <summary>Creates the projection.</summary>
    /// <param name="json">How documents are written as JSON, from a source-generated <c>JsonSerializerContext</c>.</param>
    protected AggregateProjection(JsonTypeInfo<TDocument> json)
        : base(json)
    {
    }

    /// <summary>Summarizes the aggregate as it stands after the batch's events of its stream.</summary>
    /// <param name="aggregate">The aggregate; read its <c>State</c> (and its <c>History</c>, for when something happened).</param>
    /// <returns>The document; <see langword="null"/> to keep none for this aggregate.</returns>
    protected abstract TDocument? Summarize(TAggregate aggregate);

    /// <summary>Summarizes the aggregate as it stands after the batch's events of its stream, knowing the last of them (its global position, for example).</summary>
    /// <param name="aggregate">The aggregate; read its <c>State</c>.</param>
    /// <param name="last">The batch's last event of the aggregate's stream.</param>
    /// <returns>The document; <see langword="null"/> to keep none for this aggregate. By default, <see cref="Summarize(TAggregate)"/>.</returns>
    protected virtual TDocument? Summarize(TAggregate aggregate, ProjectedEvent last) => Summarize(aggregate);

    /// <inheritdoc/>
    protected sealed override async ValueTask ApplyAsync(ProjectedEvent e, DocumentBatch<TDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(documents);
        if (!string.Equals(Categories.Classify(e.Stored.Stream).Category, TAggregate.StreamCategory, StringComparison.Ordinal))
        {
            return;
        }

        var aggregate = await documents.AggregateAsync<TAggregate>(e, cancellationToken).ConfigureAwait(false);
        documents.Touched[e.Stored.Stream] = (aggregate, e);
    }

    /// <inheritdoc/>
    private protected sealed override ValueTask CompleteAsync(DocumentBatch<TDocument> documents, CancellationToken cancellationToken)
    {
        foreach (var (stream, (aggregate, last)) in documents.Touched)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TDocument? document;
            try
            {
                document = Summarize((TAggregate)aggregate, last);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new ProjectionFailedException(Name, last.Stored, ex);
            }

            if (document is null)
            {
                documents.Remove(stream.Value);
            }
            else
            {
                documents.Put(stream.Value, document);
            }
        }

        return ValueTask.CompletedTask;
    }
}
