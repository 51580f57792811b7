using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Notifications;

/// <summary>
/// Remembers, per subscriber, the global position of the last event it handled, so that a
/// restarted app offers each handler exactly what it missed.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>Reads a subscriber's checkpoint.</summary>
    /// <param name="subscriber">The subscriber's stable name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The last handled position, or 0 when the subscriber has handled nothing.</returns>
    ValueTask<long> GetAsync(string subscriber, CancellationToken cancellationToken = default);

    /// <summary>Stores a subscriber's checkpoint.</summary>
    /// <param name="subscriber">The subscriber's stable name.</param>
    /// <param name="position">The last handled position; never lower than the stored one.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the checkpoint is stored.</returns>
    ValueTask SetAsync(string subscriber, long position, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a subscriber's checkpoint back to <paramref name="position"/> (0: the start of the feed),
    /// so that it is offered every later event again — how an app rebuilds its own read model.
    /// </summary>
    /// <param name="subscriber">The subscriber's stable name.</param>
    /// <param name="position">The position to go back to; 0 by default.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the checkpoint is stored.</returns>
    ValueTask ResetAsync(string subscriber, long position = 0, CancellationToken cancellationToken = default);
}
