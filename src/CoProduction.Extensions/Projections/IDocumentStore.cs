using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>
/// Keeps the documents of <see cref="IDocumentProjection"/>s with their checkpoints, and answers queries by key
/// and by index. Every store of the library keeps them (the in-memory store as values, the SQLite store as tables
/// <c>documents</c> and <c>document_index</c> in the events' file), so a read model is written once.
/// </summary>
/// <remarks>
/// Queries read the committed model; a reader never sees a step half-way. Index values compare as ordinal text,
/// and pages are ordered by (value, key).
/// </remarks>
public interface IDocumentStore
{
    /// <summary>
    /// Writes a step's document changes and moves the checkpoint, in one atomic step, unless another runner has
    /// moved the checkpoint since <paramref name="expectedPosition"/> (then nothing is written).
    /// </summary>
    /// <param name="projection">The projection; its model must have been built by its current version.</param>
    /// <param name="expectedPosition">The checkpoint the changes were folded from.</param>
    /// <param name="changes">The documents written or removed; a key at most once.</param>
    /// <param name="position">The new checkpoint; after <paramref name="expectedPosition"/>.</param>
    /// <param name="cancellationToken">Cancels the step; nothing is kept.</param>
    /// <returns>The checkpoint after the call: the new one, or the other runner's.</returns>
    /// <exception cref="InvalidOperationException">The model was built by another version of the projection.</exception>
    ValueTask<ProjectionCheckpoint> CommitDocumentsAsync(
        IDocumentProjection projection, long expectedPosition, IReadOnlyList<DocumentChange> changes, long position, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes several projections' steps, each with its checkpoint, the way <see cref="CommitDocumentsAsync(IDocumentProjection, long, IReadOnlyList{DocumentChange}, long, CancellationToken)"/>
    /// writes one: a step whose checkpoint another runner has moved since its expected position is left out, the others are written.
    /// The runner folds a batch of the feed into every document projection behind it and commits them with this call.
    /// </summary>
    /// <param name="commits">The steps, a projection at most once.</param>
    /// <param name="cancellationToken">Cancels the steps; a step not yet written is not kept.</param>
    /// <returns>Each step's checkpoint after the call, in the order of <paramref name="commits"/>: the new one, or the other runner's.</returns>
    /// <exception cref="InvalidOperationException">A model was built by another version of its projection.</exception>
    /// <remarks>
    /// By default the steps are written one after the other, each atomic with its own checkpoint, which is all a crash needs: a
    /// store that can, writes them in one transaction (the SQLite store does), so a batch costs one commit, not one per projection.
    /// </remarks>
    async ValueTask<IReadOnlyList<ProjectionCheckpoint>> CommitStepsAsync(IReadOnlyList<DocumentCommit> commits, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckCommits(commits);
        var after = new ProjectionCheckpoint[commits.Count];
        for (var i = 0; i < after.Length; i++)
        {
            var commit = commits[i];
            after[i] = await CommitDocumentsAsync(commit.Projection, commit.ExpectedPosition, commit.Changes, commit.Position, cancellationToken).ConfigureAwait(false);
        }

        return after;
    }

    /// <summary>Reads one document.</summary>
    /// <param name="projection">The projection.</param>
    /// <param name="key">The document's key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The document, or <see langword="null"/> when there is none under the key.</returns>
    ValueTask<object?> GetDocumentAsync(IDocumentProjection projection, string key, CancellationToken cancellationToken = default);

    /// <summary>Reads a page of documents by index (or by key, when <paramref name="index"/> is <see langword="null"/>), ordered by value then key.</summary>
    /// <param name="projection">The projection.</param>
    /// <param name="index">The index's name; <see langword="null"/> to read by key.</param>
    /// <param name="range">The values (or keys) to read.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The most documents to return, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The documents found, at most <paramref name="limit"/>.</returns>
    ValueTask<IReadOnlyList<FoundDocument>> QueryDocumentsAsync(
        IDocumentProjection projection, string? index, DocumentRange range, DocumentCursor? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Counts index entries (or documents, when <paramref name="index"/> is <see langword="null"/>) in a range.</summary>
    /// <param name="projection">The projection.</param>
    /// <param name="index">The index's name; <see langword="null"/> to count documents by key.</param>
    /// <param name="range">The values (or keys) to count.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>How many entries the range holds.</returns>
    ValueTask<long> CountDocumentsAsync(IDocumentProjection projection, string? index, DocumentRange range, CancellationToken cancellationToken = default);
}
