using System;
using System.Linq;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// How one ethics committee runs continuing review, amendments and deviation reports, as data.
/// Presets in <see cref="CommitteePolicies"/> are examples drawn from public guidance; confirm every
/// value with your own committee.
/// </summary>
/// <param name="Name">A name for messages, for example <c>Kenyan national committee (example)</c>.</param>
/// <param name="RenewalInterval">How long one approval lasts; <see langword="null"/> when no continuing review is required (the approval is open-ended).</param>
/// <param name="RenewalSubmissionLead">How long before the approval ends the renewal (progress report) is due.</param>
/// <param name="ReminderLeadDays">Days before the approval end at which to remind the team, each once, for example 60, 30, 15, 7.</param>
/// <param name="AnalysisOnlyStudiesNeedRenewal">Whether a study whose only remaining activity is analysis still needs continuing review.</param>
/// <param name="LapsedApprovalCanBeRenewed">Whether a lapsed approval can still be renewed (leaving the gap unapproved), or needs a new application.</param>
/// <param name="LateRenewalPausesStudy">Whether research must pause (and a deviation be filed) while a renewal is late.</param>
/// <param name="NonSubstantialAmendmentsAsNotification">Whether a non-substantial amendment is accepted as a notification, without review.</param>
/// <param name="DeviationReportingWorkingDays">Working days after a deviation is discovered within which it must be reported.</param>
/// <param name="Source">Where the values come from and what to confirm.</param>
public sealed record CommitteePolicy(
    string Name,
    Period? RenewalInterval,
    Period RenewalSubmissionLead,
    ValueList<int> ReminderLeadDays,
    bool AnalysisOnlyStudiesNeedRenewal,
    bool LapsedApprovalCanBeRenewed,
    bool LateRenewalPausesStudy,
    bool NonSubstantialAmendmentsAsNotification,
    int DeviationReportingWorkingDays,
    string Source)
{
    /// <summary>Gets the days before the approval end at which to remind the team, each once, in the order given.</summary>
    /// <exception cref="InputLimitException">A day listed twice (<see cref="InputRule.Repeated"/>, naming <c>ReminderLeadDays</c> and the day), or more than <see cref="InputLimits.ListCount"/> days.</exception>
    public ValueList<int> ReminderLeadDays
    {
        get;
        init => field = Preconditions.CheckDistinct(value, nameof(ReminderLeadDays));
    } = Preconditions.CheckDistinct(ReminderLeadDays, nameof(ReminderLeadDays));

    /// <summary>Gets whether approvals under this policy need continuing review at all.</summary>
    public bool RequiresContinuingReview => RenewalInterval is not null;

    /// <summary>The approval period a new approval (or renewal) starting on a date gets under this policy.</summary>
    /// <param name="start">The first day of validity.</param>
    /// <returns><c>start .. start + interval − 1 day</c>, or an open-ended period when no continuing review is required.</returns>
    public ApprovalPeriod ApprovalPeriodFrom(LocalDate start)
        => RenewalInterval is { } interval ? new ApprovalPeriod(start, start.Plus(interval).PlusDays(-1)) : ApprovalPeriod.OpenEnded(start);

    /// <summary>Whether a study needs continuing review under this policy.</summary>
    /// <param name="analysisOnly">Whether the study's only remaining activity is analysis.</param>
    /// <returns><see langword="false"/> when the policy has no continuing review, or exempts analysis-only studies and this is one.</returns>
    public bool RequiresRenewal(bool analysisOnly) => RequiresContinuingReview && (AnalysisOnlyStudiesNeedRenewal || !analysisOnly);

    /// <summary>The date a renewal is due for an approval ending on <paramref name="approvalEnd"/>.</summary>
    /// <param name="approvalEnd">The last day of the approval.</param>
    /// <returns>The due date, or <see langword="null"/> for an open-ended approval.</returns>
    public LocalDate? RenewalDueOn(LocalDate approvalEnd)
        => approvalEnd == LocalDate.MaxIsoValue ? null : approvalEnd.Minus(RenewalSubmissionLead);

    /// <summary>The dates to remind the team before an approval ends, earliest first.</summary>
    /// <param name="approvalEnd">The last day of the approval.</param>
    /// <returns>One date per lead time; empty for an open-ended approval.</returns>
    public ValueList<LocalDate> ReminderDates(LocalDate approvalEnd)
        => approvalEnd == LocalDate.MaxIsoValue
            ? []
            : ReminderLeadDays.OrderByDescending(d => d).Select(d => approvalEnd.PlusDays(-d)).ToValueList();

    /// <summary>The date a deviation discovered on a date must be reported by.</summary>
    /// <param name="discoveredOn">When the team learned of it.</param>
    /// <param name="calendar">The working-day calendar (weekends and holidays) of the committee; Monday to Friday when omitted.</param>
    /// <returns><see cref="DeviationReportingWorkingDays"/> working days after <paramref name="discoveredOn"/>.</returns>
    public LocalDate DeviationReportDueOn(LocalDate discoveredOn, WorkingDayCalendar? calendar = null)
        => (calendar ?? WorkingDayCalendar.MondayToFriday).AddWorkingDays(discoveredOn, DeviationReportingWorkingDays);
}
