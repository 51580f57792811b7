using System.Collections.Generic;
using CoProduction.Events;

namespace CoProduction.Ledger;

/// <summary>
/// An insight with identity: what a team learnt, by whom, when and where (a meeting, a cycle's
/// reflection, an observation), its themes, the earlier insights it builds on, and what it seeded.
/// Recorded (seeding as often as needed) → Retracted.
/// </summary>
public sealed partial class Insight : AggregateRoot<InsightId, InsightState, IInsightEvent>, IEventSourcedAggregate<Insight>
{
    private Insight(InsightId id)
        : base(id, StreamCategory, InsightState.Initial)
    {
    }

    /// <summary>Gets the stream-name prefix of insights: <c>insight</c>.</summary>
    public static string StreamCategory => "insight";

    /// <summary>Gets the machine's current stage.</summary>
    public InsightStatus Status => State.Status;

    /// <inheritdoc/>
    protected override string Description => $"insight '{Id}'";

    private static AggregateMachine<InsightStatus, InsightTrigger, InsightState> Machine => InsightMachine.Machine;

    /// <summary>Records an insight.</summary>
    /// <param name="insight">What is recorded: its id, site, statement, day, authors, source, themes and the insights it builds on.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <returns>The insight, <see cref="InsightStatus.Recorded"/>, with one uncommitted event.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="stamp"/> names no actor.</exception>
    public static Insight Record(InsightRecording insight, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(insight);
        var recorded = new Insight(insight.Id);
        recorded.Create(stamp, new InsightRecorded(
            insight.Id, insight.Site, insight.Statement, insight.On, insight.Authors, insight.Source, insight.SourceReference, insight.Themes, insight.BuildsOn, stamp.At, stamp.By));
        return recorded;
    }

    /// <summary>Rebuilds an insight from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="InsightRecorded"/>.</param>
    /// <returns>The insight, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static Insight Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<Insight, InsightRecorded>(stream, history, static e => new Insight(e.Insight));

    /// <summary>The insight's machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration.</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger, in enum order.</returns>
    public IReadOnlyList<TriggerAvailability<InsightTrigger>> Availability() => Machine.Availability(State);

    /// <inheritdoc/>
    private protected override InsightState Apply(InsightState state, IInsightEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(InsightState before, IInsightEvent @event, InsightState after)
        => Machine.CheckReplay(before.Status, InsightMachine.TriggerOf(@event), after.Status);
}
