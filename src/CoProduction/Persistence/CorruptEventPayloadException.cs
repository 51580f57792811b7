using System;
using System.Globalization;

namespace CoProduction.Persistence;

/// <summary>
/// A stored event's payload is not a valid JSON document of its type: malformed, truncated, missing a
/// required value, with a duplicate key or an enum not written by its name, or holding a value a
/// command would refuse (see <see cref="InputLimits"/>; the message names the field). The store's copy
/// is damaged or was written by a broken tool.
/// </summary>
public sealed class CorruptEventPayloadException : UnreadableEventException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream holding the event.</param>
    /// <param name="version">The event's version in the stream.</param>
    /// <param name="eventName">The stored wire name.</param>
    /// <param name="schemaVersion">The stored schema version.</param>
    /// <param name="problem">What is wrong with the payload.</param>
    /// <param name="innerException">The JSON error.</param>
    public CorruptEventPayloadException(
        StreamId stream, long version, string eventName, int schemaVersion, string problem, Exception? innerException = null)
        : base(
            stream,
            version,
            eventName,
            schemaVersion,
            string.Create(
                CultureInfo.InvariantCulture,
                $"Event {version} of stream '{stream}' ('{eventName}', schema {schemaVersion}) has a corrupt payload: {problem} Restore the stream from a backup or an archive."),
            innerException)
    {
    }
}
