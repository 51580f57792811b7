using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Persistence;

/// <summary>
/// A thread-safe event store in memory, for tests, demos and short-lived tools. It keeps the same
/// promises as every store: all-or-nothing appends, optimistic concurrency, idempotency by command
/// id and strictly increasing global positions. Everything is lost when the process ends.
/// </summary>
public sealed class InMemoryEventStore : IEventStore
{
    private readonly Lock gate = new();
    private readonly List<StoredEvent> all = [];
    private readonly Dictionary<StreamId, List<StoredEvent>> streams = [];
    private readonly Dictionary<(StreamId, CommandId), AppendResult> commands = [];
    private readonly Dictionary<CommandId, (CommandFingerprint Fingerprint, StreamsAppendResult Result)> bound = [];

    /// <inheritdoc/>
    public ValueTask<AppendResult> AppendAsync(
        StreamId stream,
        long expectedVersion,
        IReadOnlyList<EventData> events,
        CommandId? commandId = null,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckAppend(stream, expectedVersion, events);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return ValueTask.FromResult(Write([new StreamAppend(stream, expectedVersion, events)], commandId, null).Streams[0]);
        }
    }

    /// <inheritdoc/>
    public ValueTask<StreamsAppendResult> AppendStreamsAsync(IReadOnlyList<StreamAppend> appends, CommandId? commandId, CancellationToken cancellationToken)
        => AppendStreamsAsync(appends, commandId, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask<StreamsAppendResult> AppendStreamsAsync(
        IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, CancellationToken cancellationToken)
    {
        StoreArguments.CheckAppends(appends);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return ValueTask.FromResult(Write(appends, commandId, fingerprint));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StreamsAppendResult>> AppendCommandsAsync(IReadOnlyList<CommandAppend> commands, CancellationToken cancellationToken)
    {
        StoreArguments.CheckCommands(commands);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var mark = all.Count;
            var boundHere = new List<CommandId>();
            var results = new StreamsAppendResult[commands.Count];
            try
            {
                for (var i = 0; i < commands.Count; i++)
                {
                    var (appends, commandId, fingerprint) = commands[i];
                    var binds = commandId is { } id && fingerprint is not null && !bound.ContainsKey(id);
                    results[i] = Write(appends, commandId, fingerprint, commands[i].RefuseRetry);
                    if (binds && !results[i].WasDuplicate)
                    {
                        boundHere.Add(commandId!.Value);
                    }
                }
            }
            catch
            {
                Undo(mark, boundHere);
                throw;
            }

            return ValueTask.FromResult<IReadOnlyList<StreamsAppendResult>>(results);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(
        StreamId stream,
        long fromVersion = 1,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckReadStream(stream, fromVersion);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (!streams.TryGetValue(stream, out var list) || fromVersion > list.Count)
            {
                return ValueTask.FromResult<IReadOnlyList<StoredEvent>>([]);
            }

            var start = (int)(fromVersion - 1);
            return ValueTask.FromResult<IReadOnlyList<StoredEvent>>(list.GetRange(start, list.Count - start));
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<StoredEvent>> ReadAllAsync(
        long afterPosition,
        int maxCount,
        CancellationToken cancellationToken = default)
    {
        StoreArguments.CheckReadAll(afterPosition, maxCount);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            if (afterPosition >= all.Count)
            {
                return ValueTask.FromResult<IReadOnlyList<StoredEvent>>([]);
            }

            var start = (int)afterPosition;
            var count = Math.Min(maxCount, all.Count - start);
            return ValueTask.FromResult<IReadOnlyList<StoredEvent>>(all.GetRange(start, count));
        }
    }

    /// <inheritdoc/>
    public ValueTask<long> ReadLastPositionAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return ValueTask.FromResult((long)all.Count);
        }
    }

    /// <summary>Checks every part, then writes them all; called under the lock, so a write is all or nothing.</summary>
    private void CheckVersions(IReadOnlyList<StreamAppend> appends)
    {
        foreach (var part in appends)
        {
            var actual = streams.TryGetValue(part.Stream, out var existing) ? existing.Count : 0;
            if (actual != part.ExpectedVersion)
            {
                throw new ConcurrencyException(part.Stream, part.ExpectedVersion, actual);
            }
        }
    }

    private StreamsAppendResult Write(IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, bool refuseRetry = false)
    {
        fingerprint = fingerprint is null ? null : fingerprint with { Streams = CommandFingerprint.StreamsOf(appends) };
        if (refuseRetry)
        {
            CheckVersions(appends);
        }

        if (commandId is { } command)
        {
            if (fingerprint is not null && bound.TryGetValue(command, out var recorded))
            {
                return recorded.Fingerprint == fingerprint
                    ? new StreamsAppendResult([.. recorded.Result.Streams.Select(s => s with { WasDuplicate = true })], WasDuplicate: true)
                    : throw new CommandIdReusedException(command, recorded.Fingerprint, fingerprint);
            }

            var firsts = new List<AppendResult>(appends.Count);
            foreach (var part in appends)
            {
                if (commands.TryGetValue((part.Stream, command), out var first))
                {
                    firsts.Add(first with { WasDuplicate = true });
                }
            }

            if (firsts.Count > 0)
            {
                return new StreamsAppendResult(firsts, WasDuplicate: true);
            }
        }

        CheckVersions(appends);
        var results = new AppendResult[appends.Count];
        for (var p = 0; p < appends.Count; p++)
        {
            var (stream, _, events) = appends[p];
            if (!streams.TryGetValue(stream, out var list))
            {
                list = new List<StoredEvent>(events.Count);
                streams.Add(stream, list);
            }

            foreach (var e in events)
            {
                var stored = new StoredEvent(
                    stream, list.Count + 1, all.Count + 1, e.EventName, e.SchemaVersion, e.Payload.ToArray(), e.RecordedAt, e.Actor, commandId);
                list.Add(stored);
                all.Add(stored);
            }

            results[p] = new AppendResult(stream, list.Count, all.Count, WasDuplicate: false);
            if (commandId is { } id)
            {
                commands.Add((stream, id), results[p]);
            }
        }

        var written = new StreamsAppendResult(results, WasDuplicate: false);
        if (commandId is { } boundId && fingerprint is not null)
        {
            bound.Add(boundId, (fingerprint, written));
        }

        return written;
    }

    /// <summary>Takes back everything written after <paramref name="mark"/>; called under the lock when a write of several commands is refused part way.</summary>
    private void Undo(int mark, List<CommandId> boundHere)
    {
        for (var p = all.Count - 1; p >= mark; p--)
        {
            var e = all[p];
            var list = streams[e.Stream];
            list.RemoveAt(list.Count - 1);
            if (list.Count == 0)
            {
                streams.Remove(e.Stream);
            }

            if (e.CommandId is { } id)
            {
                commands.Remove((e.Stream, id));
            }
        }

        all.RemoveRange(mark, all.Count - mark);
        foreach (var id in boundHere)
        {
            bound.Remove(id);
        }
    }
}
