using System.Collections.Generic;
using CoProduction.Events;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// A science/ethics protocol: its review (Draft → Submitted → UnderReview → Approved, with changes
/// requested, rejection and withdrawal), its approval periods (renewal, suspension, expiry,
/// closure), its versions (one per applied amendment) and the amendments pending on it.
/// </summary>
/// <remarks>
/// Every command checks its inputs, goes through the pipeline (the stamp, the order of instants,
/// the machine and its guards), checks the rules that depend on its arguments, then records one
/// event; a refused command throws <see cref="CommandRejectedException"/> (or an argument error for
/// bad arguments) and changes nothing. Calendar questions — <see cref="StatusOn"/>,
/// <see cref="VersionInForceOn"/> — are answered from the history.
/// </remarks>
public sealed partial class Protocol : AggregateRoot<ProtocolId, ProtocolState, IProtocolEvent>, IEventSourcedAggregate<Protocol>
{
    private Protocol(ProtocolId id)
        : base(id, StreamCategory, ProtocolState.Initial)
    {
    }

    /// <summary>
    /// The earliest date of a committee decision the library accepts: 1964-06-01, the Declaration of
    /// Helsinki. An approval, an amendment's approval or a drafting date before it is a typing mistake.
    /// </summary>
    public static readonly LocalDate EarliestDecisionDate = new(1964, 6, 1);

    /// <summary>Gets the stream-name prefix of protocols: <c>protocol</c>.</summary>
    public static string StreamCategory => "protocol";

    /// <summary>Gets the machine's current stage (see <see cref="StatusOn"/> for the standing on a date).</summary>
    public ProtocolStatus Status => State.Status;

    /// <inheritdoc/>
    protected override string Description => $"protocol '{Id}'";

    private static AggregateMachine<ProtocolStatus, ProtocolTrigger, ProtocolDecision> Machine => ProtocolMachine.Machine;

    /// <summary>
    /// Refuses a drafting date after the day the draft is recorded: <see cref="ProtocolDraft.DraftedOn"/> dates a draft
    /// recorded after the fact, so it is at the latest the command's day in the zone furthest ahead (UTC+14).
    /// </summary>
    private static void CheckDraftedOn(ProtocolDraft draft, Instant at)
    {
        if (draft.DraftedOn is { } on && on > LatestDayRecordedAt(at))
        {
            throw new InputLimitException(
                nameof(ProtocolDraft.DraftedOn), "a drafting date", InputRule.Implausible, 0, on.Iso(),
                $"protocol '{draft.Id}' would be drafted on {on.Iso()}, after the day it is recorded ({at.InUtc().Date.Iso()} UTC): DraftedOn dates a draft recorded after the fact, so it cannot be later; leave it unset for a draft made today");
        }
    }

    /// <summary>The latest calendar day an instant is in, in any zone (UTC+14): a day recorded after the fact is at most this one.</summary>
    private static LocalDate LatestDayRecordedAt(Instant at) => at.Plus(Duration.FromHours(14)).InUtc().Date;

    /// <summary>Drafts a new protocol.</summary>
    /// <param name="draft">What is drafted: id, title, institution, committee, kind, parent and proposed scope.</param>
    /// <param name="context">When, by whom, and the rules (every site of the scope must be known).</param>
    /// <returns>The protocol, in <see cref="ProtocolStatus.Draft"/>, with one uncommitted event.</returns>
    /// <exception cref="System.ArgumentException">A sub-study without a parent, or a parent on another kind.</exception>
    /// <exception cref="UnknownSiteException">The scope names a site that is not known.</exception>
    /// <exception cref="UnknownCommitteeException">No policy is registered for the draft's committee: its renewal, lapse and deviation deadline could not be decided.</exception>
    /// <exception cref="InputLimitException">The draft's <see cref="ProtocolDraft.DraftedOn"/> is after the day the draft is recorded, in every time zone.</exception>
    public static Protocol Draft(ProtocolDraft draft, ProtocolContext context)
    {
        System.ArgumentNullException.ThrowIfNull(draft);
        System.ArgumentNullException.ThrowIfNull(context);
        draft.CheckParent();
        UnknownSiteException.ThrowIfAnyUnknown($"draft protocol '{draft.Id}'", draft.Scope.Sites, context.Rules.KnownSites);
        context.Rules.PolicyFor(draft.Committee, $"draft protocol '{draft.Id}'");
        CheckDraftedOn(draft, context.Stamp.At);
        var protocol = new Protocol(draft.Id);
        protocol.Create(context.Stamp, new ProtocolDrafted(
            draft.Id, draft.Kind, draft.Parent, draft.Title, draft.Institution, draft.Committee, draft.Scope, context.Stamp.At, context.Stamp.By, draft.DraftedOn));
        return protocol;
    }

    /// <summary>Rebuilds a protocol from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="ProtocolDrafted"/>.</param>
    /// <returns>The protocol, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static Protocol Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<Protocol, ProtocolDrafted>(stream, history, static e => new Protocol(e.Protocol));

    /// <summary>The protocol's state machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration (guards shown by their descriptions).</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    /// <remarks>The same text is committed as <c>docs/diagrams/protocol.mmd</c>; apps can render it to show users where a protocol can go.</remarks>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <summary>The protocol's standing on a date, derived from the history (see <see cref="ProtocolState.StatusOn"/>).</summary>
    /// <param name="date">The date.</param>
    /// <returns>The standing.</returns>
    public ProtocolStatus StatusOn(LocalDate date) => State.StatusOn(date);

    /// <summary>The version in force on a date, if the protocol was approved and unexpired that day.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The version, or <see langword="null"/>.</returns>
    public ProtocolVersion? VersionInForceOn(LocalDate date) => State.VersionInForceOn(date);

    /// <summary>The triggers that would be accepted on a day.</summary>
    /// <param name="today">The day asked about (an amendment is drafted only while the approval is current on it).</param>
    /// <returns>The permitted triggers, in enum order.</returns>
    public IReadOnlyList<ProtocolTrigger> PermittedTriggers(LocalDate today) => Machine.Permitted(new ProtocolDecision(State, today));

    /// <summary>Every trigger with whether it is permitted on a day and, if not, why: what an app needs for its buttons.</summary>
    /// <param name="today">The day asked about (an amendment is drafted only while the approval is current on it).</param>
    /// <returns>One entry per trigger, in enum order.</returns>
    public IReadOnlyList<TriggerAvailability<ProtocolTrigger>> Availability(LocalDate today) => Machine.Availability(new ProtocolDecision(State, today));

    /// <summary>Whether a sweep on <paramref name="today"/> would record an expiry (the approval ended and it was not recorded yet).</summary>
    /// <param name="today">The sweep's date.</param>
    /// <returns><see langword="true"/> when <see cref="ObserveExpiry"/> would be accepted.</returns>
    public bool IsExpiryDue(LocalDate today)
        => State.Status is ProtocolStatus.Approved or ProtocolStatus.Suspended && State.ApprovalEnd is { } end && today > end && end != LocalDate.MaxIsoValue;

    /// <summary>Why an amendment cannot be drafted against this protocol on <paramref name="today"/> (with <paramref name="changes"/>, when given); <see langword="null"/> when it can.</summary>
    internal CommandRejectedException? RefuseAmendment(LocalDate today, AmendmentChanges? changes)
    {
        var decision = new ProtocolDecision(State, today);
        if (!Machine.TryDecide(decision, ProtocolTrigger.DraftAmendment, out var refusal))
        {
            return Machine.Reject(decision, ProtocolTrigger.DraftAmendment, Description, refusal!);
        }

        var problems = changes?.ProblemsWith(State.CurrentScope, State.ApprovalEnd!.Value) ?? [];
        return problems.Count == 0 ? null : Refuse(Machine, decision, ProtocolTrigger.DraftAmendment, [.. problems]);
    }

    /// <inheritdoc/>
    private protected override ProtocolState Apply(ProtocolState state, IProtocolEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(ProtocolState before, IProtocolEvent @event, ProtocolState after)
        => Machine.CheckReplay(before.Status, ProtocolMachine.TriggerOf(@event), after.Status) ?? @event switch
        {
            ProtocolConsentGiven e when before.LatestConsent(e.Group, e.Participant) is { Stands: true } standing
                => $"{standing.Subject} consented again while the consent given on {standing.GivenOn.Iso()} stands",
            ProtocolConsentGiven e when e.Methods.IsEmpty || before.ConsentOutsideApproval(e.Group, e.Methods, e.On).Count > 0
                => $"{Consent.Describe(e.Group, e.Participant)} consented on {e.On.Iso()} to [{string.Join(", ", e.Methods)}], which protocol '{before.Id}' did not then permit",
            ProtocolConsentWithdrawn e when before.LatestConsent(e.Group, e.Participant) is not { Stands: true }
                => $"{Consent.Describe(e.Group, e.Participant)} withdrew a consent that was not standing",
            _ => null,
        };
}
