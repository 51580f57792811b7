using CoProduction.Events;

namespace CoProduction.Protocols;

/// <summary>The amendment's machine: the committee review, with rebasing and, for a non-substantial amendment, acceptance as a notification.</summary>
internal static class AmendmentMachine
{
    /// <summary>Gets the committee review, in the amendment's enums.</summary>
    public static CommitteeReview<AmendmentStatus, AmendmentTrigger> Review { get; } = new(
        AmendmentStatus.Draft,
        AmendmentStatus.Submitted,
        AmendmentStatus.UnderReview,
        AmendmentStatus.ChangesRequested,
        AmendmentStatus.Approved,
        AmendmentStatus.Rejected,
        AmendmentStatus.Withdrawn,
        AmendmentTrigger.Revise,
        AmendmentTrigger.Submit,
        AmendmentTrigger.StartReview,
        AmendmentTrigger.RequestChanges,
        AmendmentTrigger.Approve,
        AmendmentTrigger.Reject,
        AmendmentTrigger.Withdraw);

    /// <summary>Gets the notification guard: only a non-substantial amendment is accepted without review.</summary>
    public static Guard<AmendmentState> NotSubstantial { get; } = new(
        "the amendment is substantial",
        static a => !a.Substantial,
        static a => [$"amendment '{a.Id}' is substantial: the committee reviews it (start the review) instead of accepting it as a notification"]);

    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<AmendmentStatus, AmendmentTrigger, AmendmentState> Machine { get; } = new(
        static a => a.Status,
        static m =>
        {
            Review.AddTo(m, "changes checked against the current version");
            foreach (var rebasable in (System.ReadOnlySpan<AmendmentStatus>)[AmendmentStatus.Draft, AmendmentStatus.ChangesRequested, AmendmentStatus.Submitted, AmendmentStatus.UnderReview])
            {
                m.In(rebasable).Record(AmendmentTrigger.Rebase, "based on the current version");
            }

            m.In(AmendmentStatus.Submitted).Permit(AmendmentTrigger.AcceptAsNotification, AmendmentStatus.Approved, NotSubstantial);
        });

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static AmendmentTrigger TriggerOf(IAmendmentEvent @event) => @event switch
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
        _ => throw Fold.Unknown<AmendmentState>(@event),
    };
}
