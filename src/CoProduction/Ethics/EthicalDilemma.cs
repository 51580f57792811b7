using System;
using System.Collections.Generic;
using CoProduction.Events;
using CoProduction.Machines;
using CoProduction.Persistence;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Ethics;

/// <summary>
/// An ethical dilemma met in practice: Raised → Discussed (as often as needed) → Resolved, or
/// Escalated beyond the team, possibly to an amendment of the protocol.
/// </summary>
public sealed class EthicalDilemma : AggregateRoot<DilemmaId, EthicalDilemmaState, IDilemmaEvent>, IEventSourcedAggregate<EthicalDilemma>
{
    private EthicalDilemma(DilemmaId id)
        : base(id, EthicalDilemmaState.Initial(id))
    {
    }

    /// <summary>Gets the stream-name prefix of dilemmas: <c>dilemma</c>.</summary>
    public static string StreamCategory => "dilemma";

    /// <inheritdoc/>
    public override StreamId StreamId => StreamId.For(StreamCategory, Id);

    /// <summary>Gets the machine's current stage.</summary>
    public DilemmaStatus Status => State.Status;

    internal static ExplainableMachine<DilemmaStatus, DilemmaTrigger, EthicalDilemmaState> Machine { get; } = new(
        static (m, _) =>
        {
            m.Configure(DilemmaStatus.Raised).Permit(DilemmaTrigger.Discuss, DilemmaStatus.Discussed);
            m.Configure(DilemmaStatus.Discussed)
                .InternalTransitionIf(DilemmaTrigger.Discuss, static _ => true, static () => { }, "discussed again")
                .Permit(DilemmaTrigger.Resolve, DilemmaStatus.Resolved)
                .Permit(DilemmaTrigger.Escalate, DilemmaStatus.Escalated);
        });

    /// <inheritdoc/>
    protected override string Description => $"dilemma '{Id}'";

    /// <summary>Raises a dilemma.</summary>
    /// <param name="id">The dilemma's id.</param>
    /// <param name="site">Where it arose.</param>
    /// <param name="description">What the dilemma is.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="protocol">The protocol concerned, if any.</param>
    /// <returns>The dilemma, <see cref="DilemmaStatus.Raised"/>.</returns>
    /// <exception cref="ArgumentException">An argument is empty.</exception>
    public static EthicalDilemma Raise(DilemmaId id, SiteId site, string description, Instant at, Actor by, ProtocolId? protocol = null)
    {
        _ = StringId.Require(id.Value, nameof(DilemmaId));
        _ = StringId.Require(site.Value, nameof(SiteId));
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        var dilemma = new EthicalDilemma(id);
        dilemma.Record(new DilemmaRaised(id, site, protocol, description.Trim(), at, by));
        return dilemma;
    }

    /// <summary>Rebuilds a dilemma from its history.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="DilemmaRaised"/>.</param>
    /// <returns>The dilemma.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static EthicalDilemma Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
    {
        var first = HistoryStart.Require<DilemmaRaised>(stream, history, e => StreamId.For(StreamCategory, e.Dilemma));
        var dilemma = new EthicalDilemma(first.Dilemma);
        dilemma.Replay(history);
        return dilemma;
    }

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger.</returns>
    public IReadOnlyList<TriggerAvailability<DilemmaTrigger>> Availability() => Machine.Availability(State, State.Status);

    /// <summary>Records a discussion.</summary>
    /// <param name="notes">What was said and considered.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Already resolved or escalated.</exception>
    public void Discuss(string notes, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notes);
        Machine.EnsureCanFire(State, State.Status, DilemmaTrigger.Discuss, Description);
        Record(new DilemmaDiscussed(notes.Trim(), at, by));
    }

    /// <summary>Records how the team resolved the dilemma.</summary>
    /// <param name="resolution">How.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not discussed yet, or already closed.</exception>
    public void Resolve(string resolution, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resolution);
        Machine.EnsureCanFire(State, State.Status, DilemmaTrigger.Resolve, Description);
        Record(new DilemmaResolved(resolution.Trim(), at, by));
    }

    /// <summary>Escalates the dilemma beyond the team.</summary>
    /// <param name="to">To whom.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="amendment">The amendment it led to, if any.</param>
    /// <exception cref="CommandRejectedException">Not discussed yet, or already closed.</exception>
    public void Escalate(string to, Instant at, Actor by, AmendmentId? amendment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        Machine.EnsureCanFire(State, State.Status, DilemmaTrigger.Escalate, Description);
        Record(new DilemmaEscalated(to.Trim(), amendment, at, by));
    }

    /// <inheritdoc/>
    protected override EthicalDilemmaState Apply(EthicalDilemmaState state, IDilemmaEvent @event) => @event switch
    {
        DilemmaRaised e => state with { Site = e.Site, Protocol = e.Protocol, Description = e.Description },
        DilemmaDiscussed e => state with { Status = DilemmaStatus.Discussed, Discussions = state.Discussions.Add(e.Notes) },
        DilemmaResolved e => state with { Status = DilemmaStatus.Resolved, Resolution = e.Resolution },
        DilemmaEscalated e => state with { Status = DilemmaStatus.Escalated, EscalatedTo = e.To, Amendment = e.Amendment },
        _ => throw new ArgumentException($"Unknown dilemma event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <inheritdoc/>
    protected override string? CheckReplay(EthicalDilemmaState before, IDilemmaEvent @event, EthicalDilemmaState after)
    {
        if (@event is DilemmaRaised)
        {
            return before.IsNew ? null : "a dilemma is raised only once.";
        }

        if (before.IsNew)
        {
            return "the first event of a dilemma is dilemma.raised.";
        }

        var trigger = @event switch
        {
            DilemmaDiscussed => DilemmaTrigger.Discuss,
            DilemmaResolved => DilemmaTrigger.Resolve,
            DilemmaEscalated => DilemmaTrigger.Escalate,
            _ => (DilemmaTrigger)(-1),
        };
        return Machine.Allows(before.Status, trigger, after.Status) ? null : $"{trigger} does not lead from {before.Status} to {after.Status}.";
    }
}
