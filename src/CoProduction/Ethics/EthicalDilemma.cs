using System.Collections.Generic;
using CoProduction.Events;
using CoProduction.Protocols;

namespace CoProduction.Ethics;

/// <summary>
/// An ethical dilemma met in practice: Raised → Discussed (as often as needed) → Resolved, or
/// Escalated beyond the team, possibly to an amendment of the protocol.
/// </summary>
public sealed partial class EthicalDilemma : AggregateRoot<DilemmaId, EthicalDilemmaState, IDilemmaEvent>, IEventSourcedAggregate<EthicalDilemma>
{
    private EthicalDilemma(DilemmaId id)
        : base(id, StreamCategory, EthicalDilemmaState.Initial)
    {
    }

    /// <summary>Gets the stream-name prefix of dilemmas: <c>dilemma</c>.</summary>
    public static string StreamCategory => "dilemma";

    /// <summary>Gets the machine's current stage.</summary>
    public DilemmaStatus Status => State.Status;

    /// <inheritdoc/>
    protected override string Description => $"dilemma '{Id}'";

    private static AggregateMachine<DilemmaStatus, DilemmaTrigger, EthicalDilemmaState> Machine => EthicalDilemmaMachine.Machine;

    /// <summary>Raises a dilemma.</summary>
    /// <param name="dilemma">What is raised: its id, site, description and the protocol concerned.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <returns>The dilemma, <see cref="DilemmaStatus.Raised"/>, with one uncommitted event.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="stamp"/> names no actor.</exception>
    public static EthicalDilemma Raise(DilemmaRaising dilemma, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(dilemma);
        var raised = new EthicalDilemma(dilemma.Id);
        raised.Create(stamp, new DilemmaRaised(dilemma.Id, dilemma.Site, dilemma.Protocol, dilemma.Description, stamp.At, stamp.By));
        return raised;
    }

    /// <summary>Rebuilds a dilemma from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="DilemmaRaised"/>.</param>
    /// <returns>The dilemma, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static EthicalDilemma Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<EthicalDilemma, DilemmaRaised>(stream, history, static e => new EthicalDilemma(e.Dilemma));

    /// <summary>The dilemma's machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration.</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger, in enum order.</returns>
    public IReadOnlyList<TriggerAvailability<DilemmaTrigger>> Availability() => Machine.Availability(State);

    /// <inheritdoc/>
    private protected override EthicalDilemmaState Apply(EthicalDilemmaState state, IDilemmaEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(EthicalDilemmaState before, IDilemmaEvent @event, EthicalDilemmaState after)
        => Machine.CheckReplay(before.Status, EthicalDilemmaMachine.TriggerOf(@event), after.Status);
}
