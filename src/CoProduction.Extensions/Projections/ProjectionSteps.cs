using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>The one fold of a step that every projection store runs: the events past the checkpoint, in order, each failure named by its event.</summary>
internal static class ProjectionSteps
{
    /// <summary>
    /// Folds the events after <paramref name="from"/> one by one (those at or before it were folded by an earlier step and
    /// are passed over). A failure of the fold that <paramref name="isProjections"/> owns to the projection becomes
    /// <see cref="ProjectionFailedException"/> naming the event, for the runner to park it; cancellation and the store's own
    /// failures pass through as they are.
    /// </summary>
    /// <param name="projection">The projection's name, for the failure.</param>
    /// <param name="events">The step's events, in feed order.</param>
    /// <param name="from">The checkpoint's position.</param>
    /// <param name="apply">Folds one event.</param>
    /// <param name="isProjections">Whether a failure is the projection's (not the store's).</param>
    /// <param name="cancellationToken">Checked before each event.</param>
    /// <returns>The position of the last event folded; <paramref name="from"/> when none was.</returns>
    public static async ValueTask<long> FoldAsync(
        string projection,
        IReadOnlyList<ProjectedEvent> events,
        long from,
        Func<ProjectedEvent, ValueTask> apply,
        Func<Exception, bool> isProjections,
        CancellationToken cancellationToken)
    {
        var reached = from;
        foreach (var e in events)
        {
            if (e.Stored.Position <= reached)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await apply(e).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && isProjections(ex))
            {
                throw new ProjectionFailedException(projection, e.Stored, ex);
            }

            reached = e.Stored.Position;
        }

        return reached;
    }
}
