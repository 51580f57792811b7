using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Notifications;

/// <summary>Checkpoints in memory: right with the in-memory store, lost with the process.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, long> checkpoints = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<long> GetAsync(string subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriber);
        return ValueTask.FromResult(checkpoints.TryGetValue(subscriber, out var position) ? position : 0);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyDictionary<string, long>> GetManyAsync(IReadOnlyCollection<string> subscribers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var subscriber in subscribers)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(subscriber, nameof(subscribers));
            if (checkpoints.TryGetValue(subscriber, out var position) && position > 0)
            {
                found[subscriber] = position;
            }
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, long>>(found);
    }

    /// <inheritdoc/>
    public ValueTask SetAsync(string subscriber, long position, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriber);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        checkpoints.AddOrUpdate(subscriber, position, (_, old) => Math.Max(old, position));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask ResetAsync(string subscriber, long position = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriber);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        checkpoints[subscriber] = position;
        return ValueTask.CompletedTask;
    }
}
