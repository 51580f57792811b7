using System.Collections.Generic;
using CoProduction.Events;
using CoProduction.Protocols;

namespace CoProduction.Ethics;

/// <summary>
/// An activity that happened outside approval, recorded with its reporting deadline (working days
/// after discovery, per the committee's policy and holiday calendar): Open → Reported → Closed.
/// </summary>
public sealed partial class ProtocolDeviation : AggregateRoot<DeviationId, ProtocolDeviationState, IDeviationEvent>, IEventSourcedAggregate<ProtocolDeviation>
{
    private ProtocolDeviation(DeviationId id)
        : base(id, StreamCategory, ProtocolDeviationState.Initial)
    {
    }

    /// <summary>Gets the stream-name prefix of deviations: <c>deviation</c>.</summary>
    public static string StreamCategory => "deviation";

    /// <summary>Gets the machine's current stage.</summary>
    public DeviationStatus Status => State.Status;

    /// <inheritdoc/>
    protected override string Description => $"deviation '{Id}'";

    private static AggregateMachine<DeviationStatus, DeviationTrigger, ProtocolDeviationState> Machine => ProtocolDeviationMachine.Machine;

    /// <summary>Records a deviation with its reporting deadline.</summary>
    /// <param name="deviation">What happened: id, activity, description and discovery date.</param>
    /// <param name="protocol">The protocol it deviates from; its committee's policy sets the deadline.</param>
    /// <param name="context">When, by whom, and the rules (the committee's policy and the working-day calendar).</param>
    /// <returns>The deviation, <see cref="DeviationStatus.Open"/>, with one uncommitted event.</returns>
    /// <exception cref="System.ArgumentException">The stamp names no actor.</exception>
    /// <exception cref="KeyNotFoundException">The rules know no policy for the protocol's committee.</exception>
    public static ProtocolDeviation Record(DeviationRecording deviation, Protocol protocol, ProtocolContext context)
    {
        System.ArgumentNullException.ThrowIfNull(deviation);
        System.ArgumentNullException.ThrowIfNull(protocol);
        System.ArgumentNullException.ThrowIfNull(context);
        var due = context.Rules.PolicyFor(protocol.State.Committee).DeviationReportDueOn(deviation.DiscoveredOn, context.Rules.Calendar);
        var recorded = new ProtocolDeviation(deviation.Id);
        recorded.Create(context.Stamp, new DeviationRecorded(
            deviation.Id, protocol.Id, deviation.Activity, deviation.Description, deviation.Activity.Date, deviation.DiscoveredOn, due, context.Stamp.At, context.Stamp.By));
        return recorded;
    }

    /// <summary>Rebuilds a deviation from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="DeviationRecorded"/>.</param>
    /// <returns>The deviation, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static ProtocolDeviation Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<ProtocolDeviation, DeviationRecorded>(stream, history, static e => new ProtocolDeviation(e.Deviation));

    /// <summary>The deviation's machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration.</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger, in enum order.</returns>
    public IReadOnlyList<TriggerAvailability<DeviationTrigger>> Availability() => Machine.Availability(State);

    /// <inheritdoc/>
    private protected override ProtocolDeviationState Apply(ProtocolDeviationState state, IDeviationEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(ProtocolDeviationState before, IDeviationEvent @event, ProtocolDeviationState after)
        => Machine.CheckReplay(before.Status, ProtocolDeviationMachine.TriggerOf(@event), after.Status);
}
