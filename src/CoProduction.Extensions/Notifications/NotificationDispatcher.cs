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
/// A handler that throws is logged and keeps its checkpoint before the failed event, which it is
/// offered again on the next pass; the other handlers carry on. The committed event is never lost,
/// and a restarted app offers each handler exactly what it missed. A poison event never stalls a handler:
/// one the app cannot read, or one the handler failed on <see cref="CoProductionOptions.NotificationAttempts"/>
/// passes in a row, is parked (<see cref="IParkedEventStore"/>) and the handler goes on with the next;
/// <see cref="RetryParkedAsync"/> offers the parked events again once the app is fixed.
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

    internal NotificationDispatcher(
        IEventStoreReader store,
        EventSerializer serializer,
        ICheckpointStore checkpoints,
        IEnumerable<INotificationHandler> handlers,
        NotificationSignal signal,
        IParkedEventStore parked,
        IClock clock,
        IOptionsMonitor<CoProductionOptions> options,
        TimeProvider time,
        ILogger<NotificationDispatcher> logger)
    {
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

    /// <summary>
    /// Offers every handler the events after its checkpoint, until it is up to date or fails. Passes
    /// never overlap: a call waits for a running pass to end.
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

            using var poll = new CancellationTokenSource(options.CurrentValue.NotificationPollInterval, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, stoppingToken);
            await signal.WaitAsync(either.Token).ConfigureAwait(false);
        }
    }

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

            var reached = checkpoint;
            foreach (var stored in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                EventNotification notification;
                try
                {
                    notification = new EventNotification(stored, serializer.Deserialize(stored));
                }
                catch (UnreadableEventException unreadable)
                {
                    // The same bytes and the same code fail the same way: parked at once, never retried in a loop.
                    await ParkAsync(handler, stored, unreadable, 1).ConfigureAwait(false);
                    reached = stored.Position;
                    continue;
                }

                try
                {
                    await handler.HandleAsync(notification, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await SaveAsync(handler, checkpoint, reached).ConfigureAwait(false);
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
                        reached = stored.Position;
                        continue;
                    }

                    Log.HandlerFailed(logger, exception, handler.Name, stored.Position, stored.EventName, stored.Stream.Value, reached);
                    await SaveAsync(handler, checkpoint, reached).ConfigureAwait(false);
                    return delivered;
                }

                Count(handler, "ok");
                reached = stored.Position;
                delivered++;
            }

            await SaveAsync(handler, checkpoint, reached).ConfigureAwait(false);
            Log.HandlerCaughtUp(logger, handler.Name, reached);
            checkpoint = reached;
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
                        await target.HandleAsync(new EventNotification(stored, serializer.Deserialize(stored)), cancellationToken).ConfigureAwait(false);
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

    private async Task SaveAsync(INotificationHandler handler, long from, long reached)
    {
        if (reached > from)
        {
            // Not cancellable: a handled event's checkpoint is worth keeping even while the app stops.
            await checkpoints.SetAsync(handler.Name, reached, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static void Count(INotificationHandler handler, string outcome)
        => CoProductionTelemetry.Delivered.Add(
            1,
            new KeyValuePair<string, object?>("coproduction.handler", handler.Name),
            new KeyValuePair<string, object?>("coproduction.outcome", outcome));
}
