using System;
using Stateless;

namespace CoProduction.Benchmarks.Baselines;

/// <summary>The baseline a developer would hand-roll: a Stateless machine with guarded transitions over the five stages.</summary>
public sealed class RawStatelessCycle
{
    private readonly CycleFacts facts;

    public RawStatelessCycle(CycleFacts facts)
    {
        this.facts = facts;
        Machine = new StateMachine<Stage, Step>(() => State, s => State = s);
        Machine.Configure(Stage.Planning)
            .PermitIf(
                Step.StartActing,
                Stage.Acting,
                new Tuple<Func<bool>, string>(() => this.facts.Activities > 0, "at least one planned activity"),
                new Tuple<Func<bool>, string>(() => this.facts.EndorsedByResearcher && this.facts.EndorsedByManager, "endorsed by a researcher and a manager"),
                new Tuple<Func<bool>, string>(() => this.facts.AllCovered, "every activity covered by an approved protocol"));
        Machine.Configure(Stage.Acting).PermitIf(Step.StartReflecting, Stage.Reflecting, () => this.facts.Actions > 0, "at least one action");
        Machine.Configure(Stage.Reflecting).PermitIf(Step.StartEvaluating, Stage.Evaluating, () => this.facts.Reflections > 0, "at least one reflection");
        Machine.Configure(Stage.Evaluating).PermitIf(Step.StartRevising, Stage.Revising, () => this.facts.Evaluations >= this.facts.Activities, "every activity evaluated");
        Machine.Configure(Stage.Revising).PermitIf(Step.Complete, Stage.Completed, () => this.facts.Revisions > 0, "a revision or no-change decision");
    }

    public Stage State { get; set; }

    public StateMachine<Stage, Step> Machine { get; }
}
