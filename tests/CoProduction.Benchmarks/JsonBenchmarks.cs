using BenchmarkDotNet.Attributes;
using CoProduction.Benchmarks.Library;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Benchmarks;

/// <summary>(8) The store's <see cref="EventSerializer"/>: one event (an action recorded, the most frequent) each way.</summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private IDomainEvent action = null!;
    private StoredEvent stored = null!;

    [GlobalSetup]
    public void Setup()
    {
        action = BenchSite.LongActing(1, 7).History[6];
        var data = EventSerializer.Default.Serialize(action);
        stored = new StoredEvent(
            StreamId.For("cycle", new CycleId("kilifi-1")), 7, 7, data.EventName, data.SchemaVersion, data.Payload.ToArray(), data.RecordedAt, data.Actor, null);
    }

    /// <summary>(8) Serialize one event into a store record.</summary>
    [Benchmark]
    public EventData Json_serialize_one_event() => EventSerializer.Default.Serialize(action);

    /// <summary>(8) Deserialize one stored record into its event.</summary>
    [Benchmark]
    public IDomainEvent Json_deserialize_one_event() => EventSerializer.Default.Deserialize(stored);
}
