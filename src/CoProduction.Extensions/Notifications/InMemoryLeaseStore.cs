using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;

namespace CoProduction.Notifications;

/// <summary>Leases in memory: right with the in-memory store, whose events live in one process anyway.</summary>
public sealed class InMemoryLeaseStore : ILeaseStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (string Holder, Instant Until)> leases = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<bool> TryAcquireAsync(string lease, string holder, Instant now, Duration duration, CancellationToken cancellationToken = default)
    {
        LeaseArguments.Check(lease, holder, duration);
        lock (gate)
        {
            if (leases.TryGetValue(lease, out var held) && !string.Equals(held.Holder, holder, StringComparison.Ordinal) && held.Until > now)
            {
                return ValueTask.FromResult(false);
            }

            leases[lease] = (holder, now + duration);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask ReleaseAsync(string lease, string holder, CancellationToken cancellationToken = default)
    {
        LeaseArguments.Check(lease, holder);
        lock (gate)
        {
            if (leases.TryGetValue(lease, out var held) && string.Equals(held.Holder, holder, StringComparison.Ordinal))
            {
                leases.Remove(lease);
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The argument checks every <see cref="ILeaseStore"/> makes, with the same messages.</summary>
internal static class LeaseArguments
{
    /// <summary>Checks a lease request.</summary>
    public static void Check(string lease, string holder, Duration duration)
    {
        Check(lease, holder);
        if (duration <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(duration), duration, $"A lease on '{lease}' was asked for {duration}; a lease lasts a positive time, so that it lapses if its holder dies.");
        }
    }

    /// <summary>Checks a lease's and a holder's names.</summary>
    public static void Check(string lease, string holder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lease);
        ArgumentException.ThrowIfNullOrWhiteSpace(holder);
    }
}
