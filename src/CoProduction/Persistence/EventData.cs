using System;
using NodaTime;

namespace CoProduction.Persistence;

/// <summary>An event ready to be appended: its wire name, schema version, JSON payload and metadata.</summary>
/// <param name="EventName">The stable wire name (see <see cref="Events.EventNameAttribute"/>).</param>
/// <param name="SchemaVersion">The payload's schema version.</param>
/// <param name="Payload">The event as UTF-8 JSON.</param>
/// <param name="RecordedAt">When the command was accepted.</param>
/// <param name="Actor">Who issued the command.</param>
public sealed record EventData(string EventName, int SchemaVersion, ReadOnlyMemory<byte> Payload, Instant RecordedAt, Actor Actor);
