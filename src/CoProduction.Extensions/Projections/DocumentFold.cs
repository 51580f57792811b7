using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>What the runner calls on a document projection: fold a batch and write it with the checkpoint.</summary>
internal interface IDocumentFold
{
    ValueTask<ProjectionCheckpoint> StepAsync(
        IReadOnlyList<ProjectedEvent> events, IDocumentStore store, IProjectionStore checkpoints, AggregateSource aggregates, CancellationToken cancellationToken);
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
