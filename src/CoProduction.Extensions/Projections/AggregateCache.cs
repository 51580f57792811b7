using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Projections;

/// <summary>
/// Aggregates kept in memory and brought up to date with only the events stored since: the one way the read
/// side gets an aggregate without replaying its whole stream again (the gate's protocols, a site's roster, an
/// aggregate projection's aggregate as of each event).
/// </summary>
/// <remarks>
/// Callers read <c>State</c> (an immutable value swapped per event), never the history, of what it returns: the
/// cache may fold newer events into the same instance later. Holds at most <c>capacity</c> aggregates; past that
/// it starts again empty.
/// </remarks>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
internal sealed class AggregateCache<TAggregate>(IEventStoreReader store, EventSerializer serializer, int capacity = AggregateSource.DefaultCapacity)
    where TAggregate : class, IEventSourcedAggregate<TAggregate>
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<StreamId, TAggregate> cached = [];

    /// <summary>The aggregate as the store holds it now: cached, with only the events stored since its last read folded in.</summary>
    /// <param name="stream">The aggregate's stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate, or <see langword="null"/> when the stream is empty.</returns>
    public async ValueTask<TAggregate?> CurrentAsync(StreamId stream, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (cached.TryGetValue(stream, out var aggregate))
            {
                var newer = await store.ReadStreamAsync(stream, aggregate.Version + 1, cancellationToken).ConfigureAwait(false);
                if (newer.Count > 0)
                {
                    Continue(stream, aggregate, serializer.Deserialize(newer));
                }

                return aggregate;
            }

            var stored = await store.ReadStreamAsync(stream, 1, cancellationToken).ConfigureAwait(false);
            return stored.Count == 0 ? null : Keep(stream, TAggregate.Rehydrate(stream, serializer.Deserialize(stored)));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The aggregate at least at a version a read model has seen (a register's entry): the cached one as it is when it has
    /// that version already, without asking the store, else <see cref="CurrentAsync(StreamId, CancellationToken)"/>.
    /// </summary>
    /// <param name="stream">The aggregate's stream.</param>
    /// <param name="version">The version the read model holds; the store had at least this many events.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate, or <see langword="null"/> when the stream is empty.</returns>
    public async ValueTask<TAggregate?> CurrentAsync(StreamId stream, long version, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (cached.TryGetValue(stream, out var aggregate) && aggregate.Version >= version)
            {
                return aggregate;
            }
        }
        finally
        {
            gate.Release();
        }

        return await CurrentAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The aggregate as of one event of the feed: the cached one with this event folded in, or read from the store up to it.</summary>
    /// <param name="e">The event.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate at version <c>e.Stored.Version</c>.</returns>
    /// <exception cref="UnreadableEventException">The event, or an earlier one of its stream, cannot be read.</exception>
    /// <exception cref="InvalidHistoryException">The stream up to the event is not a valid history.</exception>
    public async ValueTask<TAggregate> AtAsync(ProjectedEvent e, CancellationToken cancellationToken)
    {
        var stream = e.Stored.Stream;
        var version = e.Stored.Version;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (cached.TryGetValue(stream, out var aggregate))
            {
                if (aggregate.Version == version)
                {
                    return aggregate;
                }

                if (aggregate.Version == version - 1)
                {
                    Continue(stream, aggregate, [e.Deserialize()]);
                    return aggregate;
                }
            }

            if (version == 1)
            {
                return Keep(stream, TAggregate.Rehydrate(stream, [e.Deserialize()]));
            }

            var stored = await ReadSideStoreException.Guard(store.ReadStreamAsync(stream, 1, cancellationToken)).ConfigureAwait(false);
            var upTo = new List<StoredEvent>((int)version);
            foreach (var s in stored)
            {
                if (s.Version <= version)
                {
                    upTo.Add(s);
                }
            }

            return Keep(stream, TAggregate.Rehydrate(stream, serializer.Deserialize(upTo)));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets every aggregate, for example after a projection's model is reset.</summary>
    public void Clear()
    {
        gate.Wait();
        try
        {
            cached.Clear();
        }
        finally
        {
            gate.Release();
        }
    }

    private void Continue(StreamId stream, TAggregate aggregate, IReadOnlyList<IDomainEvent> events)
    {
        try
        {
            ((IHistoryCommitter)aggregate).Continue(events);
        }
        catch
        {
            cached.Remove(stream);
            throw;
        }
    }

    private TAggregate Keep(StreamId stream, TAggregate aggregate)
    {
        if (cached.Count >= capacity && !cached.ContainsKey(stream))
        {
            cached.Clear();
        }

        cached[stream] = aggregate;
        return aggregate;
    }
}
