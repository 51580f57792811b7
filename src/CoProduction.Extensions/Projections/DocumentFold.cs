using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>What the runner calls on a document projection: fold a batch and write it with the checkpoint, alone or beside others.</summary>
internal interface IDocumentFold
{
    /// <summary>Folds a batch and commits it with the checkpoint, on its own (a parking retry, a test).</summary>
    ValueTask<ProjectionCheckpoint> StepAsync(
        IReadOnlyList<ProjectedEvent> events, IDocumentStore store, IProjectionStore checkpoints, AggregateSource aggregates, CancellationToken cancellationToken);

    /// <summary>Starts a step from a checkpoint: the runner hands it each event of the batch, then commits what it completes together with the other projections' steps.</summary>
    /// <param name="store">The store the batch reads the committed model from.</param>
    /// <param name="aggregates">The aggregates the fold reads, as of each event.</param>
    /// <param name="from">The checkpoint the step folds from.</param>
    IDocumentStep Begin(IDocumentStore store, AggregateSource aggregates, long from);
}

/// <summary>One projection's fold of one batch, in memory until its commit.</summary>
internal interface IDocumentStep
{
    /// <summary>Gets the projection.</summary>
    IDocumentProjection Projection { get; }

    /// <summary>Gets the position of the last event folded, or the checkpoint the step began from.</summary>
    long Reached { get; }

    /// <summary>Folds one event; one at or before <see cref="Reached"/> is skipped.</summary>
    /// <exception cref="ProjectionFailedException">The projection failed on the event; the step is to be dropped.</exception>
    ValueTask ApplyAsync(ProjectedEvent e, CancellationToken cancellationToken);

    /// <summary>Finishes the batch's work; <see langword="null"/> when no event was folded.</summary>
    /// <exception cref="ProjectionFailedException">The projection failed summarizing; the step is to be dropped.</exception>
    ValueTask<DocumentCommit?> CompleteAsync(CancellationToken cancellationToken);
}

/// <summary>A store read that failed while a document projection folded: the store's failure (tried again next pass), not the projection's (parked).</summary>
internal sealed class ReadSideStoreException(Exception inner) : Exception(inner.Message, inner)
{
    /// <summary>Runs a store read, marking its failures as the store's.</summary>
    public static async ValueTask<T> Guard<T>(ValueTask<T> read)
    {
        try
        {
            return await read.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ReadSideStoreException(ex);
        }
    }

    /// <summary>Throws the store's own error again, with its stack.</summary>
    public void Rethrow() => ExceptionDispatchInfo.Capture(InnerException!).Throw();
}
