using System.Collections.Generic;
using CoProduction.Events;

namespace CoProduction.Ledger;

/// <summary>
/// A wider engagement, one of the activities of the paper's Table 2 that extend and deepen the learning:
/// engaging higher levels of the system, responding to a managerial request, involving managers in
/// wider activities, or linking research to teaching; with its participants across sites, the effort
/// it took in person-hours by role, what it cost in the currency paid, and the insights it carried.
/// Recorded (adding effort, costs and insights as often as needed) → Retracted.
/// </summary>
/// <remarks>
/// Named <c>WiderEngagement</c>, not <c>Engagement</c>: <see cref="Sites.Engagement"/> is a member's
/// engagement on a site's roster (what relationship health reads), a different, smaller fact.
/// </remarks>
public sealed partial class WiderEngagement : AggregateRoot<EngagementId, WiderEngagementState, IWiderEngagementEvent>, IEventSourcedAggregate<WiderEngagement>
{
    private WiderEngagement(EngagementId id)
        : base(id, StreamCategory, WiderEngagementState.Initial)
    {
    }

    /// <summary>Gets the stream-name prefix of wider engagements: <c>engagement</c>.</summary>
    public static string StreamCategory => "engagement";

    /// <summary>Gets the machine's current stage.</summary>
    public WiderEngagementStatus Status => State.Status;

    /// <inheritdoc/>
    protected override string Description => $"engagement '{Id}'";

    private static AggregateMachine<WiderEngagementStatus, WiderEngagementTrigger, WiderEngagementState> Machine => WiderEngagementMachine.Machine;

    /// <summary>Records a wider engagement.</summary>
    /// <param name="engagement">What is recorded: its id, site, title, day, kind with its details, participants and insights.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <returns>The engagement, <see cref="WiderEngagementStatus.Recorded"/>, with one uncommitted event.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="stamp"/> names no actor.</exception>
    public static WiderEngagement Record(EngagementRecording engagement, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(engagement);
        var recorded = new WiderEngagement(engagement.Id);
        recorded.Create(stamp, new WiderEngagementRecorded(
            engagement.Id, engagement.Site, engagement.Title, engagement.On, engagement.Kind,
            engagement.HigherLevel, engagement.Request, engagement.Activity, engagement.Teaching,
            engagement.Participants, engagement.Insights, stamp.At, stamp.By));
        return recorded;
    }

    /// <summary>Rebuilds a wider engagement from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="WiderEngagementRecorded"/>.</param>
    /// <returns>The engagement, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static WiderEngagement Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<WiderEngagement, WiderEngagementRecorded>(stream, history, static e => new WiderEngagement(e.Engagement));

    /// <summary>The wider engagement's machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration.</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger, in enum order.</returns>
    public IReadOnlyList<TriggerAvailability<WiderEngagementTrigger>> Availability() => Machine.Availability(State);

    /// <inheritdoc/>
    private protected override WiderEngagementState Apply(WiderEngagementState state, IWiderEngagementEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(WiderEngagementState before, IWiderEngagementEvent @event, WiderEngagementState after)
        => Machine.CheckReplay(before.Status, WiderEngagementMachine.TriggerOf(@event), after.Status);
}
