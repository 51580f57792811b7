using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;
using CoProduction.Protocols;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>
/// An action-learning cycle at a learning site: plan → act → reflect → evaluate → revise →
/// completed, which a shock may pause and the team may abandon. Every command is decided by the
/// cycle's state machine (its guards explain themselves) and, when accepted, recorded as an event.
/// </summary>
/// <remarks>
/// <para>
/// Every command takes its inputs and one <see cref="CycleContext"/>: the <see cref="Stamp"/> and the
/// <see cref="CycleRules"/> it decides with (<c>rules.At(stamp)</c>); the cycle keeps none of them.
/// Dates are read in the site's time zone, which the roster gives when the cycle starts.
/// </para>
/// <para>
/// A refused command throws <see cref="CommandRejectedException"/> (stage, trigger, allowed
/// triggers and the <see cref="Refusal"/> as data) and changes nothing; bad arguments throw the
/// <see cref="ArgumentException"/> family, and invalid values cannot be built at all.
/// </para>
/// </remarks>
public sealed partial class Cycle : AggregateRoot<CycleId, CycleState, ICycleEvent>, IEventSourcedAggregate<Cycle>
{
    private Cycle(CycleId id)
        : base(id, StreamCategory, CycleState.Initial)
    {
    }

    /// <summary>Gets the stream-name prefix of cycles: <c>cycle</c>.</summary>
    public static string StreamCategory => "cycle";

    /// <summary>Gets the current stage.</summary>
    public CycleStage Stage => State.Stage;

    /// <inheritdoc/>
    protected override string Description => "cycle '" + Id.Value + "'";

    /// <summary>
    /// Gets the description of the unmet guard that refuses a data-collecting action while the study is paused: the
    /// protocol that would cover it has lapsed and its committee's policy sets <see cref="CommitteePolicy.LateRenewalPausesStudy"/>.
    /// Apps branch on it in <see cref="Refusal.UnmetGuards"/>.
    /// </summary>
    public static string StudyPausedGuard => "the study is paused: its protocol's approval lapsed and its committee pauses research until renewal";

    private static AggregateMachine<CycleStage, CycleTrigger, CycleDecision> Machine => CycleMachine.Machine;

    /// <summary>Starts a cycle at a site, in Planning, in the site's time zone as the roster of the rules gives it.</summary>
    /// <param name="opening">What is started: id, site, number, focus and the expected stage lengths.</param>
    /// <param name="context">When, by whom, and the rules (whose roster knows the site and its zone).</param>
    /// <returns>The new cycle, with one uncommitted <see cref="CycleStarted"/> event.</returns>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="UnknownSiteException">The roster does not know the site: register it first.</exception>
    /// <exception cref="UnknownTimeZoneException">The time-zone provider does not know the site's zone.</exception>
    public static Cycle Start(CycleOpening opening, CycleContext context)
    {
        ArgumentNullException.ThrowIfNull(opening);
        CycleContext.Require(context);
        return Begin(opening, context, null, []);
    }

    /// <summary>Rebuilds a cycle from its history without running guards, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first; the first is <see cref="CycleStarted"/>.</param>
    /// <returns>The cycle, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not begin with <see cref="CycleStarted"/>, belongs to another stream, or breaks the machine's table.</exception>
    public static Cycle Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<Cycle, CycleStarted>(stream, history, static e => new Cycle(e.Cycle));

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
        return Machine.Availability(new CycleDecision(State, rules, at));
    }

    /// <summary>The triggers that would be accepted now.</summary>
    /// <param name="at">The instant to decide at.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <returns>The permitted triggers, in enum order.</returns>
    public IReadOnlyList<CycleTrigger> PermittedTriggers(Instant at, CycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Machine.Permitted(new CycleDecision(State, rules, at));
    }

    /// <summary>When the current stage is expected to end: its entry plus its expected length in the site's calendar, plus the time paused in it.</summary>
    /// <param name="timeZones">Resolves the site's time zone.</param>
    /// <returns>The instant, or <see langword="null"/> when no length is expected for the stage or the cycle is paused or finished.</returns>
    public Instant? CurrentStageExpectedEnd(IDateTimeZoneProvider timeZones)
    {
        ArgumentNullException.ThrowIfNull(timeZones);
        var state = State;
        if (state.Stage is CycleStage.Paused || state.IsFinal || state.CurrentVisit is not { } visit)
        {
            return null;
        }

        foreach (var expected in state.ExpectedStageLengths)
        {
            if (expected.Stage == state.Stage)
            {
                var zone = timeZones[state.TimeZoneId];
                var local = visit.Entered.InZone(zone).LocalDateTime + expected.Length;
                return local.InZoneLeniently(zone).ToInstant() + visit.Paused;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    private protected override CycleState Apply(CycleState state, ICycleEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(CycleState before, ICycleEvent @event, CycleState after)
        => Machine.CheckReplay(before.Stage, CycleMachine.TriggerOf(@event), after.Stage);

    /// <summary>The site's zone as the roster gives it, refusing a site the roster does not know.</summary>
    private static DateTimeZone SiteZone(CycleId id, SiteId site, CycleRules rules)
    {
        if (rules.Roster.TimeZoneIdOf(site) is not { } zoneId)
        {
            var known = rules.Roster is TeamRoster roster ? roster.Sites.Select(s => s.Id) : [];
            throw new UnknownSiteException($"start cycle '{id}'", [site], known);
        }

        return TimeZoneIds.Find(rules.TimeZones, zoneId);
    }

    private static Cycle Begin(CycleOpening opening, CycleContext context, CycleId? previous, ValueList<ProposedActivity> proposals)
    {
        var zone = SiteZone(opening.Id, opening.Site, context.Rules);
        var cycle = new Cycle(opening.Id);
        cycle.Create(context.Stamp, new CycleStarted(
            opening.Id,
            opening.Site,
            opening.Number,
            opening.Focus,
            zone.Id,
            context.At.InZone(zone).Date,
            opening.ExpectedStageLengths,
            previous,
            proposals,
            context.At,
            context.By));
        return cycle;
    }
}
