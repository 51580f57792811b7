using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Events;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Telemetry;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace CoProduction.Commands;

/// <summary>
/// Runs a step that touches several aggregates as one command: load them, let the aggregates decide (each through its
/// own commands, the domain stays pure), and write every aggregate's new events in one atomic write with one command
/// id. A conflict on any stream retries the whole step from fresh loads, under the same policy as single-aggregate
/// commands (<see cref="DependencyInjection.CoProductionOptions.CommandAttempts"/>); a repeated command id returns the
/// first outcome and writes nothing.
/// </summary>
/// <remarks>Registered scoped by <c>AddCoProduction</c>. The library's own workflows (<see cref="AmendmentWorkflow"/>, <see cref="CycleCommands.StartNextAsync"/>) are built on it.</remarks>
public sealed class WorkflowCommands
{
    private readonly IEventStore store;
    private readonly EventSerializer serializer;
    private readonly IClock clock;
    private readonly ICurrentActor currentActor;
    private readonly NotificationSignal signal;
    private readonly CommandRetry retry;
    private readonly ILogger logger;

    internal WorkflowCommands(
        IEventStore store, EventSerializer serializer, IClock clock, ICurrentActor currentActor, NotificationSignal signal, CommandRetry retry, ILogger<WorkflowCommands> logger)
    {
        this.store = store;
        this.serializer = serializer;
        this.clock = clock;
        this.currentActor = currentActor;
        this.signal = signal;
        this.retry = retry;
        this.logger = logger;
    }

    /// <summary>Runs a step across aggregates as one command.</summary>
    /// <param name="decide">Loads the aggregates through the step and runs their commands; throwing refuses the whole step and writes nothing.</param>
    /// <param name="commandId">The command's id, for idempotency; a new one when <see langword="null"/>.</param>
    /// <param name="actor">Who acts; the registered <see cref="ICurrentActor"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the step before its write is committed.</param>
    /// <returns>The aggregates the step loaded or created, what was written, and how many times the step was retried.</returns>
    /// <exception cref="CommandRejectedException">An aggregate refused its command; nothing was written.</exception>
    /// <exception cref="ConcurrencyException">Other writers kept changing the streams through every try.</exception>
    public async ValueTask<WorkflowResult> ExecuteAsync(
        Func<WorkflowStep, CancellationToken, ValueTask> decide,
        CommandId? commandId = null,
        Actor? actor = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var id = commandId ?? new CommandId(Guid.NewGuid().ToString("N"));
        var by = actor ?? currentActor.Current;
        using var activity = CoProductionTelemetry.Source.StartActivity("coproduction.workflow.execute");
        activity?.SetTag("coproduction.command_id", id.Value);
        for (var attempt = 1; ; attempt++)
        {
            var step = new WorkflowStep(store, serializer, new CommandContext(clock.GetCurrentInstant(), by, id));
            try
            {
                await decide(step, cancellationToken).ConfigureAwait(false);
            }
            catch (WorkflowStep.AlreadyRecorded)
            {
                activity?.SetTag("coproduction.duplicate", true);
                return new WorkflowResult(step.Aggregates, null, WasDuplicate: true) { Retries = attempt - 1 };
            }

            var changed = step.Aggregates.Where(a => a.UncommittedEvents.Count > 0).ToList();
            if (changed.Count == 0)
            {
                return new WorkflowResult(step.Aggregates, null, WasDuplicate: false) { Retries = attempt - 1 };
            }

            var appends = changed.Select(a => new StreamAppend(a.StreamId, a.CommittedVersion, serializer.Serialize(a.UncommittedEvents))).ToList();
            try
            {
                var written = await store.AppendStreamsAsync(appends, id, cancellationToken).ConfigureAwait(false);
                if (written.WasDuplicate)
                {
                    // Another process recorded this very step between our reads and our write: show what it recorded.
                    return new WorkflowResult(await step.ReloadAllAsync(cancellationToken).ConfigureAwait(false), written, WasDuplicate: true) { Retries = attempt - 1 };
                }

                foreach (var aggregate in changed)
                {
                    ((IHistoryCommitter)aggregate).MarkCommitted();
                }

                signal.Notify();
                activity?.SetTag("coproduction.attempts", attempt);
                return new WorkflowResult(step.Aggregates, written, WasDuplicate: false) { Retries = attempt - 1 };
            }
            catch (ConcurrencyException conflict) when (retry.Again(attempt))
            {
                CoProductionTelemetry.Conflicts.Add(1, new KeyValuePair<string, object?>("coproduction.aggregate", "workflow"));
                Log.RetryingAfterConflict(logger, id.Value, conflict.Stream.Value, conflict.ExpectedVersion, conflict.ActualVersion);
                await retry.PauseAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>
/// One try of a workflow: the aggregates it loaded (each once) and created, and the command's context. The workflow
/// writes every one of them that recorded events, together.
/// </summary>
public sealed class WorkflowStep
{
    private readonly IEventStore store;
    private readonly EventSerializer serializer;
    private readonly List<IEventSourcedAggregate> aggregates = [];
    private readonly List<Func<CancellationToken, ValueTask<IEventSourcedAggregate?>>> reloads = [];

    internal WorkflowStep(IEventStore store, EventSerializer serializer, CommandContext context)
    {
        this.store = store;
        this.serializer = serializer;
        Context = context;
    }

    /// <summary>Gets when, by whom and under which command id the step runs.</summary>
    public CommandContext Context { get; }

    /// <summary>Gets the aggregates loaded or added so far, in that order.</summary>
    public IReadOnlyList<IEventSourcedAggregate> Aggregates => aggregates;

    /// <summary>Loads an aggregate for the step (the same instance when loaded twice).</summary>
    /// <typeparam name="TAggregate">The aggregate type.</typeparam>
    /// <param name="stream">Its stream, for example <c>AggregateRepository&lt;Protocol&gt;.StreamOf(id)</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate.</returns>
    /// <exception cref="AggregateNotFoundException">The stream is empty.</exception>
    public async ValueTask<TAggregate> LoadAsync<TAggregate>(StreamId stream, CancellationToken cancellationToken = default)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
        => await TryLoadAsync<TAggregate>(stream, cancellationToken).ConfigureAwait(false)
            ?? throw new AggregateNotFoundException(stream, TAggregate.StreamCategory);

    /// <summary>Loads an aggregate for the step if its stream has events.</summary>
    /// <typeparam name="TAggregate">The aggregate type.</typeparam>
    /// <param name="stream">Its stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate, or <see langword="null"/> when the stream is empty.</returns>
    public async ValueTask<TAggregate?> TryLoadAsync<TAggregate>(StreamId stream, CancellationToken cancellationToken = default)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
    {
        if (aggregates.FirstOrDefault(a => a.StreamId == stream) is { } loaded)
        {
            return loaded as TAggregate ?? throw new ArgumentException($"Stream '{stream}' is loaded as a {loaded.GetType().Name}, not a {typeof(TAggregate).Name}.", nameof(stream));
        }

        var stored = await store.ReadStreamAsync(stream, 1, cancellationToken).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            return null;
        }

        var aggregate = TAggregate.Rehydrate(stream, serializer.Deserialize(stored));
        Track(aggregate);
        if (stored.Any(e => e.CommandId == Context.CommandId))
        {
            throw new AlreadyRecorded();
        }

        return aggregate;
    }

    /// <summary>Adds an aggregate the step created (a new cycle, a new deviation), to be written with the others.</summary>
    /// <typeparam name="TAggregate">The aggregate type.</typeparam>
    /// <param name="created">The new aggregate.</param>
    /// <exception cref="ArgumentException">An aggregate of the same stream is in the step already.</exception>
    public void Add<TAggregate>(TAggregate created)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
    {
        ArgumentNullException.ThrowIfNull(created);
        if (aggregates.Any(a => a.StreamId == created.StreamId))
        {
            throw new ArgumentException($"Stream '{created.StreamId}' is in the step already.", nameof(created));
        }

        Track(created);
    }

    /// <summary>The step's aggregates as the store holds them now, for the outcome of a step another process recorded.</summary>
    internal async ValueTask<IReadOnlyList<IEventSourcedAggregate>> ReloadAllAsync(CancellationToken cancellationToken)
    {
        var now = new List<IEventSourcedAggregate>(reloads.Count);
        foreach (var reload in reloads)
        {
            if (await reload(cancellationToken).ConfigureAwait(false) is { } aggregate)
            {
                now.Add(aggregate);
            }
        }

        return now;
    }

    private async ValueTask<TAggregate?> ReadAsync<TAggregate>(StreamId stream, CancellationToken cancellationToken)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
    {
        var stored = await store.ReadStreamAsync(stream, 1, cancellationToken).ConfigureAwait(false);
        return stored.Count == 0 ? null : TAggregate.Rehydrate(stream, serializer.Deserialize(stored));
    }

    private void Track<TAggregate>(TAggregate aggregate)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
    {
        aggregates.Add(aggregate);
        var stream = aggregate.StreamId;
        reloads.Add(async ct => await ReadAsync<TAggregate>(stream, ct).ConfigureAwait(false));
    }

    /// <summary>Thrown inside a try when a loaded stream already holds the command: the step was recorded before.</summary>
    internal sealed class AlreadyRecorded : Exception
    {
    }
}
