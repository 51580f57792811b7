using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Events;

namespace CoProduction.Persistence;

/// <summary>
/// Loads aggregates of one type from a store (read the stream, deserialize, replay) and saves them
/// (append the events recorded since loading, at the version they were loaded at).
/// </summary>
/// <remarks>
/// Saving is optimistic: when someone else appended to the stream after the aggregate was loaded, the
/// save fails with <see cref="ConcurrencyException"/> and writes nothing; reload, decide again, save.
/// Give each user command a <see cref="CommandId"/> so a retried save is recorded once.
/// </remarks>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
public sealed class AggregateRepository<TAggregate>
    where TAggregate : class, IEventSourcedAggregate<TAggregate>
{
    private readonly IEventStore store;
    private readonly EventSerializer serializer;

    /// <summary>Creates the repository.</summary>
    /// <param name="store">The store holding the aggregates' streams.</param>
    /// <param name="serializer">The serializer that knows the aggregate's events.</param>
    public AggregateRepository(IEventStore store, EventSerializer serializer)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.serializer = serializer ?? throw new ArgumentNullException(nameof(serializer));
    }

    /// <summary>Gets the stream of the aggregate with an id: <c>{StreamCategory}-{id}</c>.</summary>
    /// <typeparam name="TId">The id type.</typeparam>
    /// <param name="id">The id.</param>
    /// <returns>The stream id.</returns>
    public static StreamId StreamOf<TId>(TId id)
        where TId : struct, IStringId<TId>
        => StreamId.For(TAggregate.StreamCategory, id);

    /// <summary>Loads an aggregate, or returns <see langword="null"/> when its stream has no events.</summary>
    /// <param name="stream">The aggregate's stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate at its stored version with nothing uncommitted, or <see langword="null"/>.</returns>
    /// <exception cref="UnreadableEventException">A stored event cannot be read.</exception>
    /// <exception cref="InvalidHistoryException">The history does not fit the aggregate's machine.</exception>
    public async ValueTask<TAggregate?> TryLoadAsync(StreamId stream, CancellationToken cancellationToken = default)
    {
        var stored = await store.ReadStreamAsync(stream, 1, cancellationToken).ConfigureAwait(false);
        return stored.Count == 0 ? null : TAggregate.Rehydrate(stream, serializer.Deserialize(stored));
    }

    /// <summary>Loads an aggregate.</summary>
    /// <param name="stream">The aggregate's stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The aggregate at its stored version with nothing uncommitted.</returns>
    /// <exception cref="AggregateNotFoundException">The stream has no events.</exception>
    /// <exception cref="UnreadableEventException">A stored event cannot be read.</exception>
    /// <exception cref="InvalidHistoryException">The history does not fit the aggregate's machine.</exception>
    public async ValueTask<TAggregate> LoadAsync(StreamId stream, CancellationToken cancellationToken = default)
        => await TryLoadAsync(stream, cancellationToken).ConfigureAwait(false)
            ?? throw new AggregateNotFoundException(stream, TAggregate.StreamCategory);

    /// <summary>
    /// Appends the events the aggregate recorded since it was loaded or last saved, expecting the stream
    /// to be at <see cref="IEventSourcedAggregate.CommittedVersion"/>, then marks them committed.
    /// </summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <param name="commandId">The command that produced the events; a retried save with the same id writes nothing.</param>
    /// <param name="cancellationToken">Cancels the save before it is committed.</param>
    /// <returns>
    /// The append's result, or <see langword="null"/> when there was nothing to save. When
    /// <see cref="AppendResult.WasDuplicate"/> is <see langword="true"/> the command had already been saved:
    /// nothing was written, the aggregate is left uncommitted, and it should be reloaded.
    /// </returns>
    /// <exception cref="ConcurrencyException">Someone appended to the stream since the aggregate was loaded; nothing was written.</exception>
    /// <exception cref="AggregateAlreadyExistsException">The aggregate is new but its stream already exists; nothing was written.</exception>
    public async ValueTask<AppendResult?> SaveAsync(
        TAggregate aggregate, CommandId? commandId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var pending = aggregate.UncommittedEvents;
        if (pending.Count == 0)
        {
            return null;
        }

        AppendResult result;
        try
        {
            result = await store.AppendAsync(
                aggregate.StreamId, aggregate.CommittedVersion, serializer.Serialize(pending), commandId, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyException conflict) when (conflict.ExpectedVersion == 0)
        {
            throw new AggregateAlreadyExistsException(aggregate.StreamId, conflict.ActualVersion);
        }
        if (!result.WasDuplicate)
        {
            if (aggregate is Events.IHistoryCommitter committer)
            {
                committer.MarkCommitted();
            }
        }

        return result;
    }
}
