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

    public static IDomainEvent RoundTrip(IDomainEvent e)
        => (IDomainEvent)JsonSerializer.Deserialize(JsonSerializer.Serialize(e, e.GetType(), Options), e.GetType(), Options)!;
}
