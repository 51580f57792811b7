using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;
using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// A science/ethics protocol: its review (Draft → Submitted → UnderReview → Approved, with changes
/// requested, rejection and withdrawal), its approval periods (renewal, suspension, expiry,
/// closure), its versions (one per applied amendment) and the amendments pending on it.
/// </summary>
/// <remarks>
/// Every command checks the protocol's state machine and the domain rules, then records one event;
/// a refused command throws <see cref="CommandRejectedException"/> (or an argument error for bad
/// arguments) and changes nothing. Calendar questions — <see cref="StatusOn"/>,
/// <see cref="VersionInForceOn"/> — are answered from the history.
/// </remarks>
public sealed class Protocol : LegacyAggregateRoot<ProtocolId, ProtocolState, IProtocolEvent>, IEventSourcedAggregate<Protocol>
{
    private const string ScopeComplete = "the scope names at least one data-collection method, respondent group and site";

    private const string UmbrellaSpansSites = "an umbrella protocol, shared across sites, names at least two sites";
    private const string NothingPending = "no amendment is pending";

    private Protocol(ProtocolId id)
        : base(id, ProtocolState.Initial(id))
    {
    }

    /// <summary>Gets the stream-name prefix of protocols: <c>protocol</c>.</summary>
    public static string StreamCategory => "protocol";

    /// <inheritdoc/>
    public override StreamId StreamId => StreamId.For(StreamCategory, Id);

    /// <summary>Gets the machine's current stage (see <see cref="StatusOn"/> for the standing on a date).</summary>
    public ProtocolStatus Status => State.Status;

    internal static ExplainableMachine<ProtocolStatus, ProtocolTrigger, ProtocolState> Machine { get; } = new(Configure, Explain);

    /// <summary>The protocol's state machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration (guards shown by their descriptions).</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    /// <remarks>The same text is committed as <c>docs/diagrams/protocol.mmd</c>; apps can render it to show users where a protocol can go.</remarks>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <inheritdoc/>
    protected override string Description => Describe(State);

    /// <summary>Drafts a new protocol.</summary>
    /// <param name="id">The protocol's id, for example <c>KWTRP-2</c>.</param>
    /// <param name="kind">Main, sub-study or umbrella.</param>
    /// <param name="title">The title.</param>
    /// <param name="institution">The institution that holds it.</param>
    /// <param name="committee">The reviewing committee.</param>
    /// <param name="scope">The proposed scope.</param>
    /// <param name="knownSites">The learning sites that exist; every site of the scope must be one.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="parent">The parent protocol; required for a sub-study, not allowed otherwise.</param>
    /// <returns>The protocol, in <see cref="ProtocolStatus.Draft"/>, with one uncommitted event.</returns>
    /// <exception cref="ArgumentException">An argument is empty, or the parent does not fit the kind.</exception>
    /// <exception cref="UnknownSiteException">The scope names a site that is not known.</exception>
    public static Protocol Draft(
        ProtocolId id,
        ProtocolKind kind,
        string title,
        string institution,
        CommitteeId committee,
        ProtocolScope scope,
        IReadOnlySet<SiteId> knownSites,
        Instant at,
        Actor by,
        ProtocolId? parent = null)
    {
        _ = StringId.Require(id.Value, nameof(ProtocolId));
        _ = StringId.Require(committee.Value, nameof(CommitteeId));
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(institution);
        ArgumentNullException.ThrowIfNull(scope);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A protocol is Main, SubStudy or Umbrella.");
        }

        if (kind == ProtocolKind.SubStudy && parent is null)
        {
            throw new ArgumentException($"Sub-study protocol '{id}' needs its parent protocol.", nameof(parent));
        }

        if (kind != ProtocolKind.SubStudy && parent is not null)
        {
            throw new ArgumentException($"Only a sub-study has a parent protocol; '{id}' is {kind}.", nameof(parent));
        }

        if (parent == id)
        {
            throw new ArgumentException($"Protocol '{id}' cannot be its own parent.", nameof(parent));
        }

        UnknownSiteException.ThrowIfAnyUnknown($"draft protocol '{id}'", scope.Sites, knownSites);
        var protocol = new Protocol(id);
        protocol.Record(new ProtocolDrafted(id, kind, parent, title.Trim(), institution.Trim(), committee, scope, at, by));
        return protocol;
    }

    /// <summary>Rebuilds a protocol from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="ProtocolDrafted"/>.</param>
    /// <returns>The protocol.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static Protocol Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
    {
        var first = HistoryStart.Require<ProtocolDrafted>(stream, history, e => StreamId.For(StreamCategory, e.Protocol));
        var protocol = new Protocol(first.Protocol);
        protocol.Replay(history);
        return protocol;
    }

    /// <summary>The protocol's standing on a date, derived from the history (see <see cref="ProtocolState.StatusOn"/>).</summary>
    /// <param name="date">The date.</param>
    /// <returns>The standing.</returns>
    public ProtocolStatus StatusOn(LocalDate date) => State.StatusOn(date);

    /// <summary>The version in force on a date, if the protocol was approved and unexpired that day.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The version, or <see langword="null"/>.</returns>
    public ProtocolVersion? VersionInForceOn(LocalDate date) => State.VersionInForceOn(date);

    /// <summary>The triggers that would be accepted now.</summary>
    /// <returns>The permitted triggers.</returns>
    public IReadOnlyList<ProtocolTrigger> PermittedTriggers() => Machine.PermittedTriggers(State, State.Status);

    /// <summary>Every trigger with whether it is permitted now and, if not, why: what an app needs for its buttons.</summary>
    /// <returns>One entry per trigger.</returns>
    public IReadOnlyList<TriggerAvailability<ProtocolTrigger>> Availability() => Machine.Availability(State, State.Status);

    /// <summary>Changes the title and proposed scope of a draft, or of a protocol the committee asked to change.</summary>
    /// <param name="title">The new title.</param>
    /// <param name="scope">The new proposed scope.</param>
    /// <param name="knownSites">The learning sites that exist.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not in Draft or ChangesRequested.</exception>
    /// <exception cref="UnknownSiteException">The scope names a site that is not known.</exception>
    public void Revise(string title, ProtocolScope scope, IReadOnlySet<SiteId> knownSites, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(scope);
        Decide(ProtocolTrigger.Revise);
        UnknownSiteException.ThrowIfAnyUnknown($"revise {Description}", scope.Sites, knownSites);
        Record(new ProtocolRevised(title.Trim(), scope, at, by));
    }

    /// <summary>Sends the protocol to its committee (from Draft, or again from ChangesRequested).</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not permitted now, or the scope is incomplete.</exception>
    public void Submit(Instant at, Actor by)
    {
        Decide(ProtocolTrigger.Submit);
        Record(new ProtocolSubmitted(at, by));
    }

    /// <summary>Records that the committee started its review.</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not submitted.</exception>
    public void StartReview(Instant at, Actor by)
    {
        Decide(ProtocolTrigger.StartReview);
        Record(new ProtocolReviewStarted(at, by));
    }

    /// <summary>Records that the committee asked for changes.</summary>
    /// <param name="reason">What was asked for.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not under review.</exception>
    public void RequestChanges(string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Decide(ProtocolTrigger.RequestChanges);
        Record(new ProtocolChangesRequested(reason.Trim(), at, by));
    }

    /// <summary>Records the committee's approval: version 1, with the proposed scope, valid for the period.</summary>
    /// <param name="approvedOn">The approval date.</param>
    /// <param name="period">The validity period (see <see cref="CommitteePolicy.ApprovalPeriodFrom"/>).</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not under review: there is no approval without review.</exception>
    public void Approve(LocalDate approvedOn, ApprovalPeriod period, Instant at, Actor by)
    {
        ArgumentNullException.ThrowIfNull(period);
        Decide(ProtocolTrigger.Approve);
        Record(new ProtocolApproved(approvedOn, period, at, by));
    }

    /// <summary>Records the committee's refusal.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not under review.</exception>
    public void Reject(string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Decide(ProtocolTrigger.Reject);
        Record(new ProtocolRejected(reason.Trim(), at, by));
    }

    /// <summary>Withdraws the protocol before a decision.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Already decided.</exception>
    public void Withdraw(string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Decide(ProtocolTrigger.Withdraw);
        Record(new ProtocolWithdrawn(reason.Trim(), at, by));
    }

    /// <summary>Suspends the approval from a date.</summary>
    /// <param name="on">The first day of the suspension: within the approval, not before the last recorded change.</param>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not approved, or the date does not fit.</exception>
    public void Suspend(LocalDate on, string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Decide(ProtocolTrigger.Suspend);
        EnsureNotBeforeLastChange(ProtocolTrigger.Suspend, on);
        if (!State.IsApprovedOn(on))
        {
            throw Refuse(ProtocolTrigger.Suspend, $"the protocol is {State.StatusOn(on)} on {on.Iso()}, not approved: there is nothing to suspend");
        }

        Record(new ProtocolSuspended(on, reason.Trim(), at, by));
    }

    /// <summary>Lifts a suspension from a date.</summary>
    /// <param name="on">The first day of approval again: within the approval period.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not suspended, or the approval lapsed (renew instead).</exception>
    public void Reinstate(LocalDate on, Instant at, Actor by)
    {
        Decide(ProtocolTrigger.Reinstate);
        EnsureNotBeforeLastChange(ProtocolTrigger.Reinstate, on);
        if (State.StatusOn(on) != ProtocolStatus.Suspended)
        {
            throw Refuse(
                ProtocolTrigger.Reinstate,
                $"the approval is {State.StatusOn(on)} on {on.Iso()} (it ended on {State.ApprovalEnd!.Value.Iso()}): observe the expiry and renew instead");
        }

        Record(new ProtocolReinstated(on, at, by));
    }

    /// <summary>Continuing review: extends the approval to a new end.</summary>
    /// <remarks>
    /// Renewed on or before the current end, the approval continues without a gap. Renewed after it
    /// lapsed, the committee's policy decides: either the renewed approval starts on
    /// <paramref name="renewedOn"/> (the gap stays expired: research there was outside approval), or a
    /// new application is needed and the renewal is refused.
    /// </remarks>
    /// <param name="renewedOn">The renewal date.</param>
    /// <param name="newEnd">The new last day of validity; after the current end and not before <paramref name="renewedOn"/>.</param>
    /// <param name="policy">The reviewing committee's policy.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not approved or expired (for example closed), the dates do not fit, or the policy needs a new application.</exception>
    public void Renew(LocalDate renewedOn, LocalDate newEnd, CommitteePolicy policy, Instant at, Actor by)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Decide(ProtocolTrigger.Renew);
        var end = State.ApprovalEnd!.Value;
        if (end == LocalDate.MaxIsoValue)
        {
            throw Refuse(ProtocolTrigger.Renew, "the approval is open-ended: it needs no continuing review");
        }

        if (newEnd <= end)
        {
            throw Refuse(ProtocolTrigger.Renew, $"the new end {newEnd.Iso()} is not after the current end {end.Iso()}");
        }

        var lapsed = renewedOn > end;
        if (lapsed && !policy.LapsedApprovalCanBeRenewed)
        {
            throw Refuse(
                ProtocolTrigger.Renew,
                $"the approval lapsed on {end.PlusDays(1).Iso()} and under {policy.Name} a lapsed protocol needs a new application, not a renewal: draft a new protocol");
        }

        if (newEnd < renewedOn)
        {
            throw Refuse(ProtocolTrigger.Renew, $"the new end {newEnd.Iso()} is before the renewal date {renewedOn.Iso()}");
        }

        Record(new ProtocolRenewed(renewedOn, newEnd, lapsed, at, by));
    }

    /// <summary>Whether a sweep on <paramref name="today"/> would record an expiry (the approval ended and it was not recorded yet).</summary>
    /// <param name="today">The sweep's date.</param>
    /// <returns><see langword="true"/> when <see cref="ObserveExpiry"/> would be accepted.</returns>
    public bool IsExpiryDue(LocalDate today)
        => State.Status is ProtocolStatus.Approved or ProtocolStatus.Suspended && State.ApprovalEnd is { } end && today > end && end != LocalDate.MaxIsoValue;

    /// <summary>Records that the approval period passed without renewal, as observed on a date by a sweep or a command.</summary>
    /// <param name="today">The date of the observation; after the approval's end.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who (usually <see cref="Actor.System"/>).</param>
    /// <exception cref="CommandRejectedException">Not approved or suspended, or the approval has not ended on <paramref name="today"/>.</exception>
    public void ObserveExpiry(LocalDate today, Instant at, Actor by)
    {
        Decide(ProtocolTrigger.ObserveExpiry);
        var end = State.ApprovalEnd!.Value;
        if (!IsExpiryDue(today))
        {
            throw Refuse(ProtocolTrigger.ObserveExpiry, $"the approval runs until {end.Iso()}: it has not expired on {today.Iso()}");
        }

        Record(new ProtocolExpired(end.PlusDays(1), today, at, by));
    }

    /// <summary>Closes the protocol with its final report.</summary>
    /// <param name="on">The closing date: not before the last recorded change.</param>
    /// <param name="finalReport">A summary of, or reference to, the final report.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">Not approved, suspended or expired, or an amendment is pending.</exception>
    public void Close(LocalDate on, string finalReport, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(finalReport);
        Decide(ProtocolTrigger.Close);
        EnsureNotBeforeLastChange(ProtocolTrigger.Close, on);
        Record(new ProtocolClosed(on, finalReport.Trim(), at, by));
    }

    /// <summary>
    /// Lodges a submitted amendment as pending, reserving the items it touches: no other amendment
    /// touching them can be lodged or applied until it is decided.
    /// </summary>
    /// <remarks>Save the amendment's submission and this lodging together; the protocol stream's expected version stops two concurrent lodgings on the same item.</remarks>
    /// <param name="amendment">The amendment: submitted, under review or with changes requested, targeting this protocol.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">
    /// Not approved; the amendment targets another protocol, is not awaiting a decision or is already
    /// pending; it is stale on an item changed since (rebase it), or another pending amendment touches the same item.
    /// </exception>
    public void LodgeAmendment(Amendment amendment, Instant at, Actor by)
    {
        ArgumentNullException.ThrowIfNull(amendment);
        Decide(ProtocolTrigger.LodgeAmendment);
        var a = amendment.State;
        EnsureTargetsThis(ProtocolTrigger.LodgeAmendment, a);
        if (a.Status is not (AmendmentStatus.Submitted or AmendmentStatus.UnderReview or AmendmentStatus.ChangesRequested))
        {
            throw Refuse(ProtocolTrigger.LodgeAmendment, $"amendment '{a.Id}' is {a.Status}: only a submitted amendment awaiting a decision can be lodged");
        }

        if (State.Pending.Any(p => p.Amendment == a.Id))
        {
            throw Refuse(ProtocolTrigger.LodgeAmendment, $"amendment '{a.Id}' is already pending");
        }

        var touches = a.Changes.Touches;
        var conflicts = State.ConflictsFor(a.Id, a.BaseVersion, touches);
        if (conflicts.Count != 0)
        {
            throw Refuse(ProtocolTrigger.LodgeAmendment, [.. conflicts]);
        }

        Record(new ProtocolAmendmentLodged(a.Id, a.BaseVersion, touches, at, by));
    }

    /// <summary>Releases a pending amendment that was withdrawn or rejected, freeing the items it reserved.</summary>
    /// <param name="amendment">The amendment.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">The amendment is not pending here, or is not withdrawn or rejected.</exception>
    public void ReleaseAmendment(Amendment amendment, Instant at, Actor by)
    {
        ArgumentNullException.ThrowIfNull(amendment);
        Decide(ProtocolTrigger.ReleaseAmendment);
        var a = amendment.State;
        if (!State.Pending.Any(p => p.Amendment == a.Id))
        {
            throw Refuse(ProtocolTrigger.ReleaseAmendment, $"amendment '{a.Id}' is not pending on {Description}");
        }

        if (a.Status is not (AmendmentStatus.Withdrawn or AmendmentStatus.Rejected))
        {
            throw Refuse(ProtocolTrigger.ReleaseAmendment, $"amendment '{a.Id}' is {a.Status}: only a withdrawn or rejected amendment is released (an approved one is applied)");
        }

        Record(new ProtocolAmendmentReleased(a.Id, a.Status.ToString(), at, by));
    }

    /// <summary>Applies an approved amendment: the protocol's next version, in force from the amendment's approval date.</summary>
    /// <param name="amendment">The approved amendment, targeting this protocol.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="CommandRejectedException">
    /// Not approved; the amendment is not approved, already applied, stale on an item changed since
    /// (rebase), blocked by another pending amendment, approved before the current version came into
    /// force, or its changes no longer fit the scope.
    /// </exception>
    public void ApplyAmendment(Amendment amendment, Instant at, Actor by)
    {
        ArgumentNullException.ThrowIfNull(amendment);
        Decide(ProtocolTrigger.ApplyAmendment);
        var a = amendment.State;
        EnsureTargetsThis(ProtocolTrigger.ApplyAmendment, a);
        if (a.Status != AmendmentStatus.Approved || a.ApprovedOn is not { } approvedOn)
        {
            throw Refuse(ProtocolTrigger.ApplyAmendment, $"amendment '{a.Id}' is {a.Status}: only an approved amendment can be applied");
        }

        if (State.Versions.Any(v => v.Amendment == a.Id))
        {
            throw Refuse(ProtocolTrigger.ApplyAmendment, $"amendment '{a.Id}' is already applied");
        }

        var reasons = State.ConflictsFor(a.Id, a.BaseVersion, a.Changes.Touches);
        var current = State.CurrentVersion!;
        reasons.AddRange(a.Changes.ProblemsWith(current.Scope, State.ApprovalEnd!.Value));
        if (approvedOn < current.InForceFrom)
        {
            reasons.Add($"amendment '{a.Id}' was approved on {approvedOn.Iso()}, before version {current.Number} came into force on {current.InForceFrom.Iso()}: versions come into force in order");
        }

        if (approvedOn > State.ApprovalEnd!.Value)
        {
            reasons.Add($"amendment '{a.Id}' was approved on {approvedOn.Iso()}, after the approval ended on {State.ApprovalEnd!.Value.Iso()}: renew first");
        }

        if (reasons.Count != 0)
        {
            throw Refuse(ProtocolTrigger.ApplyAmendment, [.. reasons]);
        }

        Record(new ProtocolAmendmentApplied(
            a.Id, current.Number + 1, approvedOn, a.Changes.Add, a.Changes.Remove, a.Changes.ExtendApprovalTo, a.Changes.PersonnelChanges, at, by));
    }

    /// <summary>Throws unless an amendment may be drafted against the protocol on <paramref name="today"/>: approved and unexpired.</summary>
    internal static void EnsureAmendable(ProtocolState protocol, LocalDate today)
    {
        Machine.EnsureCanFire(protocol, protocol.Status, ProtocolTrigger.DraftAmendment, Describe(protocol));
        if (!protocol.IsApprovedOn(today))
        {
            throw Machine.Reject(
                protocol,
                protocol.Status,
                ProtocolTrigger.DraftAmendment,
                Describe(protocol),
                $"only an approved, unexpired protocol can be amended, and {Describe(protocol)} is {protocol.StatusOn(today)} on {today.Iso()}");
        }
    }

    /// <inheritdoc/>
    protected override ProtocolState Apply(ProtocolState state, IProtocolEvent @event) => @event switch
    {
        ProtocolDrafted e => state with
        {
            Kind = e.Kind,
            Parent = e.Parent,
            Title = e.Title,
            Institution = e.Institution,
            Committee = e.Committee,
            Status = ProtocolStatus.Draft,
            ProposedScope = e.Scope,
        },
        ProtocolRevised e => state with { Title = e.Title, ProposedScope = e.Scope },
        ProtocolSubmitted => state with { Status = ProtocolStatus.Submitted },
        ProtocolReviewStarted => state with { Status = ProtocolStatus.UnderReview },
        ProtocolChangesRequested => state with { Status = ProtocolStatus.ChangesRequested },
        ProtocolApproved e => state with
        {
            Status = ProtocolStatus.Approved,
            Versions = [new ProtocolVersion(1, state.ProposedScope, e.Period.Start, e.ApprovedOn, null, ScopeDiff.None, null, null)],
            Approvals = [e.Period],
            Timeline = [new StatusChange(e.Period.Start, ProtocolStatus.Approved)],
        },
        ProtocolRejected => state with { Status = ProtocolStatus.Rejected },
        ProtocolWithdrawn => state with { Status = ProtocolStatus.Withdrawn },
        ProtocolSuspended e => state with { Status = ProtocolStatus.Suspended, Timeline = state.Timeline.Add(new StatusChange(e.On, ProtocolStatus.Suspended)) },
        ProtocolReinstated e => state with { Status = ProtocolStatus.Approved, Timeline = state.Timeline.Add(new StatusChange(e.On, ProtocolStatus.Approved)) },
        ProtocolRenewed { AfterLapse: true } e => state with
        {
            Status = ProtocolStatus.Approved,
            Approvals = state.Approvals.Add(new ApprovalPeriod(e.RenewedOn, e.NewEnd)),
            Timeline = state.Timeline.Add(new StatusChange(e.RenewedOn, ProtocolStatus.Approved)),
        },
        ProtocolRenewed e => state with { Status = ProtocolStatus.Approved, Approvals = ExtendLast(state.Approvals, e.NewEnd) },
        ProtocolExpired => state with { Status = ProtocolStatus.Expired },
        ProtocolClosed e => state with { Status = ProtocolStatus.Closed, Timeline = state.Timeline.Add(new StatusChange(e.On, ProtocolStatus.Closed)) },
        ProtocolAmendmentLodged e => state with { Pending = state.Pending.Add(new PendingAmendment(e.Amendment, e.BaseVersion, e.Touches, e.At)) },
        ProtocolAmendmentReleased e => state with { Pending = state.Pending.RemoveAll(p => p.Amendment == e.Amendment) },
        ProtocolAmendmentApplied e => state with
        {
            Versions = state.Versions.Add(new ProtocolVersion(
                e.Version,
                state.CurrentScope.Change(e.Added, e.Removed),
                e.ApprovedOn,
                e.ApprovedOn,
                e.Amendment,
                new ScopeDiff(e.Added, e.Removed),
                e.ExtendApprovalTo,
                e.PersonnelChanges)),
            Approvals = e.ExtendApprovalTo is { } end ? ExtendLast(state.Approvals, end) : state.Approvals,
            Pending = state.Pending.RemoveAll(p => p.Amendment == e.Amendment),
        },
        _ => throw new ArgumentException($"Unknown protocol event {@event.GetType().Name}.", nameof(@event)),
    };

    /// <inheritdoc/>
    protected override string? CheckReplay(ProtocolState before, IProtocolEvent @event, ProtocolState after)
    {
        if (@event is ProtocolDrafted)
        {
            return before.IsNew ? null : "a protocol is drafted only once.";
        }

        if (before.IsNew)
        {
            return "the first event of a protocol is protocol.drafted.";
        }

        var trigger = TriggerOf(@event);
        return Machine.Allows(before.Status, trigger, after.Status)
            ? null
            : $"{trigger} does not lead from {before.Status} to {after.Status}.";
    }

    private static ProtocolTrigger TriggerOf(IProtocolEvent @event) => @event switch
    {
        ProtocolRevised => ProtocolTrigger.Revise,
        ProtocolSubmitted => ProtocolTrigger.Submit,
        ProtocolReviewStarted => ProtocolTrigger.StartReview,
        ProtocolChangesRequested => ProtocolTrigger.RequestChanges,
        ProtocolApproved => ProtocolTrigger.Approve,
        ProtocolRejected => ProtocolTrigger.Reject,
        ProtocolWithdrawn => ProtocolTrigger.Withdraw,
        ProtocolSuspended => ProtocolTrigger.Suspend,
        ProtocolReinstated => ProtocolTrigger.Reinstate,
        ProtocolRenewed => ProtocolTrigger.Renew,
        ProtocolExpired => ProtocolTrigger.ObserveExpiry,
        ProtocolClosed => ProtocolTrigger.Close,
        ProtocolAmendmentLodged => ProtocolTrigger.LodgeAmendment,
        ProtocolAmendmentReleased => ProtocolTrigger.ReleaseAmendment,
        ProtocolAmendmentApplied => ProtocolTrigger.ApplyAmendment,
        _ => (ProtocolTrigger)(-1),
    };

    private static ValueList<ApprovalPeriod> ExtendLast(ValueList<ApprovalPeriod> approvals, LocalDate end)
        => approvals.SetItem(approvals.Count - 1, new ApprovalPeriod(approvals[^1].Start, end));

    private static string Describe(ProtocolState state) => $"protocol '{state.Id}'";

    private static void Configure(Stateless.StateMachine<ProtocolStatus, ProtocolTrigger> m, Func<ProtocolState> ctx)
    {
        // A draft and a protocol sent back for changes accept the same commands.
        foreach (var editable in (ReadOnlySpan<ProtocolStatus>)[ProtocolStatus.Draft, ProtocolStatus.ChangesRequested])
        {
            m.Configure(editable)
                .InternalTransitionIf(ProtocolTrigger.Revise, static _ => true, static () => { }, "title and proposed scope change")
                .PermitIf(
                    ProtocolTrigger.Submit,
                    ProtocolStatus.Submitted,
                    Tuple.Create<Func<bool>, string>(() => ctx().ProposedScope.IsComplete, ScopeComplete),
                    Tuple.Create<Func<bool>, string>(() => SpansSitesIfUmbrella(ctx()), UmbrellaSpansSites))
                .Permit(ProtocolTrigger.Withdraw, ProtocolStatus.Withdrawn);
        }

        m.Configure(ProtocolStatus.Submitted)
            .Permit(ProtocolTrigger.StartReview, ProtocolStatus.UnderReview)
            .Permit(ProtocolTrigger.Withdraw, ProtocolStatus.Withdrawn);
        m.Configure(ProtocolStatus.UnderReview)
            .Permit(ProtocolTrigger.Approve, ProtocolStatus.Approved)
            .Permit(ProtocolTrigger.RequestChanges, ProtocolStatus.ChangesRequested)
            .Permit(ProtocolTrigger.Reject, ProtocolStatus.Rejected)
            .Permit(ProtocolTrigger.Withdraw, ProtocolStatus.Withdrawn);
        m.Configure(ProtocolStatus.Approved)
            .Permit(ProtocolTrigger.Suspend, ProtocolStatus.Suspended)
            .InternalTransitionIf(ProtocolTrigger.Renew, static _ => true, static () => { }, "continuing review extends the period")
            .Permit(ProtocolTrigger.ObserveExpiry, ProtocolStatus.Expired)
            .PermitIf(ProtocolTrigger.Close, ProtocolStatus.Closed, () => ctx().Pending.IsEmpty, NothingPending)
            .InternalTransitionIf(ProtocolTrigger.DraftAmendment, static _ => true, static () => { }, "amendments start here")
            .InternalTransitionIf(ProtocolTrigger.LodgeAmendment, static _ => true, static () => { }, "reserves the items it touches")
            .InternalTransitionIf(ProtocolTrigger.ReleaseAmendment, static _ => true, static () => { }, "frees a withdrawn or rejected amendment")
            .InternalTransitionIf(ProtocolTrigger.ApplyAmendment, static _ => true, static () => { }, "next version");
        m.Configure(ProtocolStatus.Suspended)
            .Permit(ProtocolTrigger.Reinstate, ProtocolStatus.Approved)
            .Permit(ProtocolTrigger.ObserveExpiry, ProtocolStatus.Expired)
            .PermitIf(ProtocolTrigger.Close, ProtocolStatus.Closed, () => ctx().Pending.IsEmpty, NothingPending)
            .InternalTransitionIf(ProtocolTrigger.ReleaseAmendment, static _ => true, static () => { }, "frees a withdrawn or rejected amendment");
        m.Configure(ProtocolStatus.Expired)
            .Permit(ProtocolTrigger.Renew, ProtocolStatus.Approved)
            .PermitIf(ProtocolTrigger.Close, ProtocolStatus.Closed, () => ctx().Pending.IsEmpty, NothingPending)
            .InternalTransitionIf(ProtocolTrigger.ReleaseAmendment, static _ => true, static () => { }, "frees a withdrawn or rejected amendment");
    }

    private static bool SpansSitesIfUmbrella(ProtocolState state)
        => state.Kind != ProtocolKind.Umbrella || state.ProposedScope.Sites.Count >= 2;

    private static IEnumerable<string> Explain(ProtocolState state, string guard)
    {
        if (guard == UmbrellaSpansSites)
        {
            yield return $"umbrella protocol '{state.Id}' names {state.ProposedScope.Sites.Count} site(s): an umbrella is shared across sites, so name at least two, or draft it as a main protocol";
        }

        if (guard == NothingPending)
        {
            foreach (var p in state.Pending)
            {
                yield return $"amendment '{p.Amendment}' is pending: withdraw it or wait for the committee's decision before closing";
            }
        }
        else if (guard == ScopeComplete)
        {
            var scope = state.ProposedScope;
            if (scope.Methods.IsEmpty)
            {
                yield return "the scope names no data-collection method: add at least one before submitting";
            }

            if (scope.RespondentGroups.IsEmpty)
            {
                yield return "the scope names no respondent group: add at least one before submitting";
            }

            if (scope.Sites.IsEmpty)
            {
                yield return "the scope names no site: add at least one before submitting";
            }
        }
    }

    private void Decide(ProtocolTrigger trigger) => Machine.EnsureCanFire(State, State.Status, trigger, Description);

    private CommandRejectedException Refuse(ProtocolTrigger trigger, params string[] reasons)
        => Machine.Reject(State, State.Status, trigger, Description, reasons);

    private void EnsureNotBeforeLastChange(ProtocolTrigger trigger, LocalDate on)
    {
        if (!State.Timeline.IsEmpty && on < State.Timeline[^1].On)
        {
            var last = State.Timeline[^1];
            throw Refuse(trigger, $"{on.Iso()} is before the last recorded change ({last.Status} from {last.On.Iso()}): dated changes are recorded in order");
        }
    }

    private void EnsureTargetsThis(ProtocolTrigger trigger, AmendmentState amendment)
    {
        if (amendment.Protocol != Id)
        {
            throw Refuse(trigger, $"amendment '{amendment.Id}' targets protocol '{amendment.Protocol}', not '{Id}'");
        }
    }
}
