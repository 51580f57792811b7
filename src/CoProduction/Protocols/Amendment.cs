using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;
using CoProduction.Persistence;
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
public sealed class Amendment : LegacyAggregateRoot<AmendmentId, AmendmentState, IAmendmentEvent>, IEventSourcedAggregate<Amendment>
{
    private const string NotSubstantial = "the amendment is not substantial";

    private Amendment(AmendmentId id)
        : base(id, AmendmentState.Initial(id))
    {
    }

    /// <summary>Gets the stream-name prefix of amendments: <c>amendment</c>.</summary>
    public static string StreamCategory => "amendment";

    /// <inheritdoc/>
    public override StreamId StreamId => StreamId.For(StreamCategory, Id);

    /// <summary>Gets the machine's current stage.</summary>
    public AmendmentStatus Status => State.Status;

    internal static ExplainableMachine<AmendmentStatus, AmendmentTrigger, AmendmentState> Machine { get; } = new(Configure);

    /// <summary>The amendment's state machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration (guards shown by their descriptions).</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    /// <remarks>The same text is committed as <c>docs/diagrams/amendment.mmd</c>; apps can render it to show users where a amendment can go.</remarks>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <inheritdoc/>
    protected override string Description => $"amendment '{Id}'";

    /// <summary>Drafts an amendment against the protocol's current version.</summary>
    /// <param name="id">The amendment's id.</param>
    /// <param name="protocol">The protocol: approved and unexpired on <paramref name="today"/>.</param>
    /// <param name="today">The date of drafting, in the committee's calendar.</param>
    /// <param name="rationale">Why the change is needed; required.</param>
    /// <param name="substantial">Whether the committee must review it.</param>
    /// <param name="changes">What it changes; removals must be in the protocol's scope, additions not yet.</param>
    /// <param name="knownSites">The learning sites that exist; every added site must be one.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <returns>The amendment, in <see cref="AmendmentStatus.Draft"/>.</returns>
    /// <exception cref="ArgumentException">The rationale is empty.</exception>
    /// <exception cref="CommandRejectedException">The protocol is not approved and unexpired on <paramref name="today"/>, or the changes do not fit its scope.</exception>
    /// <exception cref="UnknownSiteException">An added site is not known.</exception>
    public static Amendment Draft(
        AmendmentId id,
        Protocol protocol,
        LocalDate today,
        string rationale,
        bool substantial,
        AmendmentChanges changes,
        IReadOnlySet<SiteId> knownSites,
        Instant at,
        Actor by)
    {
        _ = StringId.Require(id.Value, nameof(AmendmentId));
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentException.ThrowIfNullOrWhiteSpace(rationale);
        ArgumentNullException.ThrowIfNull(changes);
        var p = protocol.State;
        Protocol.EnsureAmendable(p, today);
        UnknownSiteException.ThrowIfAnyUnknown($"draft amendment '{id}'", AddedSites(changes), knownSites);
        var problems = changes.ProblemsWith(p.CurrentScope, p.ApprovalEnd!.Value).ToArray();
        if (problems.Length != 0)
        {
            throw Protocol.Machine.Reject(p, p.Status, ProtocolTrigger.DraftAmendment, $"protocol '{p.Id}'", problems);
        }

        var amendment = new Amendment(id);
        amendment.Record(new AmendmentDrafted(id, p.Id, p.CurrentVersion!.Number, rationale.Trim(), substantial, changes, at, by));
        return amendment;
    }

    /// <summary>Rebuilds an amendment from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="AmendmentDrafted"/>.</param>
    /// <returns>The amendment.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static Amendment Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
    {
        var first = HistoryStart.Require<AmendmentDrafted>(stream, history, e => StreamId.For(StreamCategory, e.Amendment));
        var amendment = new Amendment(first.Amendment);
        amendment.Replay(history);
        return amendment;
    }

    /// <summary>The triggers that would be accepted now.</summary>
    /// <returns>The permitted triggers.</returns>
    public IReadOnlyList<AmendmentTrigger> PermittedTriggers() => Machine.PermittedTriggers(State, State.Status);

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger.</returns>
    public IReadOnlyList<TriggerAvailability<AmendmentTrigger>> Availability() => Machine.Availability(State, State.Status);

    /// <summary>Changes the rationale, the substantial flag and the changes, checked against (and based on) the protocol's current version.</summary>
    /// <param name="rationale">Why; required.</param>
    /// <param name="substantial">Whether it is substantial.</param>
    /// <param name="changes">What it changes.</param>
    /// <param name="protocol">The protocol it amends.</param>
    /// <param name="knownSites">The learning sites that exist.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not in Draft or ChangesRequested, another protocol, or the changes do not fit.</exception>
    /// <exception cref="UnknownSiteException">An added site is not known.</exception>
    public void Revise(string rationale, bool substantial, AmendmentChanges changes, Protocol protocol, IReadOnlySet<SiteId> knownSites, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rationale);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(protocol);
        Decide(AmendmentTrigger.Revise);
        UnknownSiteException.ThrowIfAnyUnknown($"revise {Description}", AddedSites(changes), knownSites);
        var version = EnsureFits(AmendmentTrigger.Revise, changes, protocol.State);
        Record(new AmendmentRevised(version, rationale.Trim(), substantial, changes, at, by));
    }

    /// <summary>Re-bases the amendment on the protocol's current version, checking its changes against that version's scope.</summary>
    /// <param name="protocol">The protocol it amends.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not in Draft, Submitted or ChangesRequested, already on the current version, or the changes no longer fit (revise them).</exception>
    public void Rebase(Protocol protocol, Instant at, Actor by)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        Decide(AmendmentTrigger.Rebase);
        var version = EnsureFits(AmendmentTrigger.Rebase, State.Changes, protocol.State);
        if (version == State.BaseVersion)
        {
            throw Refuse(AmendmentTrigger.Rebase, $"it is already based on version {version}, the current one");
        }

        Record(new AmendmentRebased(version, at, by));
    }

    /// <summary>Sends the amendment to the committee (then lodge it with <see cref="Protocol.LodgeAmendment"/>).</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not in Draft or ChangesRequested.</exception>
    public void Submit(Instant at, Actor by)
    {
        Decide(AmendmentTrigger.Submit);
        Record(new AmendmentSubmitted(at, by));
    }

    /// <summary>Records that the committee started its review.</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not submitted.</exception>
    public void StartReview(Instant at, Actor by)
    {
        Decide(AmendmentTrigger.StartReview);
        Record(new AmendmentReviewStarted(at, by));
    }

    /// <summary>Records that the committee asked for changes.</summary>
    /// <param name="reason">What was asked for.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not under review.</exception>
    public void RequestChanges(string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Decide(AmendmentTrigger.RequestChanges);
        Record(new AmendmentChangesRequested(reason.Trim(), at, by));
    }

    /// <summary>Records the committee's approval after review.</summary>
    /// <param name="approvedOn">The approval date: the protocol's next version is in force from it.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not under review.</exception>
    public void Approve(LocalDate approvedOn, Instant at, Actor by)
    {
        Decide(AmendmentTrigger.Approve);
        Record(new AmendmentApproved(approvedOn, false, at, by));
    }

    /// <summary>Records that the committee accepted a non-substantial amendment as a notification, without review.</summary>
    /// <param name="acceptedOn">The acceptance date.</param>
    /// <param name="policy">The committee's policy; it must accept notifications.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not submitted, substantial, or the policy does not accept notifications.</exception>
    public void AcceptAsNotification(LocalDate acceptedOn, CommitteePolicy policy, Instant at, Actor by)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Decide(AmendmentTrigger.AcceptAsNotification);
        if (!policy.NonSubstantialAmendmentsAsNotification)
        {
            throw Refuse(AmendmentTrigger.AcceptAsNotification, $"{policy.Name} reviews every amendment: it does not accept non-substantial amendments as notifications");
        }

        Record(new AmendmentApproved(acceptedOn, true, at, by));
    }

    /// <summary>Records the committee's refusal (then release it with <see cref="Protocol.ReleaseAmendment"/>).</summary>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not under review.</exception>
    public void Reject(string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Decide(AmendmentTrigger.Reject);
        Record(new AmendmentRejected(reason.Trim(), at, by));
    }

    /// <summary>Withdraws the amendment before a decision (then release it with <see cref="Protocol.ReleaseAmendment"/> if it was lodged).</summary>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Already decided.</exception>
    public void Withdraw(string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Decide(AmendmentTrigger.Withdraw);
        Record(new AmendmentWithdrawn(reason.Trim(), at, by));
    }

    /// <inheritdoc/>
    protected override AmendmentState Apply(AmendmentState state, IAmendmentEvent @event) => @event switch
    {
        AmendmentDrafted e => state with
        {
            Protocol = e.Protocol,
            BaseVersion = e.BaseVersion,
            Rationale = e.Rationale,
            Substantial = e.Substantial,
            Changes = e.Changes,
            Status = AmendmentStatus.Draft,
        },
        AmendmentRevised e => state with { BaseVersion = e.BaseVersion, Rationale = e.Rationale, Substantial = e.Substantial, Changes = e.Changes },
        AmendmentRebased e => state with { BaseVersion = e.BaseVersion },
        AmendmentSubmitted => state with { Status = AmendmentStatus.Submitted },
        AmendmentReviewStarted => state with { Status = AmendmentStatus.UnderReview },
        AmendmentChangesRequested => state with { Status = AmendmentStatus.ChangesRequested },
        AmendmentApproved e => state with { Status = AmendmentStatus.Approved, ApprovedOn = e.ApprovedOn, AcceptedAsNotification = e.AsNotification },
        AmendmentRejected => state with { Status = AmendmentStatus.Rejected },
        AmendmentWithdrawn => state with { Status = AmendmentStatus.Withdrawn },
        _ => throw new ArgumentException($"Unknown amendment event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <inheritdoc/>
    protected override string? CheckReplay(AmendmentState before, IAmendmentEvent @event, AmendmentState after)
    {
        if (@event is AmendmentDrafted)
        {
            return before.IsNew ? null : "an amendment is drafted only once.";
        }

        if (before.IsNew)
        {
            return "the first event of an amendment is amendment.drafted.";
        }

        var trigger = @event switch
        {
            AmendmentRevised => AmendmentTrigger.Revise,
            AmendmentRebased => AmendmentTrigger.Rebase,
            AmendmentSubmitted => AmendmentTrigger.Submit,
            AmendmentReviewStarted => AmendmentTrigger.StartReview,
            AmendmentChangesRequested => AmendmentTrigger.RequestChanges,
            AmendmentApproved { AsNotification: true } => AmendmentTrigger.AcceptAsNotification,
            AmendmentApproved => AmendmentTrigger.Approve,
            AmendmentRejected => AmendmentTrigger.Reject,
            AmendmentWithdrawn => AmendmentTrigger.Withdraw,
            _ => (AmendmentTrigger)(-1),
        };
        return Machine.Allows(before.Status, trigger, after.Status) ? null : $"{trigger} does not lead from {before.Status} to {after.Status}.";
    }

    private static IEnumerable<SiteId> AddedSites(AmendmentChanges changes)
        => changes.Add.Where(i => i.Kind == ScopeItemKind.Site).Select(i => new SiteId(i.Code));

    private static void Configure(Stateless.StateMachine<AmendmentStatus, AmendmentTrigger> m, Func<AmendmentState> ctx)
    {
        // A draft and an amendment sent back for changes accept the same commands.
        foreach (var editable in (ReadOnlySpan<AmendmentStatus>)[AmendmentStatus.Draft, AmendmentStatus.ChangesRequested])
        {
            m.Configure(editable)
                .InternalTransitionIf(AmendmentTrigger.Revise, static _ => true, static () => { }, "changes checked against the current version")
                .InternalTransitionIf(AmendmentTrigger.Rebase, static _ => true, static () => { }, "based on the current version")
                .Permit(AmendmentTrigger.Submit, AmendmentStatus.Submitted)
                .Permit(AmendmentTrigger.Withdraw, AmendmentStatus.Withdrawn);
        }

        m.Configure(AmendmentStatus.Submitted)
            .Permit(AmendmentTrigger.StartReview, AmendmentStatus.UnderReview)
            .PermitIf(AmendmentTrigger.AcceptAsNotification, AmendmentStatus.Approved, () => !ctx().Substantial, NotSubstantial)
            .InternalTransitionIf(AmendmentTrigger.Rebase, static _ => true, static () => { }, "based on the current version")
            .Permit(AmendmentTrigger.Withdraw, AmendmentStatus.Withdrawn);
        m.Configure(AmendmentStatus.UnderReview)
            .Permit(AmendmentTrigger.Approve, AmendmentStatus.Approved)
            .Permit(AmendmentTrigger.RequestChanges, AmendmentStatus.ChangesRequested)
            .Permit(AmendmentTrigger.Reject, AmendmentStatus.Rejected)
            .Permit(AmendmentTrigger.Withdraw, AmendmentStatus.Withdrawn);
    }

    private int EnsureFits(AmendmentTrigger trigger, AmendmentChanges changes, ProtocolState protocol)
    {
        if (protocol.Id != State.Protocol)
        {
            throw Refuse(trigger, $"it amends protocol '{State.Protocol}', not '{protocol.Id}'");
        }

        if (protocol.CurrentVersion is not { } current)
        {
            throw Refuse(trigger, $"protocol '{protocol.Id}' has no approved version");
        }

        var problems = changes.ProblemsWith(current.Scope, protocol.ApprovalEnd!.Value).ToArray();
        if (problems.Length != 0)
        {
            throw Refuse(trigger, problems);
        }

        return current.Number;
    }

    private void Decide(AmendmentTrigger trigger) => Machine.EnsureCanFire(State, State.Status, trigger, Description);

    private CommandRejectedException Refuse(AmendmentTrigger trigger, params string[] reasons)
        => Machine.Reject(State, State.Status, trigger, Description, reasons);
}
