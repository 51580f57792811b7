using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CoProduction.Events;
using NodaTime.Serialization.SystemTextJson;

namespace CoProduction.Persistence;

/// <summary>
/// Turns domain events into store records (<see cref="EventData"/>: wire name, schema version, UTF-8 JSON,
/// recorded instant, actor) and stored records back into domain events, upcasting older schema versions.
/// Immutable and thread-safe; build one at start-up from an <see cref="EventTypeRegistry"/>.
/// </summary>
/// <remarks>
/// JSON is System.Text.Json with source-generated metadata, camelCase property names, NodaTime's
/// ISO converters (zones from the registry's provider), enums as the exact names of defined values (no
/// numbers, no other casing), nullable annotations and required constructor parameters enforced,
/// unknown and duplicate properties refused, and the library's events' text fields checked as commands
/// check them (<see cref="InputLimits"/>; time-zone ids known to the provider): a payload that does not
/// match its type exactly, or holds what a command would refuse, is reported, never half-read.
/// </remarks>
public sealed class EventSerializer
{
    private readonly FrozenDictionary<string, Entry> byName;
    private readonly FrozenDictionary<Type, Entry> byType;
    private readonly FrozenDictionary<(string, int), IEventUpcaster> upcasters;
    private readonly NodaTime.IDateTimeZoneProvider zones;

    /// <summary>Creates a serializer for the events the registry knows, resolving their JSON metadata now.</summary>
    /// <param name="registry">The configured registry; later changes to it do not affect this serializer.</param>
    /// <exception cref="InvalidOperationException">A registered event type has no JSON metadata in any added context.</exception>
    public EventSerializer(EventTypeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            Converters = { new EnumNameJsonConverter() },
        };
        foreach (var resolver in registry.Resolvers)
        {
            options.TypeInfoResolverChain.Add(resolver);
        }

        options.ConfigureForNodaTime(registry.ZoneProvider);
        options.MakeReadOnly();
        Options = options;

        var entries = new List<Entry>(registry.Types.Count);
        foreach (var type in registry.Types)
        {
            JsonTypeInfo info;
            try
            {
                info = options.GetTypeInfo(type.ClrType);
            }
            catch (NotSupportedException ex)
            {
                throw new InvalidOperationException(
                    $"The event type {type.ClrType.FullName} ('{type.Name}') is registered but no JSON context knows it: add [JsonSerializable(typeof({type.ClrType.Name}))] to its context and add the context to the registry.",
                    ex);
            }

            entries.Add(new Entry(type, info, EventFieldChecks.For(info)));
        }

        byName = entries.ToFrozenDictionary(e => e.Type.Name, StringComparer.Ordinal);
        byType = entries.ToFrozenDictionary(e => e.Type.ClrType);
        upcasters = registry.Upcasters.ToFrozenDictionary(u => (u.EventName, u.FromSchemaVersion));
        zones = registry.ZoneProvider;
    }

    /// <summary>Gets a serializer that knows only the library's own events.</summary>
    public static EventSerializer Default { get; } = new(new EventTypeRegistry());

    /// <summary>Gets every event type this serializer reads and writes.</summary>
    public IEnumerable<RegisteredEventType> Types => byName.Values.Select(e => e.Type);

    /// <summary>Finds how an event type is registered: its wire name and schema version.</summary>
    /// <param name="eventType">The event's CLR type.</param>
    /// <param name="type">The registration, when the type is registered.</param>
    /// <returns>Whether this serializer reads and writes the type.</returns>
    public bool TryGetType(Type eventType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisteredEventType? type)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (byType.TryGetValue(eventType, out var entry))
        {
            type = entry.Type;
            return true;
        }

        type = null;
        return false;
    }

    /// <summary>Gets the read-only JSON options, for values the events carry (tests, archives, projections).</summary>
    internal JsonSerializerOptions Options { get; }

    /// <summary>Turns a domain event into a record ready to append, stamped with its instant and actor.</summary>
    /// <param name="event">The event.</param>
    /// <returns>The record: wire name, current schema version, UTF-8 JSON, <see cref="IDomainEvent.At"/> and <see cref="IDomainEvent.By"/>.</returns>
    /// <exception cref="ArgumentException">The event's type is not registered.</exception>
    public EventData Serialize(IDomainEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (!byType.TryGetValue(@event.GetType(), out var entry))
        {
            throw new ArgumentException(
                $"The event type {@event.GetType().FullName} is not registered: list it with [JsonSerializable] in a JSON context and add that context to the EventTypeRegistry.",
                nameof(@event));
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(@event, entry.Info);
        return new EventData(entry.Type.Name, entry.Type.SchemaVersion, payload, @event.At, @event.By);
    }

    /// <summary>Turns many domain events into records, in order.</summary>
    /// <param name="events">The events.</param>
    /// <returns>The records, in the same order.</returns>
    /// <exception cref="ArgumentException">An event's type is not registered.</exception>
    public IReadOnlyList<EventData> Serialize(IReadOnlyList<IDomainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var records = new EventData[events.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = Serialize(events[i]);
        }

        return records;
    }

    /// <summary>Turns a stored record back into its domain event, upcasting an older schema version first.</summary>
    /// <param name="stored">The stored record.</param>
    /// <returns>The domain event.</returns>
    /// <exception cref="UnknownEventTypeException">The wire name is unknown, the schema version is newer than the code's, or an upcaster is missing.</exception>
    /// <exception cref="CorruptEventPayloadException">The payload is not a valid JSON document of the type, or holds a value a command would refuse (the message names its JSON path and why).</exception>
    public IDomainEvent Deserialize(StoredEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!byName.TryGetValue(stored.EventName, out var entry))
        {
            throw new UnknownEventTypeException(
                stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, null,
                "no registered event type has this wire name. Register its type (and keep the names of retired events registered), or read the store with the release that wrote it.");
        }

        var current = entry.Type.SchemaVersion;
        if (stored.SchemaVersion > current)
        {
            throw new UnknownEventTypeException(
                stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, current,
                $"it was written by newer code; this code knows {entry.Type.ClrType.Name} up to schema {current}. Upgrade the app before reading this store.");
        }

        try
        {
            var result = stored.SchemaVersion == current
                ? JsonSerializer.Deserialize(stored.Payload.Span, entry.Info)
                : Upcast(stored, entry).Deserialize(entry.Info);
            var @event = result as IDomainEvent
                ?? throw new CorruptEventPayloadException(
                    stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, "the payload is JSON null.");
            if (entry.Checks?.Problem(@event, zones) is { } problem)
            {
                throw new CorruptEventPayloadException(stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, problem);
            }

            return @event;
        }
        catch (JsonException ex)
        {
            throw new CorruptEventPayloadException(
                stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            // A value's own constructor or setter refused it (a blank name in a nested record, a list too long, ...).
            throw new CorruptEventPayloadException(
                stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, ex.Message, ex);
        }
    }

    /// <summary>Turns stored records back into domain events, in order.</summary>
    /// <param name="stored">The stored records.</param>
    /// <returns>The domain events, in the same order.</returns>
    /// <exception cref="UnreadableEventException">A record cannot be read; nothing is skipped.</exception>
    public IReadOnlyList<IDomainEvent> Deserialize(IReadOnlyList<StoredEvent> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var events = new IDomainEvent[stored.Count];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = Deserialize(stored[i]);
        }

        return events;
    }

    private JsonObject Upcast(StoredEvent stored, Entry entry)
    {
        var node = JsonNode.Parse(stored.Payload.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
            ?? throw new CorruptEventPayloadException(
                stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, "the payload is not a JSON object.");
        for (var version = stored.SchemaVersion; version < entry.Type.SchemaVersion; version++)
        {
            if (!upcasters.TryGetValue((stored.EventName, version), out var upcaster))
            {
                throw new UnknownEventTypeException(
                    stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, entry.Type.SchemaVersion,
                    $"no upcaster lifts schema {version} to {version + 1}; register an IEventUpcaster for '{stored.EventName}' from schema {version}.");
            }

            node = upcaster.Upcast(node)
                ?? throw new CorruptEventPayloadException(
                    stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, $"the upcaster from schema {version} returned null.");
        }

        return node;
    }

    private sealed record Entry(RegisteredEventType Type, JsonTypeInfo Info, EventFieldChecks? Checks);
}
