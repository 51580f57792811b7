using System;

namespace CoProduction.Persistence;

/// <summary>
/// A stored event cannot be turned back into a domain event. Loading stops: an event is never skipped,
/// because a history with a hole would rebuild a state that never existed.
/// </summary>
public abstract class UnreadableEventException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream holding the event.</param>
    /// <param name="version">The event's version in the stream.</param>
    /// <param name="eventName">The stored wire name.</param>
    /// <param name="schemaVersion">The stored schema version.</param>
    /// <param name="message">What is wrong and what would fix it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    protected UnreadableEventException(
        StreamId stream, long version, string eventName, int schemaVersion, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Stream = stream;
        Version = version;
        EventName = eventName;
        SchemaVersion = schemaVersion;
    }

    /// <summary>Gets the stream holding the event.</summary>
    public StreamId Stream { get; }

    /// <summary>Gets the event's version in the stream.</summary>
    public long Version { get; }

    /// <summary>Gets the stored wire name.</summary>
    public string EventName { get; }

    /// <summary>Gets the stored schema version.</summary>
    public int SchemaVersion { get; }
}
