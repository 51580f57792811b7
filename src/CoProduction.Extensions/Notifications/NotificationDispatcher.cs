using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CoProduction.DependencyInjection;
using NodaTime;

namespace CoProduction.Notifications;

/// <summary>
/// Offers committed events to every registered <see cref="INotificationHandler"/>, in global order,
/// at least once, each from its own checkpoint in the <see cref="ICheckpointStore"/>. Runs as a hosted
/// service: a pass right after this app commits events, and one every
/// <see cref="CoProductionOptions.NotificationPollInterval"/> for events other processes committed.
/// </summary>
/// <remarks>
/// <para>
/// Only one process delivers at a time: the one holding the <c>coproduction.dispatcher</c> lease in the
/// <see cref="ILeaseStore"/> (<see cref="CoProductionOptions.LeaseDuration"/>, renewed every
/// <see cref="CoProductionOptions.LeaseRenewal"/>); the others deliver nothing until it lapses, then one of them takes over
/// from the checkpoints. Each handler's checkpoint is stored after every event it handled, so a crash offers a handler
/// again at most the one event it was handling; <see cref="EventNotification.DeliveryId"/> lets the effect's receiver drop it.
/// </para>
/// <para>
/// A handler that throws is logged and keeps its checkpoint before the failed event, which it is
/// offered again on the next pass; the other handlers carry on. The committed event is never lost,
/// and a restarted app offers each handler exactly what it missed. A poison event never stalls a handler:
/// one the app cannot read, or one the handler failed on <see cref="CoProductionOptions.NotificationAttempts"/>
/// passes in a row, is parked (<see cref="IParkedEventStore"/>) and the handler goes on with the next;
/// <see cref="RetryParkedAsync"/> offers the parked events again once the app is fixed.
/// </para>
/// </remarks>
public sealed class NotificationDispatcher : BackgroundService
{
    private readonly IEventStoreReader store;
    private readonly EventSerializer serializer;
    private readonly ICheckpointStore checkpoints;
    private readonly IReadOnlyList<INotificationHandler> handlers;
    private readonly NotificationSignal.Listener signal;
    private readonly IParkedEventStore parked;
    private readonly IClock clock;
    private readonly Dictionary<string, (long Position, int Failures)> failures = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<CoProductionOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim onePass = new(1, 1);
    private readonly Leadership leadership;

    internal NotificationDispatcher(
        IEventStoreReader store,
        EventSerializer serializer,
        ICheckpointStore checkpoints,
        IEnumerable<INotificationHandler> handlers,
        NotificationSignal signal,
        IParkedEventStore parked,
        ILeaseStore leases,
        IClock clock,
        IOptionsMonitor<CoProductionOptions> options,
        TimeProvider time,
        ILogger<NotificationDispatcher> logger)
    {
        leadership = new Leadership(leases, LeaseName, clock, options);
        this.store = store;
        this.serializer = serializer;
        this.checkpoints = checkpoints;
        this.handlers = [.. handlers];
        this.signal = signal.Listen();
        this.parked = parked;
        this.clock = clock;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The name of the lease that elects the one delivering process: <c>coproduction.dispatcher</c>.</summary>
    public const string LeaseName = "coproduction.dispatcher";

    /// <summary>
    /// Offers every handler the events after its checkpoint, until it is up to date or fails. Passes
    /// never overlap: a call waits for a running pass to end. Delivers nothing while another process holds the lease.
    /// </summary>
    /// <param name="cancellationToken">Cancels the pass between events; checkpoints stay where the pass got to.</param>
    /// <returns>The number of events handled successfully, summed over handlers.</returns>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken = default)
    {
        await onePass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var delivered = 0;
            foreach (var handler in handlers)
            {
                if (!await leadership.HoldAsync(cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                delivered += await CatchUpAsync(handler, cancellationToken).ConfigureAwait(false);
            }

            return delivered;
        }
        finally
        {
            onePass.Release();
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (handlers.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing pass (store offline, unreadable event) must not stop the service: it is logged and tried again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.DispatchFailed(logger, exception);
            }

            // Wakes in time to renew the lease (or to ask for it again) even when no event comes.
            var current = options.CurrentValue;
            using var poll = new CancellationTokenSource(Min(current.NotificationPollInterval, current.LeaseRenewal), time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, stoppingToken);
            await signal.WaitAsync(either.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Gives the lease up as the app stops, so another process takes over at once rather than when it lapses.</summary>
    /// <param name="cancellationToken">Ends a graceful stop.</param>
    /// <returns>A task that completes when the service stopped.</returns>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await onePass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await leadership.ReleaseAsync().ConfigureAwait(false);
        }
        finally
        {
            onePass.Release();
        }
    }

    /// <summary>Gives the lease up (when the app was not stopped first) and stops the service.</summary>
    public override void Dispose()
    {
        try
        {
            leadership.ReleaseAsync().AsTask().GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // The store may already be gone; the lease then lapses on its own.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.DispatchFailed(logger, exception);
        }

        base.Dispose();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task<int> CatchUpAsync(INotificationHandler handler, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.GetAsync(handler.Name, cancellationToken).ConfigureAwait(false);
        var batchSize = options.CurrentValue.NotificationBatchSize;
        var delivered = 0;
        while (true)
        {
            var batch = await store.ReadAllAsync(checkpoint, batchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return delivered;
            }

            foreach (var stored in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!await leadership.HoldAsync(cancellationToken).ConfigureAwait(false))
                {
                    // Another process took over (this one was paused past its lease): it goes on from the checkpoint.
                    return delivered;
                }

                EventNotification notification;
                try
                {
                    notification = new EventNotification(stored, serializer.Deserialize(stored), handler.Name);
                }
                catch (UnreadableEventException unreadable)
                {
                    // The same bytes and the same code fail the same way: parked at once, never retried in a loop.
                    await ParkAsync(handler, stored, unreadable, 1).ConfigureAwait(false);
                    checkpoint = await SaveAsync(handler, checkpoint, stored.Position).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await handler.HandleAsync(notification, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // A handler's failure is its own: logged, retried next pass, never fatal to the others.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    Count(handler, "failed");
                    var attempts = Failed(handler, stored.Position);
                    if (attempts >= options.CurrentValue.NotificationAttempts)
                    {
                        await ParkAsync(handler, stored, exception, attempts).ConfigureAwait(false);
                        checkpoint = await SaveAsync(handler, checkpoint, stored.Position).ConfigureAwait(false);
                        continue;
                    }

                    Log.HandlerFailed(logger, exception, handler.Name, stored.Position, stored.EventName, stored.Stream.Value, checkpoint);
                    return delivered;
                }

                // Stored after every event: a crash now offers this handler again at most the one event it was handling.
                checkpoint = await SaveAsync(handler, checkpoint, stored.Position).ConfigureAwait(false);
                Count(handler, "ok");
                delivered++;
            }

            Log.HandlerCaughtUp(logger, handler.Name, checkpoint);
            if (batch.Count < batchSize)
            {
                return delivered;
            }
        }
    }

    /// <summary>
    /// Offers a handler its parked events again, oldest first, for example after the handler or the app's event
    /// registry was fixed. A delivered event leaves the parked list; one that fails again stays, with the new reason.
    /// </summary>
    /// <param name="handler">The handler's name.</param>
    /// <param name="cancellationToken">Cancels the retry between events.</param>
    /// <returns>How many parked events were delivered.</returns>
    /// <exception cref="ArgumentException">No registered handler has this name.</exception>
    public async Task<int> RetryParkedAsync(string handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        var target = FindHandler(handler);
        await onePass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var delivered = 0;
            long after = 0;
            while (await parked.ListAsync(handler, after, 100, cancellationToken).ConfigureAwait(false) is { Count: > 0 } page)
            {
                foreach (var entry in page)
                {
                    after = entry.Position;
                    var found = await store.ReadAllAsync(entry.Position - 1, 1, cancellationToken).ConfigureAwait(false);
                    if (found is not [{ } stored] || stored.Position != entry.Position)
                    {
                        continue;
                    }

                    try
                    {
                        await target.HandleAsync(new EventNotification(stored, serializer.Deserialize(stored), target.Name), cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        throw;
                    }
#pragma warning disable CA1031 // Still failing: it stays parked with the new reason.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        await parked.ParkAsync(Parking.Of(handler, stored, exception, clock.GetCurrentInstant()), CancellationToken.None).ConfigureAwait(false);
                        continue;
                    }

                    Count(target, "ok");
                    await parked.RemoveAsync(handler, entry.Position, CancellationToken.None).ConfigureAwait(false);
                    delivered++;
                }
            }

            return delivered;
        }
        finally
        {
            onePass.Release();
        }
    }

    private INotificationHandler FindHandler(string name)
    {
        foreach (var handler in handlers)
        {
            if (string.Equals(handler.Name, name, StringComparison.Ordinal))
            {
                return handler;
            }
        }

        throw new ArgumentException($"No notification handler is named '{name}'.", nameof(name));
    }

    private int Failed(INotificationHandler handler, long position)
    {
        var attempts = failures.TryGetValue(handler.Name, out var last) && last.Position == position ? last.Failures + 1 : 1;
        failures[handler.Name] = (position, attempts);
        return attempts;
    }

    private async Task ParkAsync(INotificationHandler handler, StoredEvent stored, Exception error, int attempts)
    {
        failures.Remove(handler.Name);
        await parked.ParkAsync(Parking.Of(handler.Name, stored, error, clock.GetCurrentInstant()), CancellationToken.None).ConfigureAwait(false);
        CoProductionTelemetry.Parked.Add(1, new KeyValuePair<string, object?>("coproduction.subscriber", handler.Name));
        Log.HandlerParked(logger, error, handler.Name, stored.Position, stored.EventName, stored.Stream.Value, attempts);
    }

    private async Task<long> SaveAsync(INotificationHandler handler, long from, long reached)
    {
        if (reached > from)
        {
            // Not cancellable: a handled event's checkpoint is worth keeping even while the app stops.
            await checkpoints.SetAsync(handler.Name, reached, CancellationToken.None).ConfigureAwait(false);
        }

        return Math.Max(from, reached);
    }

    private static void Count(INotificationHandler handler, string outcome)
        => CoProductionTelemetry.Delivered.Add(
            1,
            new KeyValuePair<string, object?>("coproduction.handler", handler.Name),
            new KeyValuePair<string, object?>("coproduction.outcome", outcome));
}
