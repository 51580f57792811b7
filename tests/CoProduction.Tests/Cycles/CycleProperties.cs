using System.Collections.Generic;
using System;
using System.Linq;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CoProduction.Tests.Cycles;

/// <summary>DESIGN.md's invariants for cycles, over 1,000 generated command sequences each.</summary>
public sealed class CycleProperties
{
    [Property(MaxTest = 1000)]
    public Property Any_command_sequence_leaves_the_cycle_in_a_stage_its_machine_defines()
        => Prop.ForAll(CycleCommandSequences.Scenarios, scenario =>
        {
            var s = CycleCommandSequences.Run(scenario).Cycle.State;
            return Enum.IsDefined(s.Stage)
                && (s.Stage == CycleStage.Paused) == (s.PausedFrom is not null)
                && (s.PausedFrom is null || CycleMachine.WorkingStages.Contains(s.PausedFrom.Value))
                && (s.AbandonReason is not null) == (s.Stage == CycleStage.Abandoned)
                && s.Timeline.Count(v => v.Left is null) == (s.IsFinal ? 0 : 1);
        });

    [Property(MaxTest = 1000)]
    public Property Rejected_commands_change_nothing()
        => Prop.ForAll(CycleCommandSequences.Scenarios, scenario =>
        {
            var run = CycleCommandSequences.Run(scenario);
            return run.Violations.Count == 0 && run.Cycle.Version == 1 + run.Accepted;
        });

    [Property(MaxTest = 1000)]
    public Property Replaying_the_events_gives_the_same_state()
        => Prop.ForAll(CycleCommandSequences.Scenarios, scenario =>
        {
            var live = CycleCommandSequences.Run(scenario).Cycle;
            var loaded = Cycle.Rehydrate(live.StreamId, live.History.ToArray());
            return loaded.State == live.State && loaded.Version == live.Version;
        });

    [Property(MaxTest = 1000)]
    public Property Acting_is_never_entered_with_an_activity_the_gate_rejects_at_that_instant()
        => Prop.ForAll(CycleCommandSequences.Scenarios, scenario =>
        {
            var run = CycleCommandSequences.Run(scenario);
            var history = run.Cycle.History;
            for (var i = 0; i < history.Count; i++)
            {
                if (history[i] is not ActingStarted started)
                {
                    continue;
                }

                var day = started.At.InZone(KilifiSite.Zone).Date;
                var plan = Cycle.Rehydrate(run.Cycle.StreamId, history.Take(i).ToArray()).State.Activities;
                foreach (var planned in plan)
                {
                    if (planned.DataCollection is { } c
                        && !(Covered(run.Rules.EthicsGate, planned, c, planned.PlannedOn) && Covered(run.Rules.EthicsGate, planned, c, day)))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 1000)]
    public Property Events_round_trip_through_json_equal_and_rebuild_the_same_state()
        => Prop.ForAll(CycleCommandSequences.Scenarios, scenario =>
        {
            var live = CycleCommandSequences.Run(scenario).Cycle;
            var wire = live.History.Select(CycleJson.RoundTrip).ToArray();
            return wire.SequenceEqual(live.History) && Cycle.Rehydrate(live.StreamId, wire).State == live.State;
        });

    [Fact]
    public void Generated_runs_reach_every_stage()
    {
        // Guards against a generator that never gets past Planning, which would make the properties vacuous.
        // Rare outcomes may need more than one sample of 500: keep sampling up to 20,000 runs.
        var wanted = new[] { nameof(ActingStarted), nameof(ReflectingStarted), nameof(EvaluatingStarted), nameof(RevisingStarted), nameof(CycleCompleted), nameof(CyclePaused), nameof(CycleResumed), nameof(CycleAbandoned), nameof(ActionRecordedOutsideApproval), nameof(NextCycleStarted), nameof(ActivityWithdrawn), nameof(ActivityRedated) }.ToHashSet();
        var seen = new HashSet<string>();
        for (var runs = 0; runs < 20_000 && !wanted.IsSubsetOf(seen); runs += 500)
        {
            seen.UnionWith(Gen.Sample(CycleCommandSequences.Scenarios.Generator, 500)
                .SelectMany(s => CycleCommandSequences.Run(s).Cycle.History)
                .Select(e => e.GetType().Name));
        }

        Assert.Superset(wanted, seen);
    }

    private static bool Covered(IEthicsGate gate, PlannedActivity a, DataCollection c, NodaTime.LocalDate date)
        => gate.Check(new ResearchActivity(a.Title, c.Method, c.RespondentGroup, KilifiSite.Site, date)).IsCovered;
}
