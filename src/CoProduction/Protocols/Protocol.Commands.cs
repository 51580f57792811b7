using System.Collections.Generic;
using System.Linq;
using NodaTime;

namespace CoProduction.Protocols;

/// <content>The protocol's commands: check the inputs, go through the pipeline, record one event.</content>
public sealed partial class Protocol
{
    /// <summary>Changes the title and proposed scope of a draft, or of a protocol the committee asked to change.</summary>
    /// <param name="title">The new title; a name.</param>
    /// <param name="scope">The new proposed scope.</param>
    /// <param name="context">When, by whom, and the rules (every site of the scope must be known).</param>
    /// <exception cref="System.ArgumentException">A blank or padded title.</exception>
    /// <exception cref="CommandRejectedException">Not in Draft or ChangesRequested, or dated before the latest event.</exception>
    /// <exception cref="UnknownSiteException">The scope names a site that is not known.</exception>
    public void Revise(string title, ProtocolScope scope, ProtocolContext context)
    {
        Preconditions.CheckName(title, nameof(title));
        System.ArgumentNullException.ThrowIfNull(scope);
        System.ArgumentNullException.ThrowIfNull(context);
        Decide(Machine, Now(), ProtocolTrigger.Revise, context.Stamp);
        UnknownSiteException.ThrowIfAnyUnknown($"revise {Description}", scope.Sites, context.Rules.KnownSites);
        Record(new ProtocolRevised(title, scope, context.Stamp.At, context.Stamp.By));
    }

    /// <summary>Sends the protocol to its committee (from Draft, or again from ChangesRequested).</summary>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not permitted now, the scope is incomplete, or dated before the latest event.</exception>
    public void Submit(Stamp stamp) => Review(ProtocolTrigger.Submit, stamp, new ProtocolSubmitted(stamp.At, stamp.By));

    /// <summary>Records that the committee started its review.</summary>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not submitted, or dated before the latest event.</exception>
    public void StartReview(Stamp stamp) => Review(ProtocolTrigger.StartReview, stamp, new ProtocolReviewStarted(stamp.At, stamp.By));

    /// <summary>Records that the committee asked for changes.</summary>
    /// <param name="reason">What was asked for; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not under review, or dated before the latest event.</exception>
    public void RequestChanges(string reason, Stamp stamp)
        => Review(ProtocolTrigger.RequestChanges, stamp, new ProtocolChangesRequested(Preconditions.CheckText(reason, nameof(reason)), stamp.At, stamp.By));

    /// <summary>Records the committee's approval: version 1, with the proposed scope, valid for the period.</summary>
    /// <param name="approvedOn">The approval date.</param>
    /// <param name="period">The validity period (see <see cref="CommitteePolicy.ApprovalPeriodFrom"/>).</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">The stamp names no actor.</exception>
    /// <exception cref="CommandRejectedException">Not under review (there is no approval without review), the approval date is before <see cref="EarliestDecisionDate"/> or before the protocol was drafted, or dated before the latest event.</exception>
    public void Approve(LocalDate approvedOn, ApprovalPeriod period, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(period);
        var now = Now();
        Decide(Machine, now, ProtocolTrigger.Approve, stamp);
        if (ImplausibleDecision(State, approvedOn, "approved") is { } why)
        {
            throw Refuse(Machine, now, ProtocolTrigger.Approve, why);
        }

        Record(new ProtocolApproved(approvedOn, period, stamp.At, stamp.By));
    }

    /// <summary>Why a decision dated <paramref name="on"/> about the protocol is implausible: before <see cref="EarliestDecisionDate"/>, or before the protocol was drafted (when the protocol is given).</summary>
    /// <param name="protocol">The protocol decided on, or <see langword="null"/> when only the earliest date is checked.</param>
    /// <param name="on">The decision's date.</param>
    /// <param name="decided">What was decided, for example <c>approved</c>.</param>
    /// <returns>The reason, or <see langword="null"/> when plausible.</returns>
    internal static string? ImplausibleDecision(ProtocolState? protocol, LocalDate on, string decided)
    {
        if (on < EarliestDecisionDate)
        {
            return $"it would be {decided} on {on.Iso()}, before {EarliestDecisionDate.Iso()} (the Declaration of Helsinki): no ethics committee decided then; check the year";
        }

        return protocol is not null && on < protocol.DraftedOn
            ? $"it would be {decided} on {on.Iso()}, before protocol '{protocol.Id}' was drafted on {protocol.DraftedOn.Iso()}: a decision follows its draft (record a protocol drafted in the past with ProtocolDraft.DraftedOn)"
            : null;
    }

    /// <summary>Records the committee's refusal.</summary>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not under review, or dated before the latest event.</exception>
    public void Reject(string reason, Stamp stamp)
        => Review(ProtocolTrigger.Reject, stamp, new ProtocolRejected(Preconditions.CheckText(reason, nameof(reason)), stamp.At, stamp.By));

    /// <summary>Withdraws the protocol before a decision.</summary>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Already decided, or dated before the latest event.</exception>
    public void Withdraw(string reason, Stamp stamp)
        => Review(ProtocolTrigger.Withdraw, stamp, new ProtocolWithdrawn(Preconditions.CheckText(reason, nameof(reason)), stamp.At, stamp.By));

    /// <summary>Suspends the approval from a date.</summary>
    /// <param name="on">The first day of the suspension: within the approval, not before the last recorded change.</param>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not approved, the date does not fit, or dated before the latest event.</exception>
    public void Suspend(LocalDate on, string reason, Stamp stamp)
    {
        Preconditions.CheckText(reason, nameof(reason));
        var now = Now();
        Decide(Machine, now, ProtocolTrigger.Suspend, stamp);
        RefuseIfBeforeLastChange(now, ProtocolTrigger.Suspend, on);
        if (!State.IsApprovedOn(on))
        {
            throw Refuse(Machine, now, ProtocolTrigger.Suspend, $"the protocol is {State.StatusOn(on)} on {on.Iso()}, not approved: there is nothing to suspend");
        }

        Record(new ProtocolSuspended(on, reason, stamp.At, stamp.By));
    }

    /// <summary>Lifts a suspension from a date.</summary>
    /// <param name="on">The first day of approval again: within the approval period.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not suspended, the approval lapsed (renew instead), or dated before the latest event.</exception>
    public void Reinstate(LocalDate on, Stamp stamp)
    {
        var now = Now();
        Decide(Machine, now, ProtocolTrigger.Reinstate, stamp);
        RefuseIfBeforeLastChange(now, ProtocolTrigger.Reinstate, on);
        if (State.StatusOn(on) != ProtocolStatus.Suspended)
        {
            throw Refuse(
                Machine,
                now,
                ProtocolTrigger.Reinstate,
                $"the approval is {State.StatusOn(on)} on {on.Iso()} (it ended on {State.ApprovalEnd!.Value.Iso()}): observe the expiry and renew instead");
        }

        Record(new ProtocolReinstated(on, stamp.At, stamp.By));
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
    /// <param name="context">When, by whom, and the rules (the policy of the protocol's committee).</param>
    /// <exception cref="CommandRejectedException">Not approved or expired (for example closed), the dates do not fit, the policy needs a new application, or dated before the latest event.</exception>
    /// <exception cref="UnknownCommitteeException">The rules know no policy for the protocol's committee.</exception>
    public void Renew(LocalDate renewedOn, LocalDate newEnd, ProtocolContext context)
    {
        System.ArgumentNullException.ThrowIfNull(context);
        var now = Now();
        Decide(Machine, now, ProtocolTrigger.Renew, context.Stamp);
        var policy = context.Rules.PolicyFor(State.Committee, $"renew protocol '{Id}'");
        var end = State.ApprovalEnd!.Value;
        if (end == LocalDate.MaxIsoValue)
        {
            throw Refuse(Machine, now, ProtocolTrigger.Renew, "the approval is open-ended: it needs no continuing review");
        }

        if (newEnd <= end)
        {
            throw Refuse(Machine, now, ProtocolTrigger.Renew, $"the new end {newEnd.Iso()} is not after the current end {end.Iso()}");
        }

        var lapsed = renewedOn > end;
        if (lapsed && !policy.LapsedApprovalCanBeRenewed)
        {
            throw Refuse(
                Machine,
                now,
                ProtocolTrigger.Renew,
                $"the approval lapsed on {end.PlusDays(1).Iso()} and under {policy.Name} a lapsed protocol needs a new application, not a renewal: draft a new protocol");
        }

        if (newEnd < renewedOn)
        {
            throw Refuse(Machine, now, ProtocolTrigger.Renew, $"the new end {newEnd.Iso()} is before the renewal date {renewedOn.Iso()}");
        }

        Record(new ProtocolRenewed(renewedOn, newEnd, lapsed, context.Stamp.At, context.Stamp.By));
    }

    /// <summary>Records that the approval period passed without renewal, as observed on a date by a sweep or a command.</summary>
    /// <param name="today">The date of the observation; after the approval's end.</param>
    /// <param name="stamp">When and by whom (usually <see cref="Actor.System"/>).</param>
    /// <exception cref="CommandRejectedException">Not approved or suspended, the approval has not ended on <paramref name="today"/>, or dated before the latest event.</exception>
    public void ObserveExpiry(LocalDate today, Stamp stamp)
    {
        var now = Now();
        Decide(Machine, now, ProtocolTrigger.ObserveExpiry, stamp);
        var end = State.ApprovalEnd!.Value;
        if (!IsExpiryDue(today))
        {
            throw Refuse(Machine, now, ProtocolTrigger.ObserveExpiry, $"the approval runs until {end.Iso()}: it has not expired on {today.Iso()}");
        }

        Record(new ProtocolExpired(end.PlusDays(1), today, stamp.At, stamp.By));
    }

    /// <summary>Closes the protocol with its final report.</summary>
    /// <param name="on">The closing date: not before the last recorded change.</param>
    /// <param name="finalReport">A summary of, or reference to, the final report; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not approved, suspended or expired, an amendment is pending, or dated before the latest event.</exception>
    public void Close(LocalDate on, string finalReport, Stamp stamp)
    {
        Preconditions.CheckText(finalReport, nameof(finalReport));
        var now = Now();
        Decide(Machine, now, ProtocolTrigger.Close, stamp);
        RefuseIfBeforeLastChange(now, ProtocolTrigger.Close, on);
        Record(new ProtocolClosed(on, finalReport, stamp.At, stamp.By));
    }

    /// <summary>
    /// Lodges a submitted amendment as pending, reserving the items it touches: no other amendment
    /// touching them can be lodged or applied until it is decided.
    /// </summary>
    /// <remarks>Save the amendment's submission and this lodging together; the protocol stream's expected version stops two concurrent lodgings on the same item.</remarks>
    /// <param name="amendment">The amendment: submitted, under review or with changes requested, targeting this protocol.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">
    /// Not approved; the amendment targets another protocol, is not awaiting a decision or is already
    /// pending; it is stale on an item changed since (rebase it), another pending amendment touches the
    /// same item, or the command is dated before the latest event.
    /// </exception>
    public void LodgeAmendment(Amendment amendment, Stamp stamp)
    {
        var now = Now();
        var a = Targeted(now, ProtocolTrigger.LodgeAmendment, amendment, stamp);
        if (a.Status is not (AmendmentStatus.Submitted or AmendmentStatus.UnderReview or AmendmentStatus.ChangesRequested))
        {
            throw Refuse(Machine, now, ProtocolTrigger.LodgeAmendment, $"amendment '{a.Id}' is {a.Status}: only a submitted amendment awaiting a decision can be lodged");
        }

        if (State.Pending.Any(p => p.Amendment == a.Id))
        {
            throw Refuse(Machine, now, ProtocolTrigger.LodgeAmendment, $"amendment '{a.Id}' is already pending");
        }

        var touches = a.Changes.Touches;
        var conflicts = State.ConflictsFor(a.Id, a.BaseVersion, touches);
        if (conflicts.Count != 0)
        {
            throw Refuse(Machine, now, ProtocolTrigger.LodgeAmendment, [.. conflicts]);
        }

        Record(new ProtocolAmendmentLodged(a.Id, a.BaseVersion, touches, stamp.At, stamp.By));
    }

    /// <summary>Releases a pending amendment that was withdrawn or rejected, freeing the items it reserved.</summary>
    /// <param name="amendment">The amendment.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">The amendment is not pending here, is not withdrawn or rejected, or the command is dated before the latest event.</exception>
    public void ReleaseAmendment(Amendment amendment, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(amendment);
        var now = Now();
        Decide(Machine, now, ProtocolTrigger.ReleaseAmendment, stamp);
        var a = amendment.State;
        if (!State.Pending.Any(p => p.Amendment == a.Id))
        {
            throw Refuse(Machine, now, ProtocolTrigger.ReleaseAmendment, $"amendment '{a.Id}' is not pending on {Description}");
        }

        if (a.Status is not (AmendmentStatus.Withdrawn or AmendmentStatus.Rejected))
        {
            throw Refuse(
                Machine,
                now,
                ProtocolTrigger.ReleaseAmendment,
                $"amendment '{a.Id}' is {a.Status}: only a withdrawn or rejected amendment is released (an approved one is applied)");
        }

        Record(new ProtocolAmendmentReleased(a.Id, a.Status.ToString(), stamp.At, stamp.By));
    }

    /// <summary>Applies an approved amendment: the protocol's next version, in force from the amendment's approval date.</summary>
    /// <param name="amendment">The approved amendment, targeting this protocol.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">
    /// Not approved; the amendment is not approved, already applied, stale on an item changed since
    /// (rebase), blocked by another pending amendment, approved before the current version came into
    /// force, its changes no longer fit the scope, or the command is dated before the latest event.
    /// </exception>
    public void ApplyAmendment(Amendment amendment, Stamp stamp)
    {
        var now = Now();
        var a = Targeted(now, ProtocolTrigger.ApplyAmendment, amendment, stamp);
        if (a.Status != AmendmentStatus.Approved || a.ApprovedOn is not { } approvedOn)
        {
            throw Refuse(Machine, now, ProtocolTrigger.ApplyAmendment, $"amendment '{a.Id}' is {a.Status}: only an approved amendment can be applied");
        }

        var reasons = ProblemsApplying(a, approvedOn);
        if (reasons.Count != 0)
        {
            throw Refuse(Machine, now, ProtocolTrigger.ApplyAmendment, [.. reasons]);
        }

        var c = a.Changes;
        var current = State.CurrentVersion!;
        Record(new ProtocolAmendmentApplied(a.Id, current.Number + 1, approvedOn, c.Add, c.Remove, c.ExtendApprovalTo, c.PersonnelChanges, stamp.At, stamp.By));
    }

    /// <summary>
    /// Why an amendment approved on a date could not be applied to this protocol as it stands: the one check that
    /// <see cref="ApplyAmendment"/> makes and that <see cref="Amendment.Approve(LocalDate, Protocol, Stamp)"/> makes before approving.
    /// </summary>
    /// <param name="a">The amendment.</param>
    /// <param name="approvedOn">The approval date.</param>
    /// <returns>The problems, each a sentence; empty when it applies.</returns>
    internal List<string> ProblemsApplying(AmendmentState a, LocalDate approvedOn)
    {
        if (State.Status != ProtocolStatus.Approved || State.CurrentVersion is not { } current || State.ApprovalEnd is not { } approvalEnd)
        {
            return [$"{Description} is {State.Status}: an amendment applies to an approved protocol"];
        }

        if (State.Versions.Any(v => v.Amendment == a.Id))
        {
            return [$"amendment '{a.Id}' is already applied"];
        }

        var reasons = State.ConflictsFor(a.Id, a.BaseVersion, a.Changes.Touches);
        reasons.AddRange(a.Changes.ProblemsWith(current.Scope, approvalEnd));
        if (approvedOn < current.InForceFrom)
        {
            reasons.Add($"amendment '{a.Id}' was approved on {approvedOn.Iso()}, before version {current.Number} came into force on {current.InForceFrom.Iso()}: versions come into force in order");
        }

        if (approvedOn > approvalEnd)
        {
            reasons.Add($"amendment '{a.Id}' was approved on {approvedOn.Iso()}, after the approval ended on {approvalEnd.Iso()}: renew first");
        }

        return reasons;
    }

    /// <summary>
    /// Records a respondent group's collective consent, or one named participant's, to data collection by some of the
    /// protocol's methods from a day. From then the ethics gate lets an activity collect from them by those methods, and
    /// refuses one that names a participant without a consent standing on its day.
    /// </summary>
    /// <param name="group">The respondent group (the participant's group): in the scope of the version that applies on <paramref name="on"/>.</param>
    /// <param name="participant">The participant, by study code (never a name); <see langword="null"/> for the group's collective consent.</param>
    /// <param name="methods">The methods consented to: at least one, each in the scope of that version.</param>
    /// <param name="on">The day consent was given: the protocol approved and unexpired that day, not after the day it is recorded.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default group, participant or method, or no method.</exception>
    /// <exception cref="InputLimitException">A method named twice, or more than <see cref="InputLimits.ListCount"/>.</exception>
    /// <exception cref="CommandRejectedException">
    /// Not approved; the protocol was not approved on <paramref name="on"/>; the group or a method is outside its scope; the
    /// day is after the day it is recorded; the subject's earlier consent still stands (withdraw it first) or was withdrawn after
    /// <paramref name="on"/>; or dated before the latest event.
    /// </exception>
    public void RecordConsent(RespondentGroup group, ParticipantId? participant, IEnumerable<DataCollectionMethod> methods, LocalDate on, Stamp stamp)
    {
        CheckSubject(group, participant);
        System.ArgumentNullException.ThrowIfNull(methods);
        var consented = Preconditions.CheckDistinct([.. methods], nameof(methods));
        if (consented.IsEmpty || consented.Contains(default))
        {
            throw new System.ArgumentException(
                $"Consent of {Consent.Describe(group, participant)} names {(consented.IsEmpty ? "no method" : "a default, empty method")}: name each data-collection method consented to, for example DataCollectionMethod.Interview.",
                nameof(methods));
        }

        var now = Now();
        Decide(Machine, now, ProtocolTrigger.RecordConsent, stamp);
        var subject = Consent.Describe(group, participant);
        var reasons = new List<string>();
        if (on > LatestDayRecordedAt(stamp.At))
        {
            reasons.Add($"consent of {subject} would be given on {on.Iso()}, after the day it is recorded ({stamp.At.InUtc().Date.Iso()} UTC): record a consent once it is given");
        }

        reasons.AddRange(State.ConsentOutsideApproval(group, consented, on));
        var latest = State.LatestConsent(group, participant);
        if (latest is { Stands: true })
        {
            reasons.Add($"{subject} consented on {latest.GivenOn.Iso()} to {string.Join(", ", latest.Methods)}, and that consent stands: record its withdrawal first to record a new one");
        }
        else if (latest is { WithdrawnOn: { } withdrawn } && on < withdrawn)
        {
            reasons.Add($"{subject} withdrew consent on {withdrawn.Iso()}: a new consent is given on that day or later, not on {on.Iso()}");
        }

        if (reasons.Count > 0)
        {
            throw Refuse(Machine, now, ProtocolTrigger.RecordConsent, [.. reasons]);
        }

        Record(new ProtocolConsentGiven(group, participant, consented, on, stamp.At, stamp.By));
    }

    /// <summary>
    /// Records that a respondent group, or a named participant, withdrew consent from a day: the ethics gate refuses any
    /// further data collection from them on or after it, and what was collected before stays (nothing recorded is changed).
    /// </summary>
    /// <param name="group">The respondent group.</param>
    /// <param name="participant">The participant, by study code; <see langword="null"/> for the group's collective consent.</param>
    /// <param name="on">The first day without consent: not before the consent was given.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default group or participant.</exception>
    /// <exception cref="CommandRejectedException">Not approved, suspended or expired; no consent of the subject stands; the day is before it was given; or dated before the latest event.</exception>
    public void WithdrawConsent(RespondentGroup group, ParticipantId? participant, LocalDate on, Stamp stamp)
    {
        CheckSubject(group, participant);
        var now = Now();
        Decide(Machine, now, ProtocolTrigger.WithdrawConsent, stamp);
        var subject = Consent.Describe(group, participant);
        var latest = State.LatestConsent(group, participant);
        if (latest is not { Stands: true } standing)
        {
            throw Refuse(
                Machine,
                now,
                ProtocolTrigger.WithdrawConsent,
                latest is null
                    ? $"no consent of {subject} is recorded under protocol '{Id}': there is nothing to withdraw"
                    : $"{subject} withdrew consent on {latest.WithdrawnOn!.Value.Iso()} already: there is nothing more to withdraw");
        }

        if (on < standing.GivenOn)
        {
            throw Refuse(Machine, now, ProtocolTrigger.WithdrawConsent, $"the withdrawal on {on.Iso()} is before {subject} consented on {standing.GivenOn.Iso()}: a consent is withdrawn after it is given");
        }

        Record(new ProtocolConsentWithdrawn(group, participant, on, stamp.At, stamp.By));
    }

    private static void CheckSubject(RespondentGroup group, ParticipantId? participant)
    {
        RespondentGroup.Require(group, nameof(group));
        if (participant is { } p)
        {
            Preconditions.CheckId(p, nameof(participant));
        }
    }

    private ProtocolDecision Now() => new(State, null);

    private void Review(ProtocolTrigger trigger, Stamp stamp, IProtocolEvent reviewed)
    {
        Decide(Machine, Now(), trigger, stamp);
        Record(reviewed);
    }

    private void RefuseIfBeforeLastChange(ProtocolDecision now, ProtocolTrigger trigger, LocalDate on)
    {
        if (!State.Timeline.IsEmpty && on < State.Timeline[^1].On)
        {
            var last = State.Timeline[^1];
            throw Refuse(Machine, now, trigger, $"{on.Iso()} is before the last recorded change ({last.Status} from {last.On.Iso()}): dated changes are recorded in order");
        }
    }

    /// <summary>The pipeline for a command about one of this protocol's amendments: the amendment's state, once the machine accepts and the amendment targets this protocol.</summary>
    private AmendmentState Targeted(ProtocolDecision now, ProtocolTrigger trigger, Amendment amendment, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(amendment);
        Decide(Machine, now, trigger, stamp);
        var a = amendment.State;
        if (a.Protocol != Id)
        {
            throw Refuse(Machine, now, trigger, $"amendment '{a.Id}' targets protocol '{a.Protocol}', not '{Id}'");
        }

        return a;
    }
}
