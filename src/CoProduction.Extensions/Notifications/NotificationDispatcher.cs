using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CoProduction.DependencyInjection;

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
/// and a restarted app offers each handler exactly what it missed.
/// </remarks>
public sealed class NotificationDispatcher : BackgroundService
{
    private readonly IEventStoreReader store;
    private readonly EventSerializer serializer;
    private readonly ICheckpointStore checkpoints;
    private readonly IReadOnlyList<INotificationHandler> handlers;
    private readonly NotificationSignal signal;
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
        IOptionsMonitor<CoProductionOptions> options,
        TimeProvider time,
        ILogger<NotificationDispatcher> logger)
    {
        this.store = store;
        this.serializer = serializer;
        this.checkpoints = checkpoints;
        this.handlers = [.. handlers];
        this.signal = signal;
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
                try
                {
                    var notification = new EventNotification(stored, serializer.Deserialize(stored));
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
