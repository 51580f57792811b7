using System.Collections.Generic;
using CoProduction.Events;

namespace CoProduction.Ledger;

/// <summary>
/// An impact claimed for the work (the paper's Boxes 3 and 4): instrumental — a policy, a law or a
/// practice changed — or conceptual — a way of thinking changed; at a level of the system, with its
/// evidence and who observed it, and the outputs, engagements and insights that led to it.
/// Claimed → Corroborated (once), and either → Retracted.
/// </summary>
public sealed partial class Impact : AggregateRoot<ImpactId, ImpactState, IImpactEvent>, IEventSourcedAggregate<Impact>
{
    private Impact(ImpactId id)
        : base(id, StreamCategory, ImpactState.Initial)
    {
    }

    /// <summary>Gets the stream-name prefix of impacts: <c>impact</c>.</summary>
    public static string StreamCategory => "impact";

    /// <summary>Gets the machine's current stage.</summary>
    public ImpactStatus Status => State.Status;

    /// <inheritdoc/>
    protected override string Description => $"impact '{Id}'";

    private static AggregateMachine<ImpactStatus, ImpactTrigger, ImpactState> Machine => ImpactMachine.Machine;

    /// <summary>Claims an impact.</summary>
    /// <param name="impact">What is claimed: its id, site, statement, day, change, level, evidence, observer and what led to it.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <returns>The impact, <see cref="ImpactStatus.Claimed"/>, with one uncommitted event.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="stamp"/> names no actor.</exception>
    public static Impact Record(ImpactRecording impact, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(impact);
        var recorded = new Impact(impact.Id);
        recorded.Create(stamp, new ImpactRecorded(
            impact.Id, impact.Site, impact.Statement, impact.On, impact.Change, impact.Level, impact.Evidence, impact.ObservedBy,
            impact.Outputs, impact.Engagements, impact.Insights, stamp.At, stamp.By));
        return recorded;
    }

    /// <summary>Rebuilds an impact from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="ImpactRecorded"/>.</param>
    /// <returns>The impact, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static Impact Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<Impact, ImpactRecorded>(stream, history, static e => new Impact(e.Impact));

    /// <summary>The impact's machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration.</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger, in enum order.</returns>
    public IReadOnlyList<TriggerAvailability<ImpactTrigger>> Availability() => Machine.Availability(State);

    /// <inheritdoc/>
    private protected override ImpactState Apply(ImpactState state, IImpactEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(ImpactState before, IImpactEvent @event, ImpactState after)
        => Machine.CheckReplay(before.Status, ImpactMachine.TriggerOf(@event), after.Status);
}
