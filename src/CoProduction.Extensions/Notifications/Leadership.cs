using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CoProduction.Notifications;

/// <summary>
/// One service's claim on a named lease in the <see cref="ILeaseStore"/>: taken on the first <see cref="HoldAsync"/>,
/// renewed there once <see cref="CoProductionOptions.LeaseRenewal"/> has passed, given up by <see cref="ReleaseAsync"/>.
/// </summary>
/// <remarks>
/// Between renewals <see cref="HoldAsync"/> asks nothing of the store, so a caller may ask before every event it
/// delivers. It never answers yes once the lease it last obtained has expired by the app's clock, so a holder that was
/// paused past its lease stops instead of delivering beside the process that took over.
/// </remarks>
internal sealed class Leadership
{
    private readonly ILeaseStore store;
    private readonly IClock clock;
    private readonly IOptionsMonitor<CoProductionOptions> options;
    private readonly Lock gate = new();
    private Instant? renewedAt;
    private Instant heldUntil;

    public Leadership(ILeaseStore store, string lease, IClock clock, IOptionsMonitor<CoProductionOptions> options)
    {
        this.store = store;
        this.clock = clock;
        this.options = options;
        Lease = lease;
        Holder = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");
    }

    /// <summary>Gets the lease's name.</summary>
    public string Lease { get; }

    /// <summary>Gets this service's holder id: machine, process and a fresh id per app instance.</summary>
    public string Holder { get; }

    /// <summary>Whether this service holds the lease now, renewing or taking it when due.</summary>
    public async ValueTask<bool> HoldAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var current = options.CurrentValue;
        lock (gate)
        {
            if (renewedAt is { } at && now >= at && now < at + Duration.FromTimeSpan(current.LeaseRenewal) && now < heldUntil)
            {
                return true;
            }
        }

        var duration = Duration.FromTimeSpan(current.LeaseDuration);
        var held = await store.TryAcquireAsync(Lease, Holder, now, duration, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            renewedAt = held ? now : null;
            heldUntil = now + duration;
        }

        return held;
    }

    /// <summary>Gives the lease up, if this service holds it, so another process takes over at once.</summary>
    public async ValueTask ReleaseAsync()
    {
        lock (gate)
        {
            if (renewedAt is null)
            {
                return;
            }

            renewedAt = null;
        }

        await store.ReleaseAsync(Lease, Holder, CancellationToken.None).ConfigureAwait(false);
    }
}
