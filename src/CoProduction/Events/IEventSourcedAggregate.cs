using System.Collections.Generic;
using CoProduction.Persistence;

namespace CoProduction.Events;

/// <summary>
/// What a repository needs of any aggregate: its stream, the version it was loaded or last saved
/// at, and the events recorded since.
/// </summary>
public interface IEventSourcedAggregate
{
    /// <summary>Gets the stream that holds this aggregate's history.</summary>
    StreamId StreamId { get; }

    /// <summary>Gets the number of events in the history, including those not yet saved.</summary>
    long Version { get; }

    /// <summary>Gets the version the aggregate was loaded at or last saved at: the expected version for the next append.</summary>
    long CommittedVersion { get; }

    /// <summary>Gets the events recorded since the aggregate was loaded or last saved, oldest first.</summary>
    IReadOnlyList<IDomainEvent> UncommittedEvents { get; }
}

/// <summary>An aggregate that a repository can rebuild from its stored history.</summary>
/// <typeparam name="TSelf">The aggregate type.</typeparam>
public interface IEventSourcedAggregate<TSelf> : IEventSourcedAggregate
    where TSelf : IEventSourcedAggregate<TSelf>
{
    /// <summary>Gets the stream-name prefix of this aggregate type, for example <c>cycle</c>.</summary>
    static abstract string StreamCategory { get; }

    /// <summary>Rebuilds the aggregate from its history, checking every event against the aggregate's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first; at least one.</param>
    /// <returns>The aggregate at <c>Version == CommittedVersion == history.Count</c>.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit the aggregate's machine or type.</exception>
    static abstract TSelf Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history);
}
