using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>
/// A read model of documents, written once for every store: the fold reads and writes documents by key through a
/// <see cref="DocumentBatch{TDocument}"/>, and <see cref="Index"/> says under which values queries find each one.
/// The runner folds a batch of events, then the store writes the changed documents, their index entries and the
/// checkpoint in one atomic step.
/// </summary>
/// <remarks>
/// Documents are immutable values (records) serialized with the <see cref="JsonTypeInfo{T}"/> given (source-generated,
/// so trimming and AOT keep working). Raise <see cref="Version"/> whenever the fold, the document or the index changes:
/// the model is rebuilt from position 0 at the next start. For a model with one document per aggregate, derive from
/// <see cref="AggregateProjection{TAggregate, TDocument}"/> instead.
/// </remarks>
/// <typeparam name="TDocument">The documents' type.</typeparam>
public abstract class DocumentProjection<TDocument> : IDocumentProjection, IDocumentFold
    where TDocument : class
{
    private readonly JsonTypeInfo<TDocument> json;

    /// <summary>Creates the projection.</summary>
    /// <param name="json">How documents are written as JSON, from a source-generated <c>JsonSerializerContext</c>.</param>
    protected DocumentProjection(JsonTypeInfo<TDocument> json)
    {
        ArgumentNullException.ThrowIfNull(json);
        this.json = json;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract int Version { get; }

    /// <inheritdoc/>
    public Type DocumentType => typeof(TDocument);

    /// <inheritdoc/>
    public string Write(object document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return JsonSerializer.Serialize(Cast(document), json);
    }

    /// <inheritdoc/>
    public object Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, this.json)
            ?? throw new JsonException($"Projection '{Name}' read a null document.");
    }

    /// <summary>Folds one event: reads, writes and removes documents through the batch.</summary>
    /// <param name="e">The event; <see cref="ProjectedEvent.Deserialize"/> reads the domain event when the fold needs it.</param>
    /// <param name="documents">The batch: the model as committed, with this batch's changes over it.</param>
    /// <param name="cancellationToken">Cancels the fold; nothing of the batch is kept.</param>
    /// <returns>A task that completes when the event is folded.</returns>
    protected abstract ValueTask ApplyAsync(ProjectedEvent e, DocumentBatch<TDocument> documents, CancellationToken cancellationToken);

    /// <summary>The index entries of a document: under which (index, value) queries find it. None by default: found by key only.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The entries; an (index, value) pair at most once.</returns>
    protected virtual IEnumerable<DocumentIndexEntry> Index(TDocument document) => [];

    /// <summary>Runs once after the batch's last event, before its changes are written; for folds that finish a batch's work together.</summary>
    /// <param name="documents">The batch.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the batch is finished.</returns>
    private protected virtual ValueTask CompleteAsync(DocumentBatch<TDocument> documents, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Runs <see cref="ApplyAsync"/> for the runner.</summary>
    internal ValueTask ApplyIn(ProjectedEvent e, DocumentBatch<TDocument> documents, CancellationToken cancellationToken)
        => ApplyAsync(e, documents, cancellationToken);

    /// <summary>Runs <see cref="Index"/> for the batch.</summary>
    internal IEnumerable<DocumentIndexEntry> IndexIn(TDocument document) => Index(document);

    /// <summary>Runs <see cref="CompleteAsync"/> for the runner.</summary>
    internal ValueTask CompleteIn(DocumentBatch<TDocument> documents, CancellationToken cancellationToken)
        => CompleteAsync(documents, cancellationToken);

    /// <inheritdoc/>
    async ValueTask<ProjectionCheckpoint> IDocumentFold.StepAsync(
        IReadOnlyList<ProjectedEvent> events, IDocumentStore store, IProjectionStore checkpoints, AggregateSource aggregates, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.GetCheckpointAsync(this, cancellationToken).ConfigureAwait(false);
        if (checkpoint.Version != Version)
        {
            throw ProjectionArguments.VersionMismatch(this, checkpoint.Version);
        }

        var step = new Step(this, store, aggregates, checkpoint.Position);
        foreach (var e in events)
        {
            await step.ApplyAsync(e, cancellationToken).ConfigureAwait(false);
        }

        return await step.CompleteAsync(cancellationToken).ConfigureAwait(false) is { } commit
            ? await store.CommitDocumentsAsync(this, commit.ExpectedPosition, commit.Changes, commit.Position, cancellationToken).ConfigureAwait(false)
            : checkpoint;
    }

    /// <inheritdoc/>
    IDocumentStep IDocumentFold.Begin(IDocumentStore store, AggregateSource aggregates, long from) => new Step(this, store, aggregates, from);

    private TDocument Cast(object document) => document as TDocument ?? throw new ArgumentException(
        $"Projection '{Name}' keeps {typeof(TDocument).Name} documents, not {document.GetType().Name}.", nameof(document));

    /// <summary>One batch folded in memory: the events after the checkpoint, then the batch's completion and its changes.</summary>
    private sealed class Step(DocumentProjection<TDocument> projection, IDocumentStore store, AggregateSource aggregates, long from) : IDocumentStep
    {
        private readonly DocumentBatch<TDocument> batch = new(projection, store, aggregates);
        private readonly long start = from;

        public IDocumentProjection Projection => projection;

        public long Reached { get; private set; } = from;

        public async ValueTask ApplyAsync(ProjectedEvent e, CancellationToken cancellationToken)
        {
            if (e.Stored.Position <= Reached)
            {
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await projection.ApplyAsync(e, batch, cancellationToken).ConfigureAwait(false);
            }
            catch (ReadSideStoreException failed)
            {
                failed.Rethrow();
                throw;
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or ProjectionFailedException))
            {
                throw new ProjectionFailedException(projection.Name, e.Stored, ex);
            }

            Reached = e.Stored.Position;
        }

        public async ValueTask<DocumentCommit?> CompleteAsync(CancellationToken cancellationToken)
        {
            if (Reached == start)
            {
                return null;
            }

            try
            {
                await projection.CompleteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (ReadSideStoreException failed)
            {
                failed.Rethrow();
                throw;
            }

            return new DocumentCommit(projection, start, batch.Changes(), Reached);
        }
    }
}
