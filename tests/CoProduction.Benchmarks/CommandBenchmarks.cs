using System;
using System.Threading;
using BenchmarkDotNet.Attributes;
using CoProduction.Benchmarks.Library;
using CoProduction.Cycles;

namespace CoProduction.Benchmarks;

/// <summary>
/// (3): the library's accepted commands, as an app runs them: on a cycle just loaded from its history.
/// An accepted command changes its cycle, so each iteration first rehydrates <see cref="Batch"/>
/// cycles ready for the command (not measured; few enough to stay in cache, as a cycle an app has
/// just loaded is) and the one invocation runs the command once on each of them; the mean is per
/// command. Iterations are short, so there are more of them than in the short job.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
[WarmupCount(5)]
[IterationCount(30)]
public class CommandBenchmarks
{
    /// <summary>Commands per invocation (one fresh cycle each).</summary>
    public const int Batch = 256;

    private readonly Cycle[] ready = new Cycle[Batch];
    private readonly Cycle[] acting = new Cycle[Batch];
    private Cycle readyTemplate = null!;
    private Cycle actingTemplate = null!;

    [GlobalSetup]
    public void Setup()
    {
        readyTemplate = BenchSite.ReadyToAct(0);
        actingTemplate = BenchSite.Acting(0);

        // One invocation per iteration runs too few commands for the JIT to reach its optimized tier
        // (the raw machine's benchmarks run millions of calls); warm the commands up here, pausing so
        // the background compilation finishes.
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 2_000; i++)
            {
                Cycle.Rehydrate(readyTemplate.StreamId, readyTemplate.History).StartActing(BenchSite.Rules.At(new Stamp(BenchSite.On(2, 15), BenchSite.By)));
                Cycle.Rehydrate(actingTemplate.StreamId, actingTemplate.History).RecordAction(BenchSite.Action, BenchSite.Rules.At(new Stamp(BenchSite.On(3, 2), BenchSite.By)));
            }

            Thread.Sleep(250);
        }

        BuildReadyCycles();
        Library_accepted_StartActing();
        BuildActingCycles();
        Library_accepted_RecordAction();
    }

    [IterationSetup(Targets = [nameof(Library_accepted_StartActing)])]
    public void BuildReadyCycles()
    {
        for (var i = 0; i < ready.Length; i++)
        {
            ready[i] = Cycle.Rehydrate(readyTemplate.StreamId, readyTemplate.History);
        }

        // The setup's garbage is collected now, not during the measured commands.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [IterationSetup(Targets = [nameof(Library_accepted_RecordAction)])]
    public void BuildActingCycles()
    {
        for (var i = 0; i < acting.Length; i++)
        {
            acting[i] = Cycle.Rehydrate(actingTemplate.StreamId, actingTemplate.History);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>(3) The library: StartActing on a ready cycle (guards read the cycle, the roster and the ethics gate; one event recorded).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void Library_accepted_StartActing()
    {
        var context = BenchSite.Rules.At(new Stamp(BenchSite.On(2, 15), BenchSite.By));
        var cycles = ready;
        for (var i = 0; i < cycles.Length; i++)
        {
            cycles[i].StartActing(context);
        }
    }

    /// <summary>(3) The library: an internal record command (RecordAction in Acting, with its ethics-gate check; one event recorded).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public void Library_accepted_RecordAction()
    {
        var context = BenchSite.Rules.At(new Stamp(BenchSite.On(3, 2), BenchSite.By));
        var cycles = acting;
        for (var i = 0; i < cycles.Length; i++)
        {
            cycles[i].RecordAction(BenchSite.Action, context);
        }
    }
}
