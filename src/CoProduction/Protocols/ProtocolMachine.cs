using System.Collections.Generic;
using CoProduction.Events;

namespace CoProduction.Protocols;

/// <summary>The protocol's machine: the committee review, then the approval's standing (suspension, renewal, expiry, closure) and the amendments.</summary>
internal static class ProtocolMachine
{
    /// <summary>Gets the committee review, in the protocol's enums.</summary>
    public static CommitteeReview<ProtocolStatus, ProtocolTrigger> Review { get; } = new(
        ProtocolStatus.Draft,
        ProtocolStatus.Submitted,
        ProtocolStatus.UnderReview,
        ProtocolStatus.ChangesRequested,
        ProtocolStatus.Approved,
        ProtocolStatus.Rejected,
        ProtocolStatus.Withdrawn,
        ProtocolTrigger.Revise,
        ProtocolTrigger.Submit,
        ProtocolTrigger.StartReview,
        ProtocolTrigger.RequestChanges,
        ProtocolTrigger.Approve,
        ProtocolTrigger.Reject,
        ProtocolTrigger.Withdraw);

    /// <summary>Gets the scope guard: a protocol is submitted with a method, a respondent group and a site.</summary>
    public static Guard<ProtocolDecision> ScopeComplete { get; } = new(
        "the scope lacks a data-collection method, a respondent group or a site",
        static d => d.State.ProposedScope.IsComplete,
        static d => ScopeGaps(d.State.ProposedScope));

    /// <summary>Gets the umbrella guard: an umbrella protocol is shared across sites.</summary>
    public static Guard<ProtocolDecision> UmbrellaSpansSites { get; } = new(
        "an umbrella protocol names fewer than two sites",
        static d => d.State.Kind != ProtocolKind.Umbrella || d.State.ProposedScope.Sites.Count >= 2,
        static d => [$"umbrella protocol '{d.State.Id}' names {d.State.ProposedScope.Sites.Count} site(s): an umbrella is shared across sites, so name at least two, or draft it as a main protocol"]);

    /// <summary>Gets the closing guard: no amendment is pending.</summary>
    public static Guard<ProtocolDecision> NothingPending { get; } = new(
        "an amendment is still pending",
        static d => d.State.Pending.IsEmpty,
        static d => PendingAmendments(d.State));

    /// <summary>Gets the amending guard: only a protocol approved and unexpired on the day is amended.</summary>
    public static Guard<ProtocolDecision> ApprovedOnTheDay { get; } = new(
        "the protocol is not approved and unexpired on the day",
        static d => d.On is not { } day || d.State.IsApprovedOn(day),
        static d => [$"protocol '{d.State.Id}' is {d.State.StatusOn(d.On!.Value)} on {d.On!.Value.Iso()}: only an approved, unexpired protocol can be amended"]);

    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<ProtocolStatus, ProtocolTrigger, ProtocolDecision> Machine { get; } = new(
        static d => d.Status,
        static m =>
        {
            Review.AddTo(m, "title and proposed scope change", ScopeComplete, UmbrellaSpansSites);
            m.In(ProtocolStatus.Approved)
                .Permit(ProtocolTrigger.Suspend, ProtocolStatus.Suspended)
                .Record(ProtocolTrigger.Renew, "continuing review extends the period")
                .Permit(ProtocolTrigger.ObserveExpiry, ProtocolStatus.Expired)
                .Permit(ProtocolTrigger.Close, ProtocolStatus.Closed, NothingPending)
                .Record(ProtocolTrigger.DraftAmendment, ApprovedOnTheDay)
                .Record(ProtocolTrigger.LodgeAmendment, "reserves the items it touches")
                .Record(ProtocolTrigger.ReleaseAmendment, "frees a withdrawn or rejected amendment")
                .Record(ProtocolTrigger.ApplyAmendment, "next version")
                .Record(ProtocolTrigger.RecordConsent, "a group or participant consents")
                .Record(ProtocolTrigger.WithdrawConsent, "no further data from them");
            m.In(ProtocolStatus.Suspended)
                .Permit(ProtocolTrigger.Reinstate, ProtocolStatus.Approved)
                .Permit(ProtocolTrigger.ObserveExpiry, ProtocolStatus.Expired)
                .Permit(ProtocolTrigger.Close, ProtocolStatus.Closed, NothingPending)
                .Record(ProtocolTrigger.ReleaseAmendment, "frees a withdrawn or rejected amendment")
                .Record(ProtocolTrigger.WithdrawConsent, "no further data from them");
            m.In(ProtocolStatus.Expired)
                .Permit(ProtocolTrigger.Renew, ProtocolStatus.Approved)
                .Permit(ProtocolTrigger.Close, ProtocolStatus.Closed, NothingPending)
                .Record(ProtocolTrigger.ReleaseAmendment, "frees a withdrawn or rejected amendment")
                .Record(ProtocolTrigger.WithdrawConsent, "no further data from them");
            m.In(ProtocolStatus.Rejected);
            m.In(ProtocolStatus.Withdrawn);
            m.In(ProtocolStatus.Closed);
        });

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static ProtocolTrigger TriggerOf(IProtocolEvent @event) => @event switch
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
        ProtocolConsentGiven => ProtocolTrigger.RecordConsent,
        ProtocolConsentWithdrawn => ProtocolTrigger.WithdrawConsent,
        _ => throw Fold.Unknown<ProtocolState>(@event),
    };

    private static IEnumerable<string> ScopeGaps(ProtocolScope scope)
    {
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

    private static IEnumerable<string> PendingAmendments(ProtocolState state)
    {
        foreach (var p in state.Pending)
        {
            yield return $"amendment '{p.Amendment}' is pending: withdraw it or wait for the committee's decision before closing";
        }
    }
}
