using System;

namespace CoProduction.Persistence;

/// <summary>One event type a <see cref="EventTypeRegistry"/> knows: its wire name, current schema version and CLR type.</summary>
/// <param name="Name">The stable wire name from <see cref="Events.EventNameAttribute"/>.</param>
/// <param name="SchemaVersion">The schema version the code writes and reads natively.</param>
/// <param name="ClrType">The event record type.</param>
public sealed record RegisteredEventType(string Name, int SchemaVersion, Type ClrType);
