using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Persistence;

/// <summary>Reads streams forward and the whole store in global order.</summary>
public interface IEventStoreReader
{
    /// <summary>Reads a stream forward.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="fromVersion">The first version to return (1 for the whole stream).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events in version order; empty when the stream does not exist or has fewer events.</returns>
    ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        StreamId stream,
        long fromVersion = 1,
        CancellationToken cancellationToken = default);

    /// <summary>Reads every stream's events in global order, after a checkpoint.</summary>
    /// <param name="afterPosition">The last position already seen (0 to start at the beginning).</param>
    /// <param name="maxCount">The most events to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Events with positions greater than <paramref name="afterPosition"/>, in increasing position order.</returns>
    ValueTask<IReadOnlyList<StoredEvent>> ReadAllAsync(
        long afterPosition,
        int maxCount,
        CancellationToken cancellationToken = default);

    /// <summary>Reads the global position of the last committed event: the head of the feed that projections follow.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The highest committed position, or 0 when the store is empty.</returns>
    ValueTask<long> ReadLastPositionAsync(CancellationToken cancellationToken = default);
}
