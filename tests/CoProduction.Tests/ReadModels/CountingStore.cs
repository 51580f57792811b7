using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;

namespace CoProduction.Tests.ReadModels;

/// <summary>A store that counts the events read from each stream, over another store (in memory unless set).</summary>
internal sealed class CountingStore : IEventStore
{
    private readonly ConcurrentDictionary<StreamId, int> read = new();
    private readonly ConcurrentDictionary<string, int> readsByCategory = new();

    public IEventStore Inner { get; set; } = new InMemoryEventStore();

    /// <summary>How many events were read from a stream since the last <see cref="Reset"/>.</summary>
    public int EventsReadFrom(StreamId stream) => read.TryGetValue(stream, out var count) ? count : 0;

    /// <summary>How many times streams of a category were read (calls, not events), since the store was made.</summary>
    public int ReadsOf(string category) => readsByCategory.TryGetValue(category, out var count) ? count : 0;

    public void Reset() => read.Clear();

    public ValueTask<AppendResult> AppendAsync(StreamId stream, long expectedVersion, IReadOnlyList<EventData> events, CommandId? commandId = null, CancellationToken cancellationToken = default)
        => Inner.AppendAsync(stream, expectedVersion, events, commandId, cancellationToken);

    public ValueTask<StreamsAppendResult> AppendStreamsAsync(IReadOnlyList<StreamAppend> appends, CommandId? commandId, CancellationToken cancellationToken)
        => Inner.AppendStreamsAsync(appends, commandId, cancellationToken);

    public ValueTask<StreamsAppendResult> AppendStreamsAsync(IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, CancellationToken cancellationToken)
        => Inner.AppendStreamsAsync(appends, commandId, fingerprint, cancellationToken);

    public ValueTask<IReadOnlyList<StreamsAppendResult>> AppendCommandsAsync(IReadOnlyList<CommandAppend> commands, CancellationToken cancellationToken)
        => Inner.AppendCommandsAsync(commands, cancellationToken);

    public async ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        var events = await Inner.ReadStreamAsync(stream, fromVersion, cancellationToken);
        read.AddOrUpdate(stream, events.Count, (_, count) => count + events.Count);
        var dash = stream.Value.IndexOf('-', System.StringComparison.Ordinal);
        readsByCategory.AddOrUpdate(dash > 0 ? stream.Value[..dash] : stream.Value, 1, (_, count) => count + 1);
        return events;
    }

    public ValueTask<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
        => Inner.ReadAllAsync(afterPosition, maxCount, cancellationToken);

    public ValueTask<long> ReadLastPositionAsync(CancellationToken cancellationToken = default)
        => Inner.ReadLastPositionAsync(cancellationToken);
}
