using System.Globalization;

namespace CoProduction.Persistence;

/// <summary>
/// A stored event has a wire name this code does not know, a schema version newer than this code
/// writes, or an older version with no upcaster to today's. Typically the data was written by a newer
/// release of the app, or an event type was removed without keeping its name registered.
/// </summary>
public sealed class UnknownEventTypeException : UnreadableEventException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream holding the event.</param>
    /// <param name="version">The event's version in the stream.</param>
    /// <param name="eventName">The stored wire name.</param>
    /// <param name="schemaVersion">The stored schema version.</param>
    /// <param name="knownSchemaVersion">The schema version this code knows for the name, or <see langword="null"/> when the name is unknown.</param>
    /// <param name="problem">Why it cannot be read, as a sentence.</param>
    public UnknownEventTypeException(
        StreamId stream, long version, string eventName, int schemaVersion, int? knownSchemaVersion, string problem)
        : base(
            stream,
            version,
            eventName,
            schemaVersion,
            string.Create(
                CultureInfo.InvariantCulture,
                $"Cannot read event {version} of stream '{stream}' ('{eventName}', schema {schemaVersion}): {problem}"))
        => KnownSchemaVersion = knownSchemaVersion;

    /// <summary>Gets the schema version this code knows for the wire name, or <see langword="null"/> when the name is unknown.</summary>
    public int? KnownSchemaVersion { get; }
}
