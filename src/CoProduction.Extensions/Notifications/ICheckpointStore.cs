using System.Collections.Generic;
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

    /// <summary>
    /// Reads several subscribers' checkpoints in one go (the sweep asks which of the reminders due are already
    /// delivered, one key each): what <see cref="GetAsync"/> reads for each, in one round trip rather than one per key.
    /// </summary>
    /// <param name="subscribers">The subscribers' stable names; a name given twice is read once.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The last handled position of each subscriber that has one above 0; the others are left out.</returns>
    ValueTask<IReadOnlyDictionary<string, long>> GetManyAsync(IReadOnlyCollection<string> subscribers, CancellationToken cancellationToken = default);

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
