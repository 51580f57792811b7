using System;

namespace CoProduction.Protocols;

/// <summary>
/// The committee review that protocols and amendments share, configured once: revise and submit
/// from Draft or ChangesRequested, start the review, then approve, request changes or reject;
/// withdraw at any point before a decision. Each aggregate maps its own enums' values onto it and
/// adds its own transitions after.
/// </summary>
/// <typeparam name="TStatus">The aggregate's states.</typeparam>
/// <typeparam name="TTrigger">The aggregate's triggers.</typeparam>
/// <param name="Draft">Being written.</param>
/// <param name="Submitted">Sent to the committee.</param>
/// <param name="UnderReview">Being reviewed.</param>
/// <param name="ChangesRequested">Sent back for changes.</param>
/// <param name="Approved">Approved.</param>
/// <param name="Rejected">Refused.</param>
/// <param name="Withdrawn">Withdrawn before a decision.</param>
/// <param name="Revise">Change what is proposed.</param>
/// <param name="Submit">Send to the committee.</param>
/// <param name="StartReview">The committee starts.</param>
/// <param name="RequestChanges">The committee asks for changes.</param>
/// <param name="Approve">The committee approves.</param>
/// <param name="Reject">The committee refuses.</param>
/// <param name="Withdraw">The team withdraws.</param>
internal sealed record CommitteeReview<TStatus, TTrigger>(
    TStatus Draft,
    TStatus Submitted,
    TStatus UnderReview,
    TStatus ChangesRequested,
    TStatus Approved,
    TStatus Rejected,
    TStatus Withdrawn,
    TTrigger Revise,
    TTrigger Submit,
    TTrigger StartReview,
    TTrigger RequestChanges,
    TTrigger Approve,
    TTrigger Reject,
    TTrigger Withdraw)
    where TStatus : struct, Enum
    where TTrigger : struct, Enum
{
    /// <summary>Adds the review's transitions to a machine's definition.</summary>
    /// <typeparam name="TContext">What the machine's guards read.</typeparam>
    /// <param name="m">The machine's builder.</param>
    /// <param name="revises">What a revision records, as the diagrams show it.</param>
    /// <param name="submitGuards">What must hold to submit.</param>
    public void AddTo<TContext>(AggregateMachine<TStatus, TTrigger, TContext>.Builder m, string revises, params Guard<TContext>[] submitGuards)
        where TContext : class
    {
        ArgumentNullException.ThrowIfNull(m);
        foreach (var editable in (ReadOnlySpan<TStatus>)[Draft, ChangesRequested])
        {
            m.In(editable)
                .Record(Revise, revises)
                .Permit(Submit, Submitted, submitGuards)
                .Permit(Withdraw, Withdrawn);
        }

        m.In(Submitted)
            .Permit(StartReview, UnderReview)
            .Permit(Withdraw, Withdrawn);
        m.In(UnderReview)
            .Permit(Approve, Approved)
            .Permit(RequestChanges, ChangesRequested)
            .Permit(Reject, Rejected)
            .Permit(Withdraw, Withdrawn);
    }
}
