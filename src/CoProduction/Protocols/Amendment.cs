using System.Collections.Generic;
using CoProduction.Events;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// A requested change to an approved protocol's scope or period, written against one protocol
/// version, with a rationale, reviewed by the committee (Draft → Submitted → UnderReview →
/// Approved | Rejected | Withdrawn, with ChangesRequested). An approved amendment becomes the
/// protocol's next version through <see cref="Protocol.ApplyAmendment"/>.
/// </summary>
/// <remarks>
/// Several amendments may be open on one protocol. Their coordination lives in the protocol:
/// <see cref="Protocol.LodgeAmendment"/> reserves the items a submitted amendment touches, and an
/// amendment written against a version older than a change to the same item must be
/// <see cref="Rebase">rebased</see> before it can be lodged or applied.
/// </remarks>
public sealed partial class Amendment : AggregateRoot<AmendmentId, AmendmentState, IAmendmentEvent>, IEventSourcedAggregate<Amendment>
{
    private Amendment(AmendmentId id)
        : base(id, StreamCategory, AmendmentState.Initial)
    {
    }

    /// <summary>Gets the stream-name prefix of amendments: <c>amendment</c>.</summary>
    public static string StreamCategory => "amendment";

    /// <summary>Gets the machine's current stage.</summary>
    public AmendmentStatus Status => State.Status;

    /// <inheritdoc/>
    protected override string Description => $"amendment '{Id}'";

    private static AggregateMachine<AmendmentStatus, AmendmentTrigger, AmendmentState> Machine => AmendmentMachine.Machine;

    /// <summary>Drafts an amendment against the protocol's current version.</summary>
    /// <param name="draft">What is drafted: id, rationale, changes, and whether it is substantial.</param>
    /// <param name="protocol">The protocol: approved and unexpired on <paramref name="today"/>.</param>
    /// <param name="today">The date of drafting, in the committee's calendar.</param>
    /// <param name="context">When, by whom, and the rules (every added site must be known).</param>
    /// <returns>The amendment, in <see cref="AmendmentStatus.Draft"/>, with one uncommitted event.</returns>
    /// <exception cref="System.ArgumentException">The stamp names no actor.</exception>
    /// <exception cref="CommandRejectedException">The protocol is not approved and unexpired on <paramref name="today"/>, or the changes do not fit its scope.</exception>
    /// <exception cref="UnknownSiteException">An added site is not known.</exception>
    public static Amendment Draft(AmendmentDraft draft, Protocol protocol, LocalDate today, ProtocolContext context)
    {
        System.ArgumentNullException.ThrowIfNull(draft);
        System.ArgumentNullException.ThrowIfNull(protocol);
        System.ArgumentNullException.ThrowIfNull(context);
        Stamp.Require(context.Stamp);
        if (protocol.RefuseAmendment(today, null) is { } closed)
        {
            throw closed;
        }

        UnknownSiteException.ThrowIfAnyUnknown($"draft amendment '{draft.Id}'", draft.Changes.AddedSites, context.Rules.KnownSites);
        if (protocol.RefuseAmendment(today, draft.Changes) is { } unfitting)
        {
            throw unfitting;
        }

        var p = protocol.State;
        var amendment = new Amendment(draft.Id);
        amendment.Create(context.Stamp, new AmendmentDrafted(
            draft.Id, p.Id, p.CurrentVersion!.Number, draft.Rationale, draft.Substantial, draft.Changes, context.Stamp.At, context.Stamp.By));
        return amendment;
    }

    /// <summary>Rebuilds an amendment from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="AmendmentDrafted"/>.</param>
    /// <returns>The amendment, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static Amendment Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<Amendment, AmendmentDrafted>(stream, history, static e => new Amendment(e.Amendment));

    /// <summary>The amendment's state machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration (guards shown by their descriptions).</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    /// <remarks>The same text is committed as <c>docs/diagrams/amendment.mmd</c>; apps can render it to show users where an amendment can go.</remarks>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <summary>The triggers that would be accepted now.</summary>
    /// <returns>The permitted triggers, in enum order.</returns>
    public IReadOnlyList<AmendmentTrigger> PermittedTriggers() => Machine.Permitted(State);

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger, in enum order.</returns>
    public IReadOnlyList<TriggerAvailability<AmendmentTrigger>> Availability() => Machine.Availability(State);

    /// <inheritdoc/>
    private protected override AmendmentState Apply(AmendmentState state, IAmendmentEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(AmendmentState before, IAmendmentEvent @event, AmendmentState after)
        => Machine.CheckReplay(before.Status, AmendmentMachine.TriggerOf(@event), after.Status);
}
