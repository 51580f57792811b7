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

        var batch = new DocumentBatch<TDocument>(this, store, aggregates);
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
                    await ApplyAsync(e, batch, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or ReadSideStoreException or ProjectionFailedException))
                {
                    throw new ProjectionFailedException(Name, e.Stored, ex);
                }

                reached = e.Stored.Position;
            }

            if (reached == checkpoint.Position)
            {
                return checkpoint;
            }

            await CompleteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (ReadSideStoreException failed)
        {
            failed.Rethrow();
            throw;
        }

        return await store.CommitDocumentsAsync(this, checkpoint.Position, batch.Changes(), reached, cancellationToken).ConfigureAwait(false);
    }

    private TDocument Cast(object document) => document as TDocument ?? throw new ArgumentException(
        $"Projection '{Name}' keeps {typeof(TDocument).Name} documents, not {document.GetType().Name}.", nameof(document));
}
