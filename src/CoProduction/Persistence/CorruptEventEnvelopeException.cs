using System;
using System.Globalization;

namespace CoProduction.Persistence;

/// <summary>
/// A database store's row holds an envelope value no write would have stored: a recorded instant that is not an
/// instant, an actor, stream id or command id a command would refuse. The store's copy is damaged or was edited by
/// another tool; reading stops at the row, because a history with a hole would rebuild a state that never existed.
/// </summary>
public sealed class CorruptEventEnvelopeException : UnreadableEventException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream holding the event (<c>default</c> when the stream id itself is unreadable).</param>
    /// <param name="version">The event's version in the stream.</param>
    /// <param name="eventName">The stored wire name.</param>
    /// <param name="schemaVersion">The stored schema version.</param>
    /// <param name="dataSource">The store: a file, or a server and schema.</param>
    /// <param name="column">The column holding the unreadable value, for example <c>recorded_at</c>.</param>
    /// <param name="value">The stored value as shown (at most <see cref="InputLimits.EchoLength"/> characters).</param>
    /// <param name="problem">What is wrong with the value.</param>
    /// <param name="innerException">The parse error, if any.</param>
    public CorruptEventEnvelopeException(
        StreamId stream,
        long version,
        string eventName,
        int schemaVersion,
        string dataSource,
        string column,
        string value,
        string problem,
        Exception? innerException = null)
        : base(
            stream,
            version,
            eventName,
            schemaVersion,
            string.Create(
                CultureInfo.InvariantCulture,
                $"Event {version} of stream '{(stream == default ? "(unreadable)" : stream.Value)}' ('{eventName}', schema {schemaVersion}) in store '{dataSource}' has an unreadable {column} '{value}': {problem}. Restore the stream from a backup or an archive (EventArchive)."),
            innerException)
    {
        DataSource = dataSource;
        Column = column;
    }

    /// <summary>Gets the store: a file, or a server and schema.</summary>
    public string DataSource { get; }

    /// <summary>Gets the column holding the unreadable value: <c>recorded_at</c>, <c>actor</c>, <c>stream</c> or <c>command_id</c>.</summary>
    public string Column { get; }
}
