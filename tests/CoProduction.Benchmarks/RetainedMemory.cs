using System;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using CoProduction.Benchmarks.Baselines;
using CoProduction.Benchmarks.Library;
using CoProduction.Cycles;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Benchmarks;

/// <summary>
/// (5) Memory kept per loaded cycle: loads 10,000 whole cycles (13 events each) from the in-memory
/// store through <see cref="AggregateRepository{TAggregate}"/>, keeps them, and measures the managed
/// heap before and after (full blocking collections). For comparison it also measures the events alone
/// (deserialized, kept in arrays) and 10,000 raw Stateless machines configured once per cycle.
/// Written to <c>retained-memory.csv</c> next to BenchmarkDotNet's reports.
/// </summary>
public static class RetainedMemory
{
    public const int Cycles = 10_000;

    public static async Task<string> MeasureAsync(string resultsDirectory)
    {
        var store = new InMemoryEventStore();
        var serializer = EventSerializer.Default;
        var streams = new StreamId[Cycles];
        for (var i = 0; i < Cycles; i++)
        {
            var cycle = BenchSite.Completed(i);
            streams[i] = cycle.StreamId;
            await store.AppendAsync(streams[i], 0, serializer.Serialize(cycle.History)).ConfigureAwait(false);
        }

        var repository = new AggregateRepository<Cycle>(store, serializer);
        _ = await repository.LoadAsync(streams[0]).ConfigureAwait(false); // warm up

        var loaded = new Cycle[Cycles];
        var (cycleBytes, cycleAllocated) = await KeptAsync(async () =>
        {
            for (var i = 0; i < Cycles; i++)
            {
                loaded[i] = await repository.LoadAsync(streams[i]).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        GC.KeepAlive(loaded);

        var events = new IDomainEvent[Cycles][];
        var (eventBytes, _) = await KeptAsync(async () =>
        {
            for (var i = 0; i < Cycles; i++)
            {
                var stored = await store.ReadStreamAsync(streams[i]).ConfigureAwait(false);
                events[i] = [.. serializer.Deserialize(stored)];
            }
        }).ConfigureAwait(false);
        GC.KeepAlive(events);

        var machines = new RawStatelessCycle[Cycles];
        var facts = new CycleFacts();
        var (machineBytes, _) = await KeptAsync(() =>
        {
            for (var i = 0; i < Cycles; i++)
            {
                machines[i] = new RawStatelessCycle(facts);
            }

            return Task.CompletedTask;
        }).ConfigureAwait(false);
        GC.KeepAlive(machines);

        var inv = CultureInfo.InvariantCulture;
        var csv = string.Join(
            '\n',
            "Measure,Bytes per cycle",
            string.Create(inv, $"Kept per loaded cycle (13 events: aggregate + state + history),{cycleBytes / Cycles}"),
            string.Create(inv, $"Kept per history alone (the 13 deserialized events),{eventBytes / Cycles}"),
            string.Create(inv, $"Kept by the aggregate beyond its events (state + object + list),{(cycleBytes - eventBytes) / Cycles}"),
            string.Create(inv, $"Allocated while loading one cycle (read + deserialize + replay),{cycleAllocated / Cycles}"),
            string.Create(inv, $"Kept per raw Stateless machine configured per cycle (not done by the library),{machineBytes / Cycles}"),
            string.Empty);
        Directory.CreateDirectory(resultsDirectory);
        var path = Path.Combine(resultsDirectory, "retained-memory.csv");
        await File.WriteAllTextAsync(path, csv).ConfigureAwait(false);
        return path;
    }

    private static async Task<(long Kept, long Allocated)> KeptAsync(Func<Task> work)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await work().ConfigureAwait(false);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (after - before, allocated);
    }
}
