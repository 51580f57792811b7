using System.Reflection;
using System.Text.Json;
using CoProduction.Events;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CoProduction.Tests.Cycles;

internal static class CycleJson
{
    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public static string WireName(IDomainEvent e) => e.GetType().GetCustomAttribute<EventNameAttribute>()!.Name;

    /// <summary>Through the serializer the stores use: wire name, schema version, strict reading.</summary>
    public static IDomainEvent RoundTrip(IDomainEvent e) => Persistence.StoredJson.RoundTrip(e);
}
