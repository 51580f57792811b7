using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CoProduction.Events;
using NodaTime;

namespace CoProduction.Persistence;

/// <summary>
/// Which event types can be stored: wire name and schema version ↔ CLR type, the source-generated JSON
/// metadata that serializes them, and the upcasters for older schema versions. A mutable builder:
/// configure it at start-up, then build one immutable <see cref="EventSerializer"/> from it.
/// </summary>
/// <remarks>
/// A new registry already knows the library's own events. An app adds its own events with their own
/// <see cref="JsonSerializerContext"/>: <c>registry.AddContext(MyEventsJsonContext.Default)</c> registers
/// every type the context lists that implements <see cref="IDomainEvent"/> and carries
/// <see cref="EventNameAttribute"/>.
/// </remarks>
public sealed class EventTypeRegistry
{
    private readonly Dictionary<string, RegisteredEventType> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, RegisteredEventType> byType = [];
    private readonly Dictionary<(string, int), IEventUpcaster> upcasters = [];
    private readonly List<IJsonTypeInfoResolver> resolvers = [];

    /// <summary>Creates a registry that knows the library's own events.</summary>
    public EventTypeRegistry() => AddContext(CoProductionJsonContext.Default);

    /// <summary>Gets or sets the time-zone provider the NodaTime converters use for zones and zoned values; tzdb by default.</summary>
    public IDateTimeZoneProvider ZoneProvider { get; set; } = DateTimeZoneProviders.Tzdb;

    /// <summary>Gets every registered event type.</summary>
    public IReadOnlyCollection<RegisteredEventType> Types => byName.Values;

    /// <summary>Gets every registered upcaster.</summary>
    public IReadOnlyCollection<IEventUpcaster> Upcasters => upcasters.Values;

    internal IReadOnlyList<IJsonTypeInfoResolver> Resolvers => resolvers;

    /// <summary>
    /// Adds a source-generated context's metadata and registers every event type it lists with
    /// <c>[JsonSerializable(typeof(...))]</c> (types implementing <see cref="IDomainEvent"/>; other listed
    /// types are the values those events carry).
    /// </summary>
    /// <param name="context">The context, typically <c>MyContext.Default</c>.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="ArgumentException">A listed event type has no <see cref="EventNameAttribute"/>, or its wire name is taken by another type.</exception>
    public EventTypeRegistry AddContext(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!resolvers.Contains(context))
        {
            resolvers.Add(context);
        }

        foreach (var attribute in context.GetType().GetCustomAttributesData())
        {
            if (attribute.AttributeType == typeof(JsonSerializableAttribute)
                && attribute.ConstructorArguments is [{ Value: Type listed }]
                && typeof(IDomainEvent).IsAssignableFrom(listed)
                && listed is { IsAbstract: false, IsInterface: false })
            {
                Register(listed);
            }
        }

        return this;
    }

    /// <summary>Adds metadata for event types and the values they carry, without registering any event type.</summary>
    /// <param name="resolver">A source-generated context or another resolver.</param>
    /// <returns>This registry, for chaining.</returns>
    public EventTypeRegistry AddResolver(IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        if (!resolvers.Contains(resolver))
        {
            resolvers.Add(resolver);
        }

        return this;
    }

    /// <summary>Registers one event type; its JSON metadata must come from a context added with <see cref="AddContext"/> or <see cref="AddResolver"/>.</summary>
    /// <param name="eventType">A concrete type implementing <see cref="IDomainEvent"/> with <see cref="EventNameAttribute"/>.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="ArgumentException">The type is not a named event, or its wire name is taken by another type.</exception>
    public EventTypeRegistry Register(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        if (!typeof(IDomainEvent).IsAssignableFrom(eventType) || eventType.IsAbstract || eventType.IsInterface)
        {
            throw new ArgumentException($"{eventType.FullName} is not a concrete IDomainEvent; only events can be registered.", nameof(eventType));
        }

        var name = eventType.GetCustomAttribute<EventNameAttribute>()
            ?? throw new ArgumentException(
                $"{eventType.FullName} has no [EventName(\"...\")]; every stored event needs a stable wire name.", nameof(eventType));
        if (byName.TryGetValue(name.Name, out var existing))
        {
            if (existing.ClrType == eventType)
            {
                return this;
            }

            throw new ArgumentException(
                $"The wire name '{name.Name}' of {eventType.FullName} is already used by {existing.ClrType.FullName}; wire names must be unique.",
                nameof(eventType));
        }

        var registered = new RegisteredEventType(name.Name, name.SchemaVersion, eventType);
        byName.Add(registered.Name, registered);
        byType.Add(eventType, registered);
        return this;
    }

    /// <summary>Registers an upcaster that lifts one event type's payload by one schema version.</summary>
    /// <param name="upcaster">The upcaster.</param>
    /// <returns>This registry, for chaining.</returns>
    /// <exception cref="ArgumentException">Another upcaster already lifts the same name from the same version, or the version is below 1.</exception>
    public EventTypeRegistry AddUpcaster(IEventUpcaster upcaster)
    {
        ArgumentNullException.ThrowIfNull(upcaster);
        ArgumentException.ThrowIfNullOrWhiteSpace(upcaster.EventName, nameof(upcaster));
        if (upcaster.FromSchemaVersion < 1)
        {
            throw new ArgumentException($"An upcaster of '{upcaster.EventName}' must start at schema version 1 or later.", nameof(upcaster));
        }

        if (!upcasters.TryAdd((upcaster.EventName, upcaster.FromSchemaVersion), upcaster))
        {
            throw new ArgumentException(
                $"'{upcaster.EventName}' already has an upcaster from schema version {upcaster.FromSchemaVersion}.", nameof(upcaster));
        }

        return this;
    }

    /// <summary>Finds the registered type of a wire name.</summary>
    /// <param name="name">The wire name.</param>
    /// <param name="type">The registered type, when found.</param>
    /// <returns><see langword="true"/> when the name is registered.</returns>
    public bool TryGetByName(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisteredEventType? type)
        => byName.TryGetValue(name, out type);

    /// <summary>Finds the registration of a CLR event type.</summary>
    /// <param name="clrType">The event type.</param>
    /// <param name="type">The registered type, when found.</param>
    /// <returns><see langword="true"/> when the type is registered.</returns>
    public bool TryGetByType(Type clrType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RegisteredEventType? type)
        => byType.TryGetValue(clrType, out type);
}
