using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>
/// The events that projections and notification handlers set aside because they could not read or apply them,
/// kept beside the events so an operator can list them and, once the app is fixed, retry them.
/// </summary>
/// <remarks>
/// Projections park through <see cref="IProjectionStore.SkipAsync"/>, atomically with their checkpoint;
/// notification handlers park here. Projection and handler names share one namespace.
/// </remarks>
public interface IParkedEventStore
{
    /// <summary>Parks an event for a subscriber, replacing an earlier entry for the same subscriber and position.</summary>
    /// <param name="parked">The event and why.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the entry is stored.</returns>
    ValueTask ParkAsync(ParkedEvent parked, CancellationToken cancellationToken = default);

    /// <summary>Lists a subscriber's parked events in position order, a page at a time.</summary>
    /// <param name="subscriber">The projection's or handler's name.</param>
    /// <param name="afterPosition">The last position of the previous page (0 for the first page).</param>
    /// <param name="limit">The most entries to return; 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Entries with positions after <paramref name="afterPosition"/>, oldest first.</returns>
    ValueTask<IReadOnlyList<ParkedEvent>> ListAsync(string subscriber, long afterPosition = 0, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Counts parked events per subscriber.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Each subscriber with parked events and how many it has.</returns>
    ValueTask<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes one entry, for example after the event was delivered on a retry.</summary>
    /// <param name="subscriber">The projection's or handler's name.</param>
    /// <param name="position">The event's global position.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether an entry was removed.</returns>
    ValueTask<bool> RemoveAsync(string subscriber, long position, CancellationToken cancellationToken = default);
}
