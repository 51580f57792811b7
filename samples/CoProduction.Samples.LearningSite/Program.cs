using System;
using System.Text;
using CoProduction;
using CoProduction.Persistence;
using NodaTime;

// A first, small look at the library: the learning-cycle scenario grows here as the domain lands.
var store = new InMemoryEventStore();
var stream = StreamId.For("cycle", new CycleId("kilifi-2016"));
var at = Instant.FromUtc(2016, 3, 1, 6, 0);
await store.AppendAsync(stream, 0, [new EventData("cycle.started", 1, Encoding.UTF8.GetBytes("{}"), at, Actor.Member(new MemberId("researcher-1")))]);
foreach (var e in await store.ReadStreamAsync(stream))
{
    Console.WriteLine($"{e.Stream} v{e.Version} {e.EventName} by {e.Actor} at {e.RecordedAt}");
}
