using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CoProduction.Benchmarks.Baselines;
using CoProduction.Benchmarks.Library;
using CoProduction.Cycles;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Benchmarks;

/// <summary>
/// (5) Replay. Means are per event where <c>OperationsPerInvoke</c> is the history's length:
/// the hand-written switch folds the same events into a stage and counters; the library rehydrates
/// a whole cycle (state records, history, transition-table checks).
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    /// <summary>Events in the long history.</summary>
    public const int LongEvents = 1_000;

    /// <summary>Cycles of <see cref="BenchSite.FullCycleEvents"/> events replayed by the one-million-event benchmark.</summary>
    public const int MillionCycles = 1_000_000 / BenchSite.FullCycleEvents;

    private IReadOnlyList<IDomainEvent> full = [];
    private IReadOnlyList<IDomainEvent> longHistory = [];
    private StreamId fullStream;
    private StreamId longStream;
    private AggregateRepository<Cycle> repository = null!;

    [GlobalSetup]
    public void Setup()
    {
        var cycle = BenchSite.Completed(1);
        full = [.. cycle.History];
        fullStream = cycle.StreamId;
        var longCycle = BenchSite.LongActing(2, LongEvents);
        longHistory = [.. longCycle.History];
        longStream = longCycle.StreamId;

        var store = new InMemoryEventStore();
        repository = new AggregateRepository<Cycle>(store, EventSerializer.Default);
        store.AppendAsync(fullStream, 0, EventSerializer.Default.Serialize(full)).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>(2, 5) The physical limit of replay: a hand-written type switch folding the same 13 events into a stage and counters.</summary>
    [Benchmark(OperationsPerInvoke = BenchSite.FullCycleEvents)]
    public int Switch_replay_per_event() => SwitchReplay.Fold(full);

    /// <summary>(5) Rehydrating a whole cycle (plan to completion, 13 events), per event.</summary>
    [Benchmark(OperationsPerInvoke = BenchSite.FullCycleEvents)]
    public long Library_replay_per_event() => Cycle.Rehydrate(fullStream, full).Version;

    /// <summary>(5) Rehydrating a cycle with a 1,000-event history (mostly actions), per event.</summary>
    [Benchmark(OperationsPerInvoke = LongEvents)]
    public long Library_replay_per_event_long_history() => Cycle.Rehydrate(longStream, longHistory).Version;

    /// <summary>(5) One million events: 76,923 whole cycles of 13 events rehydrated (999,999 events), per run.</summary>
    [Benchmark]
    public long Library_replay_one_million_events()
    {
        long total = 0;
        for (var i = 0; i < MillionCycles; i++)
        {
            total += Cycle.Rehydrate(fullStream, full).Version;
        }

        return total;
    }

    /// <summary>(5) Loading a whole cycle (13 events) from the in-memory store through the repository: read, deserialize, replay.</summary>
    [Benchmark]
    public async Task<long> Library_load_cycle_from_in_memory_store()
        => (await repository.LoadAsync(fullStream).ConfigureAwait(false)).Version;
}
