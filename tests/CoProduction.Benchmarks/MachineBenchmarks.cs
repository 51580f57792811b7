using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using CoProduction.Benchmarks.Baselines;
using CoProduction.Benchmarks.Library;
using CoProduction.Cycles;

namespace CoProduction.Benchmarks;

/// <summary>
/// (1), (2), (4): deciding one command on the five-stage cycle. Raw Stateless and the switch are the
/// baselines; the library's refused command changes nothing, so it repeats on one cycle.
/// </summary>
[MemoryDiagnoser]
public class MachineBenchmarks
{
    private readonly CycleFacts facts = new();
    private readonly CycleFacts unmetFacts = new() { EndorsedByManager = false };
    private RawStatelessCycle raw = null!;
    private RawStatelessCycle rawUnmet = null!;
    private Cycle blocked = null!;
    private Stage stage;

    [GlobalSetup]
    public void Setup()
    {
        raw = new RawStatelessCycle(facts);
        rawUnmet = new RawStatelessCycle(unmetFacts);
        blocked = BenchSite.ReadyToAct(0);
    }

    /// <summary>(1) The baseline: a guarded Stateless <c>Fire</c> (Planning → Acting, three guards).</summary>
    [Benchmark(Baseline = true)]
    public Stage Raw_Stateless_guarded_Fire()
    {
        raw.State = Stage.Planning;
        raw.Machine.Fire(Step.StartActing);
        return raw.State;
    }

    /// <summary>(1) A raw Stateless <c>CanFire</c> with its guards.</summary>
    [Benchmark]
    public bool Raw_Stateless_CanFire()
    {
        raw.State = Stage.Planning;
        return raw.Machine.CanFire(Step.StartActing);
    }

    /// <summary>(1) A raw Stateless <c>CanFire</c> that lists the unmet guards (what a rejection needs).</summary>
    [Benchmark]
    public int Raw_Stateless_CanFire_unmet_reasons()
    {
        rawUnmet.State = Stage.Planning;
        rawUnmet.Machine.CanFire(Step.StartActing, out ICollection<string>? unmet);
        return unmet?.Count ?? 0;
    }

    /// <summary>(2) The physical limit: a hand-written switch with the same guards.</summary>
    [Benchmark]
    public Stage Switch_guarded_fire()
    {
        stage = Stage.Planning;
        SwitchCycle.TryFire(ref stage, Step.StartActing, facts);
        return stage;
    }

    /// <summary>(4) The library: StartActing refused (no manager endorsed), caught, with its reasons and the permitted triggers.</summary>
    [Benchmark]
    public int Library_rejected_StartActing_with_reasons()
    {
        try
        {
            blocked.StartActing(BenchSite.RulesWithoutManager.At(new Stamp(BenchSite.On(2, 15), BenchSite.By)));
            throw new InvalidOperationException("The command should have been refused.");
        }
        catch (CommandRejectedException ex)
        {
            return ex.Reasons.Count;
        }
    }

    /// <summary>(4) The raw baseline of a refusal: Stateless <c>Fire</c> with an unmet guard throws.</summary>
    [Benchmark]
    public int Raw_Stateless_rejected_Fire()
    {
        rawUnmet.State = Stage.Planning;
        try
        {
            rawUnmet.Machine.Fire(Step.StartActing);
            throw new InvalidOperationException("The trigger should have been refused.");
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message.Length;
        }
    }
}
