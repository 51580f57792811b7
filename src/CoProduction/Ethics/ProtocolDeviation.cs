using System.Collections.Generic;
using System.Linq;
using CoProduction.Cycles;
using CoProduction.Events;
using CoProduction.Protocols;
using NodaTime;

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
    /// <exception cref="UnknownCommitteeException">The rules know no policy for the protocol's committee.</exception>
    public static ProtocolDeviation Record(DeviationRecording deviation, Protocol protocol, ProtocolContext context)
    {
        System.ArgumentNullException.ThrowIfNull(deviation);
        System.ArgumentNullException.ThrowIfNull(protocol);
        System.ArgumentNullException.ThrowIfNull(context);
        var due = DueOn(deviation, protocol, context);
        var recorded = new ProtocolDeviation(deviation.Id);
        recorded.Create(context.Stamp, new DeviationRecorded(
            deviation.Id, protocol.Id, deviation.Activity, deviation.Description, deviation.Activity.Date, deviation.DiscoveredOn, due, context.Stamp.At, context.Stamp.By));
        return recorded;
    }

    /// <summary>
    /// Opens the deviation of an action a cycle recorded outside approval (<see cref="ActionRecordedOutsideApproval"/>):
    /// it names the protocol and version that lapsed, and its report is due the protocol's committee's working days after
    /// discovery, in the site's working-day calendar (<see cref="ProtocolRules.Calendar"/>).
    /// </summary>
    /// <param name="id">The deviation's id.</param>
    /// <param name="cycle">The cycle that recorded the action, with the event among its uncommitted or committed events.</param>
    /// <param name="recorded">The cycle's event.</param>
    /// <param name="protocol">The protocol the event names (<see cref="ApprovalLapse.Protocol"/>); its committee's policy, looked up in the rules, sets the deadline.</param>
    /// <param name="discoveredOn">When the team learned of it, in the site's calendar: the day the action was recorded.</param>
    /// <param name="context">When, by whom, and the rules (the registered committee policies and the site's working-day calendar).</param>
    /// <returns>The deviation, <see cref="DeviationStatus.Open"/>, with one uncommitted event.</returns>
    /// <exception cref="System.ArgumentException">The event names no protocol, or another protocol than <paramref name="protocol"/>; a default id.</exception>
    /// <exception cref="UnknownCommitteeException">The rules know no policy for the protocol's committee.</exception>
    public static ProtocolDeviation RecordOutsideApproval(
        DeviationId id, Cycle cycle, ActionRecordedOutsideApproval recorded, Protocol protocol, LocalDate discoveredOn, ProtocolContext context)
    {
        System.ArgumentNullException.ThrowIfNull(cycle);
        System.ArgumentNullException.ThrowIfNull(recorded);
        System.ArgumentNullException.ThrowIfNull(protocol);
        System.ArgumentNullException.ThrowIfNull(context);
        var lapse = recorded.Lapse;
        if (lapse.Protocol != protocol.Id)
        {
            throw new System.ArgumentException(
                $"The action on activity {lapse.Activity} deviates from protocol '{lapse.Protocol?.Value ?? "(none named)"}', not '{protocol.Id}': open its deviation against the protocol the cycle named.",
                nameof(protocol));
        }

        var planned = cycle.State.Activities.FirstOrDefault(a => a.Id == lapse.Activity)
            ?? throw new System.ArgumentException($"Cycle '{cycle.Id}' has no activity {lapse.Activity}.", nameof(recorded));
        var collection = planned.DataCollection
            ?? throw new System.ArgumentException($"Activity {lapse.Activity} of cycle '{cycle.Id}' collects no data: it needs no approval.", nameof(recorded));
        var activity = new ResearchActivity(planned.Title, collection.Method, collection.RespondentGroup, cycle.State.Site, lapse.On, collection.Participants);
        var version = lapse.ProtocolVersion is { } v ? $" version {v}" : string.Empty;
        var description = $"Action on '{planned.Title}' on {lapse.On.Iso()} was recorded outside approval of protocol '{protocol.Id}'{version} in cycle '{cycle.Id}': {string.Join(" ", lapse.Reasons)}";
        var deviation = new DeviationRecording(id, activity, description, LocalDate.Max(discoveredOn, lapse.On));
        var due = DueOn(deviation, protocol, context);
        var opened = new ProtocolDeviation(id);
        opened.Create(context.Stamp, new DeviationRecorded(
            id, protocol.Id, activity, description, activity.Date, deviation.DiscoveredOn, due, context.Stamp.At, context.Stamp.By,
            lapse.ProtocolVersion, cycle.Id, cycle.State.TimeZoneId));
        return opened;
    }

    private static LocalDate DueOn(DeviationRecording deviation, Protocol protocol, ProtocolContext context)
        => context.Rules.PolicyFor(protocol.State.Committee, $"record deviation '{deviation.Id}' from protocol '{protocol.Id}'")
            .DeviationReportDueOn(deviation.DiscoveredOn, context.Rules.Calendar);

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
