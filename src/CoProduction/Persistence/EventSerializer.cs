using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CoProduction.Events;
using CoProduction.Privacy;
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
    private readonly PersonalDataProtector? protector;

    /// <summary>Creates a serializer for the events the registry knows, resolving their JSON metadata now.</summary>
    /// <param name="registry">The configured registry; later changes to it do not affect this serializer.</param>
    /// <exception cref="InvalidOperationException">A registered event type has no JSON metadata in any added context, or marks a property <see cref="PersonalDataAttribute"/> wrongly.</exception>
    public EventSerializer(EventTypeRegistry registry)
        : this(registry, null)
    {
    }

    /// <summary>
    /// Creates a serializer that keeps the events' personal data (<see cref="PersonalDataAttribute"/>) sealed under each
    /// person's key: written sealed, read back open while the person's key exists, and as <see cref="PersonalData.ErasedMarker"/>
    /// once they are erased.
    /// </summary>
    /// <param name="registry">The configured registry; later changes to it do not affect this serializer.</param>
    /// <param name="protector">The protector, or <see langword="null"/> to write personal data as plain text (reading a sealed value is then refused).</param>
    /// <exception cref="InvalidOperationException">A registered event type has no JSON metadata in any added context, or marks a property <see cref="PersonalDataAttribute"/> wrongly.</exception>
    public EventSerializer(EventTypeRegistry registry, PersonalDataProtector? protector)
    {
        ArgumentNullException.ThrowIfNull(registry);
        this.protector = protector;
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

            entries.Add(new Entry(type, info, EventFieldChecks.For(info), PersonalFields(type.ClrType, info)));
        }

        byName = entries.ToFrozenDictionary(e => e.Type.Name, StringComparer.Ordinal);
        byType = entries.ToFrozenDictionary(e => e.Type.ClrType);
        upcasters = registry.Upcasters.ToFrozenDictionary(u => (u.EventName, u.FromSchemaVersion));
        zones = registry.ZoneProvider;
    }

    /// <summary>Gets a serializer that knows only the library's own events.</summary>
    public static EventSerializer Default { get; } = new(new EventTypeRegistry());

    /// <summary>Gets the protector of personal data, or <see langword="null"/> when personal data is written as plain text.</summary>
    public PersonalDataProtector? Protector => protector;

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
        if (entry.Personal.Length > 0 && protector is not null)
        {
            payload = Seal(payload, (IPersonalDataEvent)@event, entry);
        }

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
    /// <exception cref="CorruptEventPayloadException">The payload is not a valid JSON document of the type, holds a value a command would refuse (the message names its JSON path and why), or a sealed personal value that is damaged.</exception>
    /// <exception cref="PersonalDataException">The payload holds sealed personal data and this serializer has no protector, or the protector cannot open the person's stored key.</exception>
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
            // Only a type with personal fields holds sealed values; a sealed value anywhere else fails as a wrongly typed field.
            var isSealed = entry.Personal.Length > 0 && stored.Payload.Span.IndexOf(SealedProperty) >= 0;
            string? sealedFor = null;
            var result = stored.SchemaVersion == current && !isSealed
                ? JsonSerializer.Deserialize(stored.Payload.Span, entry.Info)
                : Upcast(stored, entry, isSealed, out sealedFor).Deserialize(entry.Info);
            var @event = result as IDomainEvent
                ?? throw new CorruptEventPayloadException(
                    stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, "the payload is JSON null.");
            if (sealedFor is not null && (@event is not IPersonalDataEvent personal || !string.Equals(personal.PersonalDataSubject, sealedFor, StringComparison.Ordinal)))
            {
                // A value sealed for one person, with its subject, copied into an event about another: it would open as a wrong name.
                throw new CorruptEventPayloadException(stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"its personal data is sealed for '{sealedFor}', but the event is about {(@event is IPersonalDataEvent p ? $"'{p.PersonalDataSubject}'" : "no person")}."));
            }
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

    /// <summary>The payload as a JSON object with its sealed personal values opened, lifted to the current schema.</summary>
    private JsonObject Upcast(StoredEvent stored, Entry entry, bool isSealed, out string? sealedFor)
    {
        sealedFor = null;
        var node = JsonNode.Parse(stored.Payload.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
            ?? throw new CorruptEventPayloadException(
                stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, "the payload is not a JSON object.");
        if (isSealed)
        {
            sealedFor = Unseal(stored, node, entry.Personal);
        }

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

    /// <summary>The JSON names of a type's personal properties, checked: text properties of an <see cref="IPersonalDataEvent"/>.</summary>
    private static string[] PersonalFields(Type type, JsonTypeInfo info)
    {
        var personal = info.Properties.Where(p => p.AttributeProvider?.IsDefined(typeof(PersonalDataAttribute), false) == true).ToArray();
        if (personal.Length == 0)
        {
            return [];
        }

        if (!typeof(IPersonalDataEvent).IsAssignableFrom(type))
        {
            throw new InvalidOperationException($"The event type {type.FullName} marks {string.Join(", ", personal.Select(p => p.Name))} as personal data but does not implement IPersonalDataEvent: implement it to name the person the data belongs to.");
        }

        if (personal.FirstOrDefault(p => p.PropertyType != typeof(string)) is { } wrong)
        {
            throw new InvalidOperationException($"The event type {type.FullName} marks {wrong.Name} ({wrong.PropertyType.Name}) as personal data; only text properties can be sealed.");
        }

        return personal.Select(p => p.Name).ToArray();
    }

    /// <summary>The payload with each personal value replaced by <c>{"$sealed": …, "$subject": …}</c>.</summary>
    private byte[] Seal(byte[] payload, IPersonalDataEvent @event, Entry entry)
    {
        var subject = @event.PersonalDataSubject;
        var node = (JsonObject)JsonNode.Parse(payload)!;
        foreach (var name in entry.Personal)
        {
            if (node[name] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                node[name] = new JsonObject { [SealedName] = protector!.Seal(subject, text), [SubjectName] = subject };
            }
        }

        using var buffer = new System.IO.MemoryStream(payload.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Opens the sealed values of the type's personal fields: the person's value, or <see cref="PersonalData.ErasedMarker"/> once they are erased.</summary>
    /// <returns>The person the values are sealed for, or <see langword="null"/> when none is sealed.</returns>
    private string? Unseal(StoredEvent stored, JsonObject node, string[] personal)
    {
        string? sealedFor = null;
        foreach (var name in personal)
        {
            if (node[name] is not JsonObject sealedValue || !sealedValue.ContainsKey(SealedName))
            {
                continue;
            }

            if (protector is null)
            {
                throw new PersonalDataException(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"Event {stored.Version} of stream '{stored.Stream}' ('{stored.EventName}') holds sealed personal data in '{name}', and this serializer has no protector. Read the store with personal data protection configured (ProtectPersonalData) over the store's key table."));
            }

            if (sealedValue.Count != 2 || sealedValue[SealedName] is not JsonValue s || !s.TryGetValue<string>(out var text)
                || sealedValue[SubjectName] is not JsonValue j || !j.TryGetValue<string>(out var subject) || subject.Length == 0)
            {
                throw new CorruptEventPayloadException(stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, $"'$.{name}' is a sealed value not of the form {{\"{SealedName}\": text, \"{SubjectName}\": text}}.");
            }

            if (sealedFor is not null && !string.Equals(sealedFor, subject, StringComparison.Ordinal))
            {
                throw new CorruptEventPayloadException(stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, $"'$.{name}' is sealed for '{subject}', another of its values for '{sealedFor}'; one event's personal data belongs to one person.");
            }

            sealedFor = subject;

            try
            {
                node[name] = protector.Unseal(subject, text) ?? PersonalData.ErasedMarker;
            }
            catch (FormatException ex)
            {
                throw new CorruptEventPayloadException(stored.Stream, stored.Version, stored.EventName, stored.SchemaVersion, $"'$.{name}': {ex.Message}", ex);
            }
        }

        return sealedFor;
    }

    private const string SealedName = "$sealed";
    private const string SubjectName = "$subject";

    private static ReadOnlySpan<byte> SealedProperty => "\"$sealed\""u8;

    private sealed record Entry(RegisteredEventType Type, JsonTypeInfo Info, EventFieldChecks? Checks, string[] Personal);
}
