using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace CoProduction;

/// <summary>
/// An aggregate's state machine, defined once: states, triggers, destinations and the library's
/// own typed guards. The library decides commands from its own table; the same definition
/// configures Stateless (<c>PermitIf</c> / <c>InternalTransitionIf</c> with the same guard
/// descriptions), which draws the diagrams and, in the tests, answers every question the same way.
/// </summary>
/// <remarks>
/// Deciding reads no Stateless internals and allocates nothing on the accepted path: a table
/// lookup and the guards' predicates. A refusal is built only when a command is refused, as
/// <see cref="Refusal"/> data. The table also checks replayed histories (guards aside).
/// </remarks>
/// <typeparam name="TStatus">The state enum (int-backed).</typeparam>
/// <typeparam name="TTrigger">The trigger enum (int-backed).</typeparam>
/// <typeparam name="TContext">What guards read: the aggregate's state, or a decision context over it.</typeparam>
internal sealed class AggregateMachine<TStatus, TTrigger, TContext>
    where TStatus : struct, Enum
    where TTrigger : struct, Enum
    where TContext : class
{
    private readonly Func<TContext, TStatus> statusOf;
    private readonly TTrigger[] triggers = Enum.GetValues<TTrigger>();
    private readonly int triggerCount;
    private readonly Transition[]?[] table;
    private readonly List<TStatus> states = [];
    private readonly List<Transition> transitions = [];
    private readonly Lazy<StateMachineInfo> info;

    /// <summary>Defines the machine.</summary>
    /// <param name="statusOf">Reads the current state from a context.</param>
    /// <param name="define">Declares the states and their transitions.</param>
    public AggregateMachine(Func<TContext, TStatus> statusOf, Action<Builder> define)
    {
        if (Unsafe.SizeOf<TStatus>() != sizeof(int) || Unsafe.SizeOf<TTrigger>() != sizeof(int))
        {
            throw new InvalidOperationException("State and trigger enums must be int-backed.");
        }

        this.statusOf = statusOf ?? throw new ArgumentNullException(nameof(statusOf));
        ArgumentNullException.ThrowIfNull(define);
        var statusCount = 0;
        foreach (var s in Enum.GetValues<TStatus>())
        {
            statusCount = Math.Max(statusCount, Index(s) + 1);
        }

        foreach (var t in triggers)
        {
            triggerCount = Math.Max(triggerCount, Index(t) + 1);
        }

        define(new Builder(this));
        var cells = new List<Transition>?[statusCount * triggerCount];
        foreach (var t in transitions)
        {
            (cells[Cell(t.From, t.Trigger)] ??= []).Add(t);
        }

        table = new Transition[]?[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            table[i] = cells[i]?.ToArray();
        }

        info = new Lazy<StateMachineInfo>(() => ToStateless(() => throw new InvalidOperationException("A diagram runs no guard."), states[0]).GetInfo());
    }

    /// <summary>Gets every trigger, in enum order.</summary>
    public IReadOnlyList<TTrigger> Triggers => triggers;

    /// <summary>Gets every transition, in the order defined.</summary>
    public IReadOnlyList<Transition> Transitions => transitions;

    /// <summary>Whether <paramref name="trigger"/> is accepted for <paramref name="context"/>: some transition for it in the current state has every guard met.</summary>
    /// <param name="context">What the guards read.</param>
    /// <param name="trigger">The trigger.</param>
    /// <returns><see langword="true"/> when accepted.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Permits(TContext context, TTrigger trigger) => Find(context, statusOf(context), trigger) is not null;

    /// <summary>Decides <paramref name="trigger"/>: the transition taken, or why not.</summary>
    /// <param name="context">What the guards read.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="refusal">Why not, when refused (built only then).</param>
    /// <returns>Whether accepted.</returns>
    public bool TryDecide(TContext context, TTrigger trigger, out Refusal? refusal)
    {
        if (Find(context, statusOf(context), trigger) is not null)
        {
            refusal = null;
            return true;
        }

        refusal = Explain(context, trigger);
        return false;
    }

    /// <summary>Why <paramref name="trigger"/> is refused for <paramref name="context"/>: not possible in the state, or the unmet guards with their reasons.</summary>
    /// <param name="context">What the guards read.</param>
    /// <param name="trigger">The trigger.</param>
    /// <returns>The refusal; meaningful only when <see cref="Permits"/> is <see langword="false"/>.</returns>
    public Refusal Explain(TContext context, TTrigger trigger)
    {
        var status = statusOf(context);
        var candidates = Cell(status, trigger) is var i && (uint)i < (uint)table.Length ? table[i] : null;
        if (candidates is null)
        {
            return Refusal.NotPossible($"{trigger} is not possible in {status}");
        }

        var unmet = new List<UnmetGuard>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var transition in candidates)
        {
            foreach (var guard in transition.Guards)
            {
                if (!guard.Holds(context) && seen.Add(guard.Description))
                {
                    unmet.Add(guard.Explain(context));
                }
            }
        }

        return unmet.Count == 0
            ? Refusal.NotPossible($"{trigger} is not possible in {status}")
            : Refusal.GuardsUnmet(unmet);
    }

    /// <summary>The exception for a refused command, naming the triggers allowed instead.</summary>
    /// <param name="context">What the guards read.</param>
    /// <param name="trigger">The trigger tried.</param>
    /// <param name="aggregate">The aggregate's description, for example <c>cycle 'kilifi-2016'</c>.</param>
    /// <param name="refusal">Why.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    public CommandRejectedException Reject(TContext context, TTrigger trigger, string aggregate, Refusal refusal)
    {
        var permitted = Permitted(context);
        var boxed = new Enum[permitted.Count];
        for (var i = 0; i < boxed.Length; i++)
        {
            boxed[i] = permitted[i];
        }

        return new CommandRejectedException(aggregate, statusOf(context), trigger, boxed, refusal);
    }

    /// <summary>The triggers accepted now, in enum order.</summary>
    /// <param name="context">What the guards read.</param>
    /// <returns>The permitted triggers.</returns>
    public IReadOnlyList<TTrigger> Permitted(TContext context)
    {
        var status = statusOf(context);
        var permitted = new List<TTrigger>();
        foreach (var t in triggers)
        {
            if (Find(context, status, t) is not null)
            {
                permitted.Add(t);
            }
        }

        return permitted;
    }

    /// <summary>Every trigger, permitted or refused with its reasons, in enum order.</summary>
    /// <param name="context">What the guards read.</param>
    /// <returns>One entry per trigger.</returns>
    public IReadOnlyList<TriggerAvailability<TTrigger>> Availability(TContext context)
    {
        var status = statusOf(context);
        var result = new TriggerAvailability<TTrigger>[triggers.Length];
        for (var i = 0; i < triggers.Length; i++)
        {
            var t = triggers[i];
            result[i] = new TriggerAvailability<TTrigger>(t, Find(context, status, t) is null ? Explain(context, t) : null);
        }

        return result;
    }

    /// <summary>Whether the table has <paramref name="trigger"/> leading from <paramref name="from"/> to <paramref name="to"/>, guards aside.</summary>
    /// <param name="from">The state before the event.</param>
    /// <param name="trigger">The trigger the event records.</param>
    /// <param name="to">The state after it (equal to <paramref name="from"/> for a record).</param>
    /// <returns>Whether the table allows it.</returns>
    public bool Allows(TStatus from, TTrigger trigger, TStatus to)
    {
        var i = Cell(from, trigger);
        if ((uint)i >= (uint)table.Length || table[i] is not { } candidates)
        {
            return false;
        }

        foreach (var t in candidates)
        {
            if (EqualityComparer<TStatus>.Default.Equals(t.To, to))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Checks one replayed event: <see langword="null"/> when the table allows it, else what is wrong, as a sentence.</summary>
    /// <param name="from">The state before the event.</param>
    /// <param name="trigger">The trigger the event records.</param>
    /// <param name="to">The state after it.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    public string? CheckReplay(TStatus from, TTrigger trigger, TStatus to)
        => Allows(from, trigger, to) ? null : $"{trigger} does not lead from {from} to {to}.";

    /// <summary>A Stateless machine configured from this definition, its guards reading <paramref name="context"/> and its state held outside it.</summary>
    /// <param name="context">Returns what the guards read.</param>
    /// <param name="initial">The state to start in.</param>
    /// <returns>A new, configured Stateless machine.</returns>
    public StateMachine<TStatus, TTrigger> ToStateless(Func<TContext> context, TStatus initial)
    {
        var current = initial;
        var machine = new StateMachine<TStatus, TTrigger>(() => current, s => current = s);
        foreach (var s in states)
        {
            machine.Configure(s);
        }

        foreach (var t in transitions)
        {
            var configuration = machine.Configure(t.From);
            var guards = t.Guards;
            if (t.IsInternal)
            {
                if (guards.Length == 0)
                {
                    configuration.InternalTransitionIf(t.Trigger, static _ => true, static () => { }, t.Label);
                }
                else
                {
                    var guard = guards[0];
                    configuration.InternalTransitionIf(t.Trigger, _ => guard.Holds(context()), static () => { }, guard.Description);
                }

                continue;
            }

            var conditions = new Tuple<Func<bool>, string>[guards.Length];
            for (var i = 0; i < guards.Length; i++)
            {
                var guard = guards[i];
                conditions[i] = Tuple.Create<Func<bool>, string>(() => guard.Holds(context()), guard.Description);
            }

            if (EqualityComparer<TStatus>.Default.Equals(t.From, t.To))
            {
                configuration.PermitReentryIf(t.Trigger, conditions);
            }
            else if (conditions.Length == 0)
            {
                configuration.Permit(t.Trigger, t.To);
            }
            else
            {
                configuration.PermitIf(t.Trigger, t.To, conditions);
            }
        }

        return machine;
    }

    /// <summary>The machine as a Mermaid <c>stateDiagram-v2</c>, generated by Stateless from the same definition.</summary>
    /// <returns>Mermaid text.</returns>
    public string ToMermaid() => MermaidGraph.Format(info.Value);

    /// <summary>The machine as a DOT (Graphviz) graph, generated by Stateless from the same definition.</summary>
    /// <returns>DOT text.</returns>
    public string ToDotGraph() => UmlDotGraph.Format(info.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(TStatus value) => Unsafe.As<TStatus, int>(ref value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(TTrigger value) => Unsafe.As<TTrigger, int>(ref value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Cell(TStatus status, TTrigger trigger)
    {
        var t = Index(trigger);
        return (uint)t < (uint)triggerCount ? (Index(status) * triggerCount) + t : -1;
    }

    private Transition? Find(TContext context, TStatus status, TTrigger trigger)
    {
        var i = Cell(status, trigger);
        if ((uint)i >= (uint)table.Length || table[i] is not { } candidates)
        {
            return null;
        }

        foreach (var transition in candidates)
        {
            var met = true;
            foreach (var guard in transition.Guards)
            {
                if (!guard.Holds(context))
                {
                    met = false;
                    break;
                }
            }

            if (met)
            {
                return transition;
            }
        }

        return null;
    }

    /// <summary>One transition of the table: from a state, on a trigger, to a state (the same one for a record), under guards.</summary>
    /// <param name="From">The state it leaves.</param>
    /// <param name="Trigger">The trigger.</param>
    /// <param name="To">The state it enters.</param>
    /// <param name="IsInternal">Whether it records something inside the state (an internal transition).</param>
    /// <param name="Guards">The guards, all of which must hold.</param>
    /// <param name="Label">What an unguarded record records, as the diagrams show it; <see langword="null"/> otherwise.</param>
    internal sealed record Transition(TStatus From, TTrigger Trigger, TStatus To, bool IsInternal, Guard<TContext>[] Guards, string? Label = null);

    /// <summary>Declares the machine's states and transitions.</summary>
    internal sealed class Builder
    {
        private readonly AggregateMachine<TStatus, TTrigger, TContext> owner;

        internal Builder(AggregateMachine<TStatus, TTrigger, TContext> owner) => this.owner = owner;

        /// <summary>Declares a state (once is enough) and returns what configures it.</summary>
        /// <param name="status">The state.</param>
        /// <returns>The state's configuration.</returns>
        public StateBuilder In(TStatus status)
        {
            if (!owner.states.Contains(status))
            {
                owner.states.Add(status);
            }

            return new StateBuilder(owner, status);
        }
    }

    /// <summary>Declares the transitions out of one state.</summary>
    internal sealed class StateBuilder
    {
        private readonly AggregateMachine<TStatus, TTrigger, TContext> owner;
        private readonly TStatus from;

        internal StateBuilder(AggregateMachine<TStatus, TTrigger, TContext> owner, TStatus from)
        {
            this.owner = owner;
            this.from = from;
        }

        /// <summary>The trigger leads to <paramref name="to"/> when every guard holds.</summary>
        /// <param name="trigger">The trigger.</param>
        /// <param name="to">The destination.</param>
        /// <param name="guards">The guards.</param>
        /// <returns>This configuration.</returns>
        public StateBuilder Permit(TTrigger trigger, TStatus to, params Guard<TContext>[] guards)
        {
            if (!owner.states.Contains(to))
            {
                owner.states.Add(to);
            }

            owner.transitions.Add(new Transition(from, trigger, to, false, guards));
            return this;
        }

        /// <summary>The trigger records something inside the state (an internal transition), whatever the records so far.</summary>
        /// <param name="trigger">The trigger.</param>
        /// <param name="records">What it records, as the diagrams show it, for example "another discussion".</param>
        /// <returns>This configuration.</returns>
        public StateBuilder Record(TTrigger trigger, string records)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(records);
            owner.transitions.Add(new Transition(from, trigger, from, true, [], records));
            return this;
        }

        /// <summary>The trigger records something inside the state (an internal transition) when the guard holds.</summary>
        /// <param name="trigger">The trigger.</param>
        /// <param name="guard">The guard: Stateless takes one per internal transition, and the diagrams show its description.</param>
        /// <returns>This configuration.</returns>
        public StateBuilder Record(TTrigger trigger, Guard<TContext> guard)
        {
            ArgumentNullException.ThrowIfNull(guard);
            owner.transitions.Add(new Transition(from, trigger, from, true, [guard]));
            return this;
        }
    }
}
