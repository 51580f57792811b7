using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Events;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace CoProduction.Commands;

/// <summary>
/// The command runner behind <see cref="IAggregateCommands{TAggregate}"/> and the typed facades:
/// load, prepare (for example the cycle's rules), decide, save, retry once on a conflict.
/// </summary>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
internal sealed class AggregateCommands<TAggregate>(
    IEventStore store,
    EventSerializer serializer,
    AggregateRepository<TAggregate> repository,
    IClock clock,
    ICurrentActor currentActor,
    NotificationSignal signal,
    CommandRetry retry,
    AccessGuard access,
    ILogger<AggregateCommands<TAggregate>>? logger = null) : IAggregateCommands<TAggregate>
    where TAggregate : class, IEventSourcedAggregate<TAggregate>
{
    private static readonly Func<TAggregate, CommandContext, CancellationToken, ValueTask<CommandContext>> AsIs =
        static (_, context, _) => ValueTask.FromResult(context);

    private readonly ILogger log = logger ?? NullLogger<AggregateCommands<TAggregate>>.Instance;

    public ValueTask<CommandResult<TAggregate>> ExecuteAsync<TId>(
        TId id,
        Action<TAggregate, CommandContext> decide,
        CommandId? commandId = null,
        Actor? actor = null,
        CancellationToken cancellationToken = default)
        where TId : struct, IStringId<TId>
        => RunAsync(AggregateRepository<TAggregate>.StreamOf(id), AsIs, decide, commandId, actor, cancellationToken);

    public async ValueTask<CommandResult<TAggregate>> CreateAsync(
        Func<CommandContext, TAggregate> create,
        CommandId? commandId = null,
        Actor? actor = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        var id = commandId ?? NewCommandId();
        var context = new CommandContext(clock.GetCurrentInstant(), AccessGuard.RequireActor(actor, currentActor, "a new " + TAggregate.StreamCategory), id);
        using var activity = StartActivity("create", null, id);
        TAggregate aggregate;
        try
        {
            aggregate = create(context);
        }
        catch (CommandRejectedException rejected)
        {
            CountRejected(rejected, activity);
            throw;
        }

        ArgumentNullException.ThrowIfNull(aggregate, nameof(create));
        activity?.SetTag("coproduction.stream", aggregate.StreamId.Value);
        await access.CheckAsync(aggregate, context.Actor, context.Now, [], cancellationToken).ConfigureAwait(false);
        var append = await SaveOnceAsync(aggregate, CreateCommand, id, activity, cancellationToken).ConfigureAwait(false);
        if (append is { WasDuplicate: true })
        {
            aggregate = await repository.LoadAsync(aggregate.StreamId, cancellationToken).ConfigureAwait(false);
        }

        return new CommandResult<TAggregate>(aggregate, append, append?.WasDuplicate ?? false);
    }

    /// <summary>Gets the instant a query decides at: the registered clock's now.</summary>
    internal Instant Now => clock.GetCurrentInstant();

    /// <summary>Loads an aggregate for a query (nothing is decided or written).</summary>
    internal ValueTask<TAggregate> LoadAsync(StreamId stream, CancellationToken cancellationToken)
        => repository.LoadAsync(stream, cancellationToken);

    /// <summary>Runs a command that decides with a context prepared from the loaded aggregate.</summary>
    internal async ValueTask<CommandResult<TAggregate>> RunAsync<TContext>(
        StreamId stream,
        Func<TAggregate, CommandContext, CancellationToken, ValueTask<TContext>> prepare,
        Action<TAggregate, TContext> decide,
        CommandId? commandId,
        Actor? actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        var id = commandId ?? NewCommandId();
        var by = AccessGuard.RequireActor(actor, currentActor, "stream '" + stream.Value + "'");
        using var activity = StartActivity("execute", stream, id);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.ReadStreamAsync(stream, 1, cancellationToken).ConfigureAwait(false);
            if (stored.Count == 0)
            {
                throw new AggregateNotFoundException(stream, TAggregate.StreamCategory);
            }

            var aggregate = TAggregate.Rehydrate(stream, serializer.Deserialize(stored));
            if (FirstRecording(stored, id) is { } first)
            {
                await RequireSameCommandAsync(stream, stored, id, prepare, decide, cancellationToken).ConfigureAwait(false);
                activity?.SetTag("coproduction.duplicate", true);
                return new CommandResult<TAggregate>(aggregate, first, WasDuplicate: true);
            }

            var context = new CommandContext(clock.GetCurrentInstant(), by, id);
            var prepared = await prepare(aggregate, context, cancellationToken).ConfigureAwait(false);
            try
            {
                decide(aggregate, prepared);
            }
            catch (CommandRejectedException rejected)
            {
                CountRejected(rejected, activity);
                throw;
            }

            await access.CheckAsync(aggregate, by, context.Now, [], cancellationToken).ConfigureAwait(false);

            try
            {
                var append = await SaveOnceAsync(aggregate, ExecuteCommand, id, activity, cancellationToken).ConfigureAwait(false);
                if (append is { WasDuplicate: true })
                {
                    // Another process recorded this very command between our read and our write.
                    aggregate = await repository.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
                }

                activity?.SetTag("coproduction.attempts", attempt);
                return new CommandResult<TAggregate>(aggregate, append, append?.WasDuplicate ?? false) { Retries = attempt - 1 };
            }
            catch (ConcurrencyException conflict) when (retry.Again(attempt))
            {
                Log.RetryingAfterConflict(log, id.Value, stream.Value, conflict.ExpectedVersion, conflict.ActualVersion);
                await retry.PauseAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A command id already in the stream: decides the command again on the state the recorded command saw (the
    /// events before it), at its instant and by its actor, and refuses when the decision differs from what was recorded.
    /// </summary>
    /// <exception cref="CommandIdReusedException">The id was recorded for another command; nothing is written.</exception>
    private async ValueTask RequireSameCommandAsync<TContext>(
        StreamId stream,
        IReadOnlyList<StoredEvent> stored,
        CommandId id,
        Func<TAggregate, CommandContext, CancellationToken, ValueTask<TContext>> prepare,
        Action<TAggregate, TContext> decide,
        CancellationToken cancellationToken)
    {
        var firstIndex = 0;
        while (stored[firstIndex].CommandId != id)
        {
            firstIndex++;
        }

        var recordedEvents = new List<EventData>();
        foreach (var e in stored)
        {
            if (e.CommandId == id)
            {
                recordedEvents.Add(new EventData(e.EventName, e.SchemaVersion, e.Payload, e.RecordedAt, e.Actor));
            }
        }

        var recorded = CommandFingerprint.Of(ExecuteCommand, [new StreamAppend(stream, firstIndex, recordedEvents)]);
        CommandFingerprint attempted;
        if (firstIndex == 0)
        {
            // The id created the stream: a creation, not this command.
            attempted = recorded with { Command = ExecuteCommand, ArgumentsHash = "a command on the existing stream" };
            recorded = recorded with { Command = CreateCommand };
        }
        else
        {
            var before = new List<StoredEvent>(firstIndex);
            for (var i = 0; i < firstIndex; i++)
            {
                before.Add(stored[i]);
            }

            var replayed = TAggregate.Rehydrate(stream, serializer.Deserialize(before));
            var first = stored[firstIndex];
            try
            {
                decide(replayed, await prepare(replayed, new CommandContext(first.RecordedAt, first.Actor, id), cancellationToken).ConfigureAwait(false));
                attempted = CommandFingerprint.Of(ExecuteCommand, [new StreamAppend(stream, firstIndex, serializer.Serialize(replayed.UncommittedEvents))]);
            }
            catch (CommandRejectedException)
            {
                attempted = recorded with { ArgumentsHash = "a decision refused on the state the recorded command saw" };
            }
        }

        if (attempted != recorded)
        {
            throw new CommandIdReusedException(id, recorded, attempted);
        }
    }

    private async ValueTask<AppendResult?> SaveOnceAsync(TAggregate aggregate, string command, CommandId id, Activity? activity, CancellationToken cancellationToken)
    {
        var pending = aggregate.UncommittedEvents;
        if (pending.Count == 0)
        {
            return null;
        }

        var category = new KeyValuePair<string, object?>("coproduction.aggregate", TAggregate.StreamCategory);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var append = await SaveAsync(aggregate, command, id, cancellationToken).ConfigureAwait(false);
            CoProductionTelemetry.AppendLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, category);
            if (append is { WasDuplicate: false })
            {
                CoProductionTelemetry.Accepted.Add(
                    1,
                    category,
                    new KeyValuePair<string, object?>("coproduction.command", CommandName(pending[0])));
                activity?.SetTag("coproduction.version", append.Version);
                signal.Notify();
            }

            return append;
        }
        catch (ConcurrencyException)
        {
            CoProductionTelemetry.Conflicts.Add(1, category);
            activity?.AddEvent(new ActivityEvent("coproduction.conflict"));
            throw;
        }
    }

    /// <summary>Gets the stable name of a creation of this aggregate in a command fingerprint, for example <c>cycle.create</c>.</summary>
    internal static string CreateCommand { get; } = TAggregate.StreamCategory + ".create";

    /// <summary>Gets the stable name of a command on an existing aggregate in a command fingerprint, for example <c>cycle.execute</c>.</summary>
    internal static string ExecuteCommand { get; } = TAggregate.StreamCategory + ".execute";

    /// <summary>Writes the aggregate's new events with the command's fingerprint (its name, its stream and what it decided).</summary>
    private async ValueTask<AppendResult> SaveAsync(TAggregate aggregate, string command, CommandId id, CancellationToken cancellationToken)
    {
        var appends = new[] { new StreamAppend(aggregate.StreamId, aggregate.CommittedVersion, serializer.Serialize(aggregate.UncommittedEvents)) };
        StreamsAppendResult written;
        try
        {
            written = await store.AppendStreamsAsync(appends, id, CommandFingerprint.Of(command, appends), cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyException conflict) when (conflict.ExpectedVersion == 0)
        {
            throw new AggregateAlreadyExistsException(aggregate.StreamId, conflict.ActualVersion);
        }

        if (!written.WasDuplicate && aggregate is IHistoryCommitter committer)
        {
            committer.MarkCommitted();
        }

        return written.Streams[0];
    }

    private static AppendResult? FirstRecording(IReadOnlyList<StoredEvent> stored, CommandId id)
    {
        StoredEvent? last = null;
        for (var i = 0; i < stored.Count; i++)
        {
            if (stored[i].CommandId == id)
            {
                last = stored[i];
            }
        }

        return last is null ? null : new AppendResult(last.Stream, last.Version, last.Position, WasDuplicate: true);
    }

    private void CountRejected(CommandRejectedException rejected, Activity? activity)
    {
        CoProductionTelemetry.Rejected.Add(
            1,
            new KeyValuePair<string, object?>("coproduction.aggregate", TAggregate.StreamCategory),
            new KeyValuePair<string, object?>("coproduction.command", rejected.Trigger.ToString()),
            new KeyValuePair<string, object?>("coproduction.state", rejected.State.ToString()));
        activity?.SetStatus(ActivityStatusCode.Error, rejected.Message);
        Log.CommandRejected(log, TAggregate.StreamCategory, rejected.Trigger.ToString(), rejected.State.ToString());
    }

    private static Activity? StartActivity(string operation, StreamId? stream, CommandId id)
    {
        var activity = CoProductionTelemetry.Source.StartActivity(string.Concat("coproduction.", TAggregate.StreamCategory, ".", operation));
        if (activity is not null)
        {
            activity.SetTag("coproduction.aggregate", TAggregate.StreamCategory);
            activity.SetTag("coproduction.command_id", id.Value);
            if (stream is { } s)
            {
                activity.SetTag("coproduction.stream", s.Value);
            }
        }

        return activity;
    }

    private string CommandName(IDomainEvent first)
        => serializer.TryGetType(first.GetType(), out var type) ? type.Name : first.GetType().Name;

    private static CommandId NewCommandId() => new(Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
}
