using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;

namespace CoProduction.Tests.Extensions;

/// <summary>A store (in memory unless given) where another writer gets in just before our next appends.</summary>
internal sealed class InterferingStore(IEventStore? inner = null) : IEventStore
{
    private readonly Queue<Func<Task>> interruptions = new();
    private bool interrupting;

    public IEventStore Inner { get; } = inner ?? new InMemoryEventStore();

    public int Appends { get; private set; }

    /// <summary>Runs the writer before the next append that is not its own.</summary>
    public void BeforeNextAppend(Func<Task> otherWriter) => interruptions.Enqueue(otherWriter);

    public async ValueTask<AppendResult> AppendAsync(StreamId stream, long expectedVersion, IReadOnlyList<EventData> events, CommandId? commandId = null, CancellationToken cancellationToken = default)
    {
        await InterruptAsync();
        Appends++;
        return await Inner.AppendAsync(stream, expectedVersion, events, commandId, cancellationToken);
    }

    public ValueTask<StreamsAppendResult> AppendStreamsAsync(IReadOnlyList<StreamAppend> appends, CommandId? commandId, CancellationToken cancellationToken)
        => AppendStreamsAsync(appends, commandId, null, cancellationToken);

    public async ValueTask<StreamsAppendResult> AppendStreamsAsync(IReadOnlyList<StreamAppend> appends, CommandId? commandId, CommandFingerprint? fingerprint, CancellationToken cancellationToken)
    {
        await InterruptAsync();
        Appends++;
        return await Inner.AppendStreamsAsync(appends, commandId, fingerprint, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<StreamsAppendResult>> AppendCommandsAsync(IReadOnlyList<CommandAppend> commands, CancellationToken cancellationToken)
    {
        await InterruptAsync();
        Appends++;
        return await Inner.AppendCommandsAsync(commands, cancellationToken);
    }

    private async Task InterruptAsync()
    {
        if (!interrupting && interruptions.TryDequeue(out var other))
        {
            interrupting = true;
            try
            {
                await other();
            }
            finally
            {
                interrupting = false;
            }
        }
    }

    public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
        => Inner.ReadStreamAsync(stream, fromVersion, cancellationToken);

    public ValueTask<IReadOnlyList<StoredEvent>> ReadAllAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
        => Inner.ReadAllAsync(afterPosition, maxCount, cancellationToken);

    public ValueTask<long> ReadLastPositionAsync(CancellationToken cancellationToken = default)
        => Inner.ReadLastPositionAsync(cancellationToken);
}
