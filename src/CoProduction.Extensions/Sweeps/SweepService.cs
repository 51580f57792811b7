using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Notifications;
using CoProduction.Scheduling;
using CoProduction.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using CoProduction.DependencyInjection;

namespace CoProduction.Sweeps;

/// <summary>
/// The background sweep, run at start and then every <see cref="CoProductionOptions.SweepInterval"/>:
/// records the explicit expiry of protocols whose approval period has passed, plans the reminders due
/// now (<see cref="ReminderSchedule"/>) from every <see cref="IReminderSource"/>, and hands each new one
/// to every <see cref="IReminderHandler"/>, once per handler and reminder id.
/// </summary>
/// <remarks>
/// "Now" is the registered <see cref="IClock"/>; the wait between sweeps uses the registered
/// <see cref="TimeProvider"/> (else the system's). Delivered reminder ids are remembered in the
/// <see cref="ICheckpointStore"/> (key <c>reminder/{handler}/{id}</c>) right after each delivery, so with the SQLite
/// store a restarted app does not send them again, and a crash repeats at most the one reminder a handler was handling.
/// Only one process sweeps at a time: each sweep takes the <c>coproduction.sweep</c> lease in the <see cref="ILeaseStore"/>
/// and gives it up when done; a process that finds it held skips the sweep (<see cref="SweepResult.Swept"/> is
/// <see langword="false"/>), and a lease left by a killed process lapses after <see cref="CoProductionOptions.LeaseDuration"/>.
/// A failed sweep is logged and tried again next interval.
/// </remarks>
public sealed class SweepService : BackgroundService
{
    private readonly IClock clock;
    private readonly ProtocolSweep protocols;
    private readonly TimeProvider time;
    private readonly IReadOnlyList<IReminderSource> sources;
    private readonly IReadOnlyList<IReminderHandler> handlers;
    private readonly ICheckpointStore delivered;
    private readonly ReminderPolicy policy;
    private readonly IOptionsMonitor<CoProductionOptions> options;
    private readonly ILogger logger;
    private readonly SemaphoreSlim onePass = new(1, 1);
    private readonly Leadership leadership;

    internal SweepService(
        IClock clock,
        ProtocolSweep protocols,
        TimeProvider time,
        IEnumerable<IReminderSource> sources,
        IEnumerable<IReminderHandler> handlers,
        ICheckpointStore delivered,
        ILeaseStore leases,
        ReminderPolicy policy,
        IOptionsMonitor<CoProductionOptions> options,
        ILogger<SweepService> logger)
    {
        leadership = new Leadership(leases, LeaseName, clock, options);
        this.clock = clock;
        this.protocols = protocols;
        this.time = time;
        this.sources = [.. sources];
        this.handlers = [.. handlers];
        this.delivered = delivered;
        this.policy = policy;
        this.options = options;
        this.logger = logger;
    }

    /// <summary>The name of the lease that elects the one sweeping process: <c>coproduction.sweep</c>.</summary>
    public const string LeaseName = "coproduction.sweep";

    /// <summary>
    /// Runs one sweep now. Sweeps never overlap: a call waits for a running sweep to end, and does nothing while another
    /// process sweeps (holds the lease).
    /// </summary>
    /// <param name="cancellationToken">Cancels the sweep between steps.</param>
    /// <returns>What the sweep did; <see cref="SweepResult.Swept"/> is <see langword="false"/> when another process was sweeping.</returns>
    public async Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await onePass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await leadership.HoldAsync(cancellationToken).ConfigureAwait(false))
            {
                return new SweepResult(0, [], 0) { Swept = false };
            }

            var now = clock.GetCurrentInstant();
            var (expired, approvals) = await protocols.RunAsync(now, cancellationToken).ConfigureAwait(false);

            var inputs = new ReminderInputs();
            foreach (var source in sources)
            {
                var more = await source.CollectAsync(now, cancellationToken).ConfigureAwait(false);
                inputs = inputs.Concat(more);
            }

            var due = ReminderSchedule.Due(inputs, now, policy)
                .Concat(approvals)
                .OrderBy(r => r.DueAt)
                .ThenBy(r => r.Id, StringComparer.Ordinal)
                .ToList();
            var count = 0;
            foreach (var handler in handlers)
            {
                count += await DeliverAsync(handler, due, cancellationToken).ConfigureAwait(false);
            }

            return new SweepResult(expired, due, count);
        }
        finally
        {
            try
            {
                // Given up after every sweep (even a failed one): whichever process sweeps next reads what this one recorded.
                await leadership.ReleaseAsync().ConfigureAwait(false);
            }
            finally
            {
                onePass.Release();
            }
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing sweep (store offline, a bad history) must not stop the service: logged, tried again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.SweepFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.CurrentValue.SweepInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<int> DeliverAsync(IReminderHandler handler, IReadOnlyList<Reminder> due, CancellationToken cancellationToken)
    {
        var count = 0;
        var keys = new string[due.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = "reminder/" + handler.Name + "/" + due[i].Id;
        }

        // Which are delivered already: one read for the whole list, not one per reminder.
        var done = await delivered.GetManyAsync(keys, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < keys.Length; i++)
        {
            var (key, reminder) = (keys[i], due[i]);
            if (done.ContainsKey(key))
            {
                continue;
            }

            if (!await leadership.HoldAsync(cancellationToken).ConfigureAwait(false))
            {
                // This sweep outlived its lease and another process took over: it delivers the rest.
                return count;
            }

            try
            {
                await handler.HandleAsync(reminder, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One handler's failure is logged and retried next sweep; the others carry on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.ReminderHandlerFailed(logger, exception, handler.Name, reminder.Id);
                continue;
            }

            // Recorded right after the delivery, before the next one: a crash repeats at most this reminder, to this handler.
            await delivered.SetAsync(key, 1, CancellationToken.None).ConfigureAwait(false);
            CoProductionTelemetry.Reminders.Add(1, new KeyValuePair<string, object?>("coproduction.reminder.kind", reminder.Kind.ToString()));
            count++;
        }

        return count;
    }
}
