using NodaTime;

namespace CoProduction.Protocols;

/// <content>The amendment's commands: check the inputs, go through the pipeline, record one event.</content>
public sealed partial class Amendment
{
    /// <summary>Changes the rationale, the substantial flag and the changes, checked against (and based on) the protocol's current version.</summary>
    /// <param name="proposal">The new rationale, changes and substantial flag.</param>
    /// <param name="protocol">The protocol it amends.</param>
    /// <param name="context">When, by whom, and the rules (every added site must be known).</param>
    /// <exception cref="CommandRejectedException">Not in Draft or ChangesRequested, another protocol, the changes do not fit, or dated before the latest event.</exception>
    /// <exception cref="UnknownSiteException">An added site is not known.</exception>
    public void Revise(AmendmentProposal proposal, Protocol protocol, ProtocolContext context)
    {
        System.ArgumentNullException.ThrowIfNull(proposal);
        System.ArgumentNullException.ThrowIfNull(protocol);
        System.ArgumentNullException.ThrowIfNull(context);
        Decide(Machine, State, AmendmentTrigger.Revise, context.Stamp);
        UnknownSiteException.ThrowIfAnyUnknown($"revise {Description}", proposal.Changes.AddedSites, context.Rules.KnownSites);
        var version = VersionFitting(AmendmentTrigger.Revise, proposal.Changes, protocol.State);
        Record(new AmendmentRevised(version, proposal.Rationale, proposal.Substantial, proposal.Changes, context.Stamp.At, context.Stamp.By));
    }

    /// <summary>Re-bases the amendment on the protocol's current version, checking its changes against that version's scope.</summary>
    /// <param name="protocol">The protocol it amends.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not in Draft, Submitted, UnderReview or ChangesRequested, already on the current version, the changes no longer fit (revise them), or dated before the latest event.</exception>
    public void Rebase(Protocol protocol, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(protocol);
        Decide(Machine, State, AmendmentTrigger.Rebase, stamp);
        var version = VersionFitting(AmendmentTrigger.Rebase, State.Changes, protocol.State);
        if (version == State.BaseVersion)
        {
            throw Refuse(Machine, State, AmendmentTrigger.Rebase, $"it is already based on version {version}, the current one: there is nothing to rebase");
        }

        Record(new AmendmentRebased(version, stamp.At, stamp.By));
    }

    /// <summary>Sends the amendment to the committee (then lodge it with <see cref="Protocol.LodgeAmendment"/>).</summary>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not in Draft or ChangesRequested, or dated before the latest event.</exception>
    public void Submit(Stamp stamp) => Review(AmendmentTrigger.Submit, stamp, new AmendmentSubmitted(stamp.At, stamp.By));

    /// <summary>Records that the committee started its review.</summary>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not submitted, or dated before the latest event.</exception>
    public void StartReview(Stamp stamp) => Review(AmendmentTrigger.StartReview, stamp, new AmendmentReviewStarted(stamp.At, stamp.By));

    /// <summary>Records that the committee asked for changes.</summary>
    /// <param name="reason">What was asked for; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not under review, or dated before the latest event.</exception>
    public void RequestChanges(string reason, Stamp stamp)
        => Review(AmendmentTrigger.RequestChanges, stamp, new AmendmentChangesRequested(Preconditions.CheckText(reason, nameof(reason)), stamp.At, stamp.By));

    /// <summary>Records the committee's approval after review.</summary>
    /// <param name="approvedOn">The approval date: the protocol's next version is in force from it.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not under review, or dated before the latest event.</exception>
    public void Approve(LocalDate approvedOn, Stamp stamp)
    {
        Decide(Machine, State, AmendmentTrigger.Approve, stamp);
        RefuseIfImplausible(AmendmentTrigger.Approve, approvedOn);
        Record(new AmendmentApproved(approvedOn, false, stamp.At, stamp.By));
    }

    /// <summary>
    /// Records the committee's approval after review, once it is sure the amendment applies to the protocol as it
    /// stands (the check <see cref="Protocol.ApplyAmendment"/> makes): an amendment written against a version changed
    /// since is refused with the reason, and can be rebased while under review.
    /// </summary>
    /// <param name="approvedOn">The approval date: the protocol's next version is in force from it.</param>
    /// <param name="protocol">The protocol it amends, as it stands now.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not under review, another protocol, it would not apply (stale, blocked, out of scope or out of the approval period), or dated before the latest event.</exception>
    public void Approve(LocalDate approvedOn, Protocol protocol, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(protocol);
        Decide(Machine, State, AmendmentTrigger.Approve, stamp);
        RefuseIfAnother(AmendmentTrigger.Approve, protocol.State);
        RefuseIfImplausible(AmendmentTrigger.Approve, approvedOn, protocol.State);
        var problems = protocol.ProblemsApplying(State, approvedOn);
        if (problems.Count != 0)
        {
            throw Refuse(Machine, State, AmendmentTrigger.Approve, [.. problems]);
        }

        Record(new AmendmentApproved(approvedOn, false, stamp.At, stamp.By));
    }

    /// <summary>Records that the committee accepted a non-substantial amendment as a notification, without review.</summary>
    /// <param name="acceptedOn">The acceptance date.</param>
    /// <param name="protocol">The protocol it amends, whose committee's policy must accept notifications.</param>
    /// <param name="context">When, by whom, and the rules (the committee's policy).</param>
    /// <exception cref="CommandRejectedException">Not submitted, substantial, another protocol, the policy does not accept notifications, or dated before the latest event.</exception>
    /// <exception cref="UnknownCommitteeException">The rules know no policy for the protocol's committee.</exception>
    public void AcceptAsNotification(LocalDate acceptedOn, Protocol protocol, ProtocolContext context)
    {
        System.ArgumentNullException.ThrowIfNull(protocol);
        System.ArgumentNullException.ThrowIfNull(context);
        Decide(Machine, State, AmendmentTrigger.AcceptAsNotification, context.Stamp);
        RefuseIfAnother(AmendmentTrigger.AcceptAsNotification, protocol.State);
        RefuseIfImplausible(AmendmentTrigger.AcceptAsNotification, acceptedOn, protocol.State);
        var policy = context.Rules.PolicyFor(protocol.State.Committee, $"accept amendment '{Id}' as a notification");
        if (!policy.NonSubstantialAmendmentsAsNotification)
        {
            throw Refuse(
                Machine,
                State,
                AmendmentTrigger.AcceptAsNotification,
                $"{policy.Name} does not accept non-substantial amendments as notifications: it reviews every amendment (start the review)");
        }

        Record(new AmendmentApproved(acceptedOn, true, context.Stamp.At, context.Stamp.By));
    }

    /// <summary>Records the committee's refusal (then release it with <see cref="Protocol.ReleaseAmendment"/>).</summary>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Not under review, or dated before the latest event.</exception>
    public void Reject(string reason, Stamp stamp)
        => Review(AmendmentTrigger.Reject, stamp, new AmendmentRejected(Preconditions.CheckText(reason, nameof(reason)), stamp.At, stamp.By));

    /// <summary>Withdraws the amendment before a decision (then release it with <see cref="Protocol.ReleaseAmendment"/> if it was lodged).</summary>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="CommandRejectedException">Already decided, or dated before the latest event.</exception>
    public void Withdraw(string reason, Stamp stamp)
        => Review(AmendmentTrigger.Withdraw, stamp, new AmendmentWithdrawn(Preconditions.CheckText(reason, nameof(reason)), stamp.At, stamp.By));

    private void Review(AmendmentTrigger trigger, Stamp stamp, IAmendmentEvent reviewed)
    {
        Decide(Machine, State, trigger, stamp);
        Record(reviewed);
    }

    private void RefuseIfImplausible(AmendmentTrigger trigger, LocalDate on, ProtocolState? protocol = null)
    {
        if (Protocol.ImplausibleDecision(protocol, on, "approved") is { } why)
        {
            throw Refuse(Machine, State, trigger, why);
        }
    }

    private void RefuseIfAnother(AmendmentTrigger trigger, ProtocolState protocol)
    {
        if (protocol.Id != State.Protocol)
        {
            throw Refuse(Machine, State, trigger, $"it amends protocol '{State.Protocol}', not '{protocol.Id}'");
        }
    }

    private int VersionFitting(AmendmentTrigger trigger, AmendmentChanges changes, ProtocolState protocol)
    {
        RefuseIfAnother(trigger, protocol);
        if (protocol.CurrentVersion is not { } current)
        {
            throw Refuse(Machine, State, trigger, $"protocol '{protocol.Id}' has no approved version");
        }

        var problems = changes.ProblemsWith(current.Scope, protocol.ApprovalEnd!.Value);
        if (problems.Count != 0)
        {
            throw Refuse(Machine, State, trigger, [.. problems]);
        }

        return current.Number;
    }
}
