using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Tests.Persistence;

/// <summary>Round trips through the serializer the stores use: wire name, schema version, strict reading.</summary>
internal static class StoredJson
{
    public static IDomainEvent RoundTrip(IDomainEvent e)
    {
        var data = EventSerializer.Default.Serialize(e);
        var stored = new StoredEvent(new StreamId("round-trip"), 1, 1, data.EventName, data.SchemaVersion, data.Payload, data.RecordedAt, data.Actor, null);
        return EventSerializer.Default.Deserialize(stored);
    }

    public static List<IDomainEvent> RoundTrip<TEvent>(IEnumerable<TEvent> history)
        where TEvent : IDomainEvent
        => [.. history.Select(e => RoundTrip(e))];
}
