using System;
using System.Collections.Generic;
using CoProduction.Events;
using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>
/// An action-learning cycle at a learning site: plan → act → reflect → evaluate → revise →
/// completed, which a shock may pause and the team may abandon. Every command is decided by the
/// cycle's state machine (its guards explain themselves) and, when accepted, recorded as an event.
/// </summary>
/// <remarks>
/// <para>
/// Commands take the instant (<c>clock.GetCurrentInstant()</c>), the actor, and the
/// <see cref="CycleRules"/> they decide with (ethics gate, roster, time zones, policy); the cycle
/// keeps none of them. Dates are read in the site's time zone recorded when the cycle started.
/// </para>
/// <para>
/// A refused command throws <see cref="CommandRejectedException"/> (stage, trigger, allowed
/// triggers, reasons) and changes nothing; bad arguments throw the <see cref="ArgumentException"/> family.
/// </para>
/// </remarks>
public sealed partial class Cycle : LegacyAggregateRoot<CycleId, CycleState, ICycleEvent>, IEventSourcedAggregate<Cycle>
{
    private readonly StreamId streamId;

    private Cycle(CycleId id, StreamId? stream = null)
        : base(id, CycleState.NotStarted)
    {
        streamId = stream ?? StreamId.For(StreamCategory, id);
    }

    /// <summary>Gets the stream-name prefix of cycles: <c>cycle</c>.</summary>
    public static string StreamCategory => "cycle";

    /// <inheritdoc/>
    public override StreamId StreamId => streamId;

    /// <summary>Gets the current stage.</summary>
    public CycleStage Stage => State.Stage;

    /// <inheritdoc/>
    protected override string Description => "cycle '" + Id.Value + "'";

    private static ExplainableMachine<CycleStage, CycleTrigger, CycleDecision> Machine => CycleMachine.Machine;

    /// <summary>Starts a cycle at a site, in Planning.</summary>
    /// <param name="id">The cycle's id.</param>
    /// <param name="site">The learning site.</param>
    /// <param name="number">The cycle's number in the site's sequence, from 1.</param>
    /// <param name="focus">What the cycle is about.</param>
    /// <param name="siteZone">The site's time zone (tzdb); its id is recorded and every date of the cycle is read in it.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="expectedStageLengths">How long working stages are expected to take; optional, at most one per stage.</param>
    /// <returns>The new cycle, with one uncommitted <see cref="CycleStarted"/> event.</returns>
    /// <exception cref="ArgumentException">An argument is missing, blank or out of range.</exception>
    public static Cycle Start(
        CycleId id,
        SiteId site,
        int number,
        string focus,
        DateTimeZone siteZone,
        Instant at,
        Actor by,
        IEnumerable<ExpectedStageLength>? expectedStageLengths = null)
    {
        ArgumentNullException.ThrowIfNull(siteZone);
        return Begin(id, site, number, focus, siteZone, at, by, ExpectedLengths(expectedStageLengths), null, []);
    }

    /// <summary>Rebuilds a cycle from its history without running guards, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first; the first is <see cref="CycleStarted"/>.</param>
    /// <returns>The cycle, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not begin with <see cref="CycleStarted"/>, belongs to another stream, or breaks the machine's table.</exception>
    public static Cycle Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0 || history[0] is not CycleStarted started)
        {
            throw new InvalidHistoryException(
                "cycle in stream '" + stream.Value + "'",
                1,
                history.Count == 0 ? "none" : history[0]?.GetType().Name ?? "null",
                "the history of a cycle begins with cycle.started.");
        }

        if (!IsStreamOf(stream, started.Cycle))
        {
            var other = new Cycle(started.Cycle);
            throw new InvalidHistoryException(
                other.Description, 1, nameof(CycleStarted), "it belongs to stream '" + other.StreamId.Value + "', not '" + stream.Value + "'.");
        }

        var cycle = new Cycle(started.Cycle, stream);

        cycle.Replay(history);
        return cycle;
    }

    /// <summary>The cycle's state machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration (guards shown by their descriptions).</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    /// <remarks>The same text is committed as <c>docs/diagrams/cycle.mmd</c>; apps can render it to show users where a cycle can go.</remarks>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <summary>Every trigger, allowed or blocked now, with the reasons (unmet guards explained): what apps build their buttons from.</summary>
    /// <param name="at">The instant to decide at (dates are read in the site's zone).</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <returns>One entry per <see cref="CycleTrigger"/>, in enum order.</returns>
    /// <remarks>A permitted record trigger can still be refused for its arguments (an unknown activity, a date before the cycle began).</remarks>
    public IReadOnlyList<TriggerAvailability<CycleTrigger>> Availability(Instant at, CycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Machine.Availability(new CycleDecision(State, rules, at), State.Stage);
    }

    /// <summary>The triggers that would be accepted now.</summary>
    /// <param name="at">The instant to decide at.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <returns>The permitted triggers, in enum order.</returns>
    public IReadOnlyList<CycleTrigger> PermittedTriggers(Instant at, CycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Machine.PermittedTriggers(new CycleDecision(State, rules, at), State.Stage);
    }

    /// <summary>When the current stage is expected to end: its entry plus its expected length in the site's calendar, plus the time paused in it.</summary>
    /// <param name="timeZones">Resolves the site's time zone.</param>
    /// <returns>The instant, or <see langword="null"/> when no length is expected for the stage or the cycle is paused or finished.</returns>
    public Instant? CurrentStageExpectedEnd(IDateTimeZoneProvider timeZones)
    {
        ArgumentNullException.ThrowIfNull(timeZones);
        var state = State;
        if (state.Stage is CycleStage.Paused || state.IsFinal || state.Timeline.IsEmpty)
        {
            return null;
        }

        foreach (var expected in state.ExpectedStageLengths)
        {
            if (expected.Stage == state.Stage)
            {
                var zone = timeZones[state.TimeZoneId];
                var visit = state.Timeline[state.Timeline.Count - 1];
                var local = visit.Entered.InZone(zone).LocalDateTime + expected.Length;
                return local.InZoneLeniently(zone).ToInstant() + visit.Paused;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="stream"/> is <c>cycle-{id}</c>, compared without building the name.</summary>
    private static bool IsStreamOf(StreamId stream, CycleId id)
    {
        var value = stream.Value.AsSpan();
        var category = StreamCategory.AsSpan();
        return id.Value is { } text
            && value.Length == category.Length + 1 + text.Length
            && value.StartsWith(category, StringComparison.Ordinal)
            && value[category.Length] == '-'
            && value[(category.Length + 1)..].SequenceEqual(text);
    }

    private static ValueList<ExpectedStageLength> ExpectedLengths(IEnumerable<ExpectedStageLength>? lengths)
    {
        if (lengths is null)
        {
            return [];
        }

        var list = new List<ExpectedStageLength>();
        foreach (var length in lengths)
        {
            ArgumentNullException.ThrowIfNull(length, nameof(lengths));
            if (Array.IndexOf(CycleMachine.WorkingStages, length.Stage) < 0)
            {
                throw new ArgumentException($"Only working stages (Planning to Revising) have an expected length; {length.Stage} does not.", nameof(lengths));
            }

            if (length.Length is null || length.Length.Equals(Period.Zero))
            {
                throw new ArgumentException($"The expected length of {length.Stage} must not be zero.", nameof(lengths));
            }

            foreach (var other in list)
            {
                if (other.Stage == length.Stage)
                {
                    throw new ArgumentException($"{length.Stage} has more than one expected length.", nameof(lengths));
                }
            }

            list.Add(length);
        }

        return new ValueList<ExpectedStageLength>(list);
    }

    private static Cycle Begin(
        CycleId id,
        SiteId site,
        int number,
        string focus,
        DateTimeZone siteZone,
        Instant at,
        Actor by,
        ValueList<ExpectedStageLength> expected,
        CycleId? previous,
        ValueList<ProposedActivity> proposals)
    {
        RequireId(id.Value, nameof(id));
        RequireId(site.Value, nameof(site));
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        RequireText(focus, nameof(focus));
        RequireActor(by);
        var cycle = new Cycle(id);
        cycle.Record(new CycleStarted(
            id, site, number, focus, siteZone.Id, at.InZone(siteZone).Date, expected, previous, proposals, at, by));
        return cycle;
    }
}
