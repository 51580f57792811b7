using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>
/// Keeps projections' models and checkpoints together, so that a model never holds an event its checkpoint
/// has not passed, nor misses one it has. Each call is one atomic step: a crash leaves the step done or not done.
/// </summary>
/// <remarks>
/// Each store keeps the models of its own kind of projection (the in-memory store
/// <see cref="InMemoryProjection{TModel}"/>s, the SQLite store SQL tables in the events' file) and refuses
/// others with <see cref="NotSupportedException"/>. Several runners over one store (two processes over one
/// file) are safe: a step skips events its checkpoint has already passed.
/// </remarks>
public interface IProjectionStore
{
    /// <summary>Reads where a projection's model stands.</summary>
    /// <param name="projection">The projection.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The version that built the model and its last position; <c>(0, 0)</c> when it was never built.</returns>
    /// <exception cref="NotSupportedException">The projection is not of the kind this store keeps.</exception>
    ValueTask<ProjectionCheckpoint> GetCheckpointAsync(IProjection projection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies events, oldest first, and moves the checkpoint to the last one, in one atomic step; events at or
    /// before the checkpoint are skipped.
    /// </summary>
    /// <param name="projection">The projection; its model must have been built by its current version (see <see cref="ResetAsync"/>).</param>
    /// <param name="events">Events from the feed, in increasing position order.</param>
    /// <param name="cancellationToken">Cancels the step; nothing is kept.</param>
    /// <returns>The checkpoint after the step.</returns>
    /// <exception cref="ProjectionFailedException">The projection failed on an event; nothing of the step was kept.</exception>
    /// <exception cref="InvalidOperationException">The model was built by another version of the projection.</exception>
    /// <exception cref="NotSupportedException">The projection is not of the kind this store keeps.</exception>
    ValueTask<ProjectionCheckpoint> ApplyAsync(IProjection projection, IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Parks an event the projection failed on and moves the checkpoint past it, in one atomic step.</summary>
    /// <param name="projection">The projection.</param>
    /// <param name="parked">The event and why; its position must follow the checkpoint (an earlier one is ignored).</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The checkpoint after the step.</returns>
    /// <exception cref="InvalidOperationException">The model was built by another version of the projection.</exception>
    /// <exception cref="NotSupportedException">The projection is not of the kind this store keeps.</exception>
    ValueTask<ProjectionCheckpoint> SkipAsync(IProjection projection, ParkedEvent parked, CancellationToken cancellationToken = default);

    /// <summary>
    /// Empties the model for the projection's current version, sets its checkpoint to position 0 and forgets its
    /// parked events, in one atomic step: the next catch-up rebuilds it from the start of the feed.
    /// </summary>
    /// <param name="projection">The projection.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the model is empty.</returns>
    /// <exception cref="NotSupportedException">The projection is not of the kind this store keeps.</exception>
    ValueTask ResetAsync(IProjection projection, CancellationToken cancellationToken = default);
}
