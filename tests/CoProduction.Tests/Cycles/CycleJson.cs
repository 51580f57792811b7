using System.Reflection;
using System.Text.Json;
using CoProduction.Events;
using CoProduction.Persistence;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CoProduction.Tests.Cycles;

internal static class CycleJson
{
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public static string WireName(IDomainEvent e) => e.GetType().GetCustomAttribute<EventNameAttribute>()!.Name;

    /// <summary>Through the serializer the stores use: wire name, schema version, strict reading.</summary>
    public static IDomainEvent RoundTrip(IDomainEvent e)
    {
        var data = EventSerializer.Default.Serialize(e);
        var stored = new StoredEvent(new StreamId("cycle-round-trip"), 1, 1, data.EventName, data.SchemaVersion, data.Payload, data.RecordedAt, data.Actor, null);
        return EventSerializer.Default.Deserialize(stored);
    }
}
