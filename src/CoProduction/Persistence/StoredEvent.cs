using System;
using NodaTime;

namespace CoProduction.Persistence;

/// <summary>An event as a store keeps it: the envelope and the JSON payload.</summary>
/// <param name="Stream">The stream it belongs to.</param>
/// <param name="Version">Its 1-based position in the stream.</param>
/// <param name="Position">Its 1-based position across all streams of the store; strictly increasing in append order.</param>
/// <param name="EventName">The stable wire name.</param>
/// <param name="SchemaVersion">The payload's schema version.</param>
/// <param name="Payload">The event as UTF-8 JSON.</param>
/// <param name="RecordedAt">When the command was accepted.</param>
/// <param name="Actor">Who issued the command.</param>
/// <param name="CommandId">The command that appended it, if one was given.</param>
public sealed record StoredEvent(
    StreamId Stream,
    long Version,
    long Position,
    string EventName,
    int SchemaVersion,
    ReadOnlyMemory<byte> Payload,
    Instant RecordedAt,
    Actor Actor,
    CommandId? CommandId);
