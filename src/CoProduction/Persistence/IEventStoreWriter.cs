using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Persistence;

/// <summary>Appends events to streams, with optimistic concurrency and idempotency by command id.</summary>
public interface IEventStoreWriter
{
    /// <summary>Appends a batch of events to a stream, all or nothing.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="expectedVersion">The number of events the writer saw in the stream (0 for a new stream).</param>
    /// <param name="events">The events, oldest first; at least one.</param>
    /// <param name="commandId">The command that produced them; a repeat of an appended command writes nothing.</param>
    /// <param name="cancellationToken">Cancels the append before it is committed.</param>
    /// <returns>The stream's new version and the last global position.</returns>
    /// <exception cref="ConcurrencyException">The stream's version is not <paramref name="expectedVersion"/>.</exception>
    ValueTask<AppendResult> AppendAsync(
        StreamId stream,
        long expectedVersion,
        IReadOnlyList<EventData> events,
        CommandId? commandId = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends events to several streams in one atomic write: every stream's expected version holds and all the
    /// events are written, or nothing is. The events get global positions in the order of the parts.
    /// </summary>
    /// <param name="appends">The streams' parts; at least one, each stream once.</param>
    /// <param name="commandId">The command that produced the whole write; a repeat writes nothing and returns the first write's outcome.</param>
    /// <param name="cancellationToken">Cancels the write before it is committed.</param>
    /// <returns>Each stream's new version and last position.</returns>
    /// <exception cref="ConcurrencyException">A stream's version is not its part's expected version; nothing was written.</exception>
    ValueTask<StreamsAppendResult> AppendStreamsAsync(
        IReadOnlyList<StreamAppend> appends,
        CommandId? commandId,
        CancellationToken cancellationToken);

    /// <summary>
    /// Appends events to several streams in one atomic write, as <see cref="AppendStreamsAsync(IReadOnlyList{StreamAppend}, CommandId?, CancellationToken)"/>,
    /// and binds the command id to its command: the store keeps the fingerprint with the id, a later write with the
    /// same id and the same fingerprint writes nothing and returns the first write's outcome, and one with another
    /// fingerprint is refused.
    /// </summary>
    /// <param name="appends">The streams' parts; at least one, each stream once.</param>
    /// <param name="commandId">The command that produced the whole write.</param>
    /// <param name="fingerprint">
    /// The command's name, streams and arguments (<see cref="CommandFingerprint.Of"/>); <see langword="null"/> binds
    /// nothing, and the id is then matched per stream as by the other overload.
    /// </param>
    /// <param name="cancellationToken">Cancels the write before it is committed.</param>
    /// <returns>Each stream's new version and last position.</returns>
    /// <exception cref="ConcurrencyException">A stream's version is not its part's expected version; nothing was written.</exception>
    /// <exception cref="CommandIdReusedException">The id was recorded with another fingerprint; nothing was written.</exception>
    /// <remarks>
    /// An id recorded without a fingerprint (by the other overloads, or in a SQLite file written before fingerprints
    /// were kept) cannot be compared: a write with a fingerprint then finds it per stream, as before.
    /// </remarks>
    ValueTask<StreamsAppendResult> AppendStreamsAsync(
        IReadOnlyList<StreamAppend> appends,
        CommandId? commandId,
        CommandFingerprint? fingerprint,
        CancellationToken cancellationToken);

    /// <summary>
    /// Writes several commands in one atomic write: each is checked and written as
    /// <see cref="AppendStreamsAsync(IReadOnlyList{StreamAppend}, CommandId?, CommandFingerprint?, CancellationToken)"/>
    /// would, in order, each seeing the ones before it; if one is refused, nothing of any of them is written.
    /// What an archive import uses, so that a history is restored whole or not at all.
    /// </summary>
    /// <param name="commands">The commands, in the order their events get global positions; at least one.</param>
    /// <param name="cancellationToken">Cancels the write before it is committed.</param>
    /// <returns>
    /// Each command's outcome, in order; a command that repeats one already written writes nothing and says so, unless
    /// it sets <see cref="CommandAppend.RefuseRetry"/>, when its expected versions are checked first and refuse it.
    /// </returns>
    /// <exception cref="ConcurrencyException">A stream's version is not its part's expected version; nothing was written.</exception>
    /// <exception cref="CommandIdReusedException">A command id was recorded with another fingerprint; nothing was written.</exception>
    /// <exception cref="NotSupportedException">The store cannot write several commands atomically (the default for stores written before this member).</exception>
    ValueTask<IReadOnlyList<StreamsAppendResult>> AppendCommandsAsync(IReadOnlyList<CommandAppend> commands, CancellationToken cancellationToken)
        => throw new NotSupportedException(
            $"{GetType().Name} cannot write several commands in one atomic write, so it cannot restore an archive whole; implement AppendCommandsAsync, or import into a store that does (InMemoryEventStore, SqliteEventStore).");
}
