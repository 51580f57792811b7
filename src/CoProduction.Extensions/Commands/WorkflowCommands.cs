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
    private readonly AccessGuard access;

    internal WorkflowCommands(
        IEventStore store, EventSerializer serializer, IClock clock, ICurrentActor currentActor, NotificationSignal signal, CommandRetry retry, AccessGuard access, ILogger<WorkflowCommands> logger)
    {
        this.access = access;
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
    /// <exception cref="CommandIdReusedException">The command id was recorded for another command (another step, other streams or another decision); nothing was written.</exception>
    /// <remarks>
    /// The command id is bound to the step: its fingerprint (the name <c>workflow</c>, the streams written and a hash
    /// of the events decided, see <see cref="CommandFingerprint"/>) is kept with it. A retry is recognised when a
    /// loaded stream already holds the id: the step is decided again on the state the recorded step saw, at its
    /// instant, and must decide the same.
    /// </remarks>
    public ValueTask<WorkflowResult> ExecuteAsync(
        Func<WorkflowStep, CancellationToken, ValueTask> decide,
        CommandId? commandId = null,
        Actor? actor = null,
        CancellationToken cancellationToken = default)
        => ExecuteAsync("workflow", decide, commandId, actor, cancellationToken);

    /// <summary>Runs a step as one command under a stable name, for example <c>amendment.submit</c>, kept in its fingerprint.</summary>
    internal async ValueTask<WorkflowResult> ExecuteAsync(
        string command,
        Func<WorkflowStep, CancellationToken, ValueTask> decide,
        CommandId? commandId,
        Actor? actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var id = commandId ?? new CommandId(Guid.NewGuid().ToString("N"));
        var by = AccessGuard.RequireActor(actor, currentActor, "a " + command + " step");
        using var activity = CoProductionTelemetry.Source.StartActivity("coproduction.workflow.execute");
        activity?.SetTag("coproduction.command_id", id.Value);
        for (var attempt = 1; ; attempt++)
        {
            var step = new WorkflowStep(store, serializer, new CommandContext(clock.GetCurrentInstant(), by, id));
            try
            {
                await decide(step, cancellationToken).ConfigureAwait(false);
            }
            catch (WorkflowStep.AlreadyRecorded recorded)
            {
                var replay = await RequireSameStepAsync(command, decide, new CommandContext(recorded.At, recorded.By, id), cancellationToken).ConfigureAwait(false);
                activity?.SetTag("coproduction.duplicate", true);
                return new WorkflowResult(await replay.ReloadAllAsync(cancellationToken).ConfigureAwait(false), null, WasDuplicate: true) { Retries = attempt - 1 };
            }

            var changed = step.Aggregates.Where(a => a.UncommittedEvents.Count > 0).ToList();
            if (changed.Count == 0)
            {
                return new WorkflowResult(step.Aggregates, null, WasDuplicate: false) { Retries = attempt - 1 };
            }

            foreach (var aggregate in changed)
            {
                await access.CheckAsync(aggregate, by, step.Context.Now, step.Aggregates, cancellationToken).ConfigureAwait(false);
            }

            var appends = changed.Select(a => new StreamAppend(a.StreamId, a.CommittedVersion, serializer.Serialize(a.UncommittedEvents))).ToList();
            try
            {
                var written = await store.AppendStreamsAsync(appends, id, CommandFingerprint.Of(command, appends), cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Decides the step again on the state the recorded step saw (each loaded stream up to the id's first event), at
    /// its instant and by its actor, and refuses when it decides otherwise than what was recorded.
    /// </summary>
    private async ValueTask<WorkflowStep> RequireSameStepAsync(
        string command, Func<WorkflowStep, CancellationToken, ValueTask> decide, CommandContext recorded, CancellationToken cancellationToken)
    {
        var replay = new WorkflowStep(store, serializer, recorded, replay: true);
        CommandFingerprint? attempted = null;
        try
        {
            await decide(replay, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandRejectedException)
        {
            attempted = new CommandFingerprint(command, string.Empty, "a step refused on the state the recorded command saw");
        }

        var original = CommandFingerprint.Of(command, await replay.RecordedAsync(cancellationToken).ConfigureAwait(false));
        attempted ??= CommandFingerprint.Of(command, [.. replay.Aggregates.Where(a => a.UncommittedEvents.Count > 0)
            .Select(a => new StreamAppend(a.StreamId, a.CommittedVersion, serializer.Serialize(a.UncommittedEvents)))]);
        if (attempted != original)
        {
            throw new CommandIdReusedException(recorded.CommandId, original, attempted);
        }

        return replay;
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

    private readonly bool replay;

    internal WorkflowStep(IEventStore store, EventSerializer serializer, CommandContext context, bool replay = false)
    {
        this.store = store;
        this.serializer = serializer;
        this.replay = replay;
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

        var recorded = FirstOf(stored, Context.CommandId);
        if (replay && recorded >= 0)
        {
            // Deciding again what the recorded step decided: the stream as that step saw it.
            if (recorded == 0)
            {
                return null;
            }

            var before = new List<StoredEvent>(recorded);
            for (var i = 0; i < recorded; i++)
            {
                before.Add(stored[i]);
            }

            stored = before;
        }

        var aggregate = TAggregate.Rehydrate(stream, serializer.Deserialize(stored));
        Track(aggregate);
        if (!replay && recorded >= 0)
        {
            throw new AlreadyRecorded(stored[recorded].RecordedAt, stored[recorded].Actor);
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

    /// <summary>What the step's command id recorded in the step's streams, in the order it was written.</summary>
    internal async ValueTask<IReadOnlyList<StreamAppend>> RecordedAsync(CancellationToken cancellationToken)
    {
        var parts = new List<(long Position, StreamAppend Part)>();
        foreach (var aggregate in aggregates)
        {
            var stored = await store.ReadStreamAsync(aggregate.StreamId, 1, cancellationToken).ConfigureAwait(false);
            var first = FirstOf(stored, Context.CommandId);
            if (first >= 0)
            {
                var events = stored.Where(e => e.CommandId == Context.CommandId).Select(e => new EventData(e.EventName, e.SchemaVersion, e.Payload, e.RecordedAt, e.Actor)).ToList();
                parts.Add((stored[first].Position, new StreamAppend(aggregate.StreamId, first, events)));
            }
        }

        return [.. parts.OrderBy(p => p.Position).Select(p => p.Part)];
    }

    private static int FirstOf(IReadOnlyList<StoredEvent> stored, CommandId id)
    {
        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i].CommandId == id)
            {
                return i;
            }
        }

        return -1;
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
    internal sealed class AlreadyRecorded(Instant at, Actor by) : Exception
    {
        /// <summary>Gets when the recorded step ran.</summary>
        public Instant At { get; } = at;

        /// <summary>Gets who ran it.</summary>
        public Actor By { get; } = by;
    }
}
