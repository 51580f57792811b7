using System;
using System.Collections.Generic;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Scheduling;

/// <summary>
/// Works out which reminders are due: a pure function of plain input records and "now". It reads
/// no clock and no machine zone, so the same inputs and instant always give the same reminders, in
/// the same order, with the same ids.
/// </summary>
/// <remarks>
/// <para>Date-based reminders fall due at <see cref="ReminderPolicy.SendAt"/> local time in the input's
/// zone (a time in a daylight-saving gap moves forward). An approval valid until 30 June lapses when
/// 1 July begins in its zone; its 30-day reminder is due at 08:00 on 1 June.</para>
/// <para>For each approval (and each renewal) only the latest reminder already due is returned: at
/// 20 days before expiry that is the 30-day one, not also the 60-day one; after expiry, the expired
/// one. Notifiers deduplicate by <see cref="Reminder.Id"/>.</para>
/// </remarks>
public static class ReminderSchedule
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;

    /// <summary>The reminders due at <paramref name="now"/>, ordered by due instant, then id.</summary>
    /// <param name="inputs">What to watch.</param>
    /// <param name="now">The instant, from the injected clock.</param>
    /// <param name="policy">Lead times and thresholds; <see cref="ReminderPolicy.Default"/> when null.</param>
    /// <returns>The reminders.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The policy is not valid.</exception>
    public static IReadOnlyList<Reminder> Due(ReminderInputs inputs, Instant now, ReminderPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        policy ??= ReminderPolicy.Default;
        policy.Validate();
        var result = new List<Reminder>();
        foreach (var approval in inputs.Approvals)
        {
            // Texts count the days actually left on the day they are handed over, in the approval's zone, not the lead time's bucket.
            var today = now.InZone(approval.Zone).Date;
            AddLatest(result, ExpiryReminders(approval, policy, today), now);
            AddLatest(result, RenewalReminders(approval, policy, today), now);
        }

        foreach (var stage in inputs.CycleStages)
        {
            var end = LocalTimeResolution.ShiftForwardOrEarlier.Resolve(stage.EnteredAt.InZone(stage.Zone).LocalDateTime + stage.ExpectedLength, stage.Zone);
            if (end.ToInstant() <= now)
            {
                result.Add(new Reminder(
                    $"stage-overrun/{stage.Cycle}/{stage.Stage}/{InstantPattern.ExtendedIso.Format(stage.EnteredAt)}",
                    ReminderKind.StageOverrun,
                    end.ToInstant(),
                    $"cycle {stage.Cycle}",
                    Text($"Cycle {stage.Cycle} has been in {stage.Stage} since {Date.Format(stage.EnteredAt.InZone(stage.Zone).Date)}, past its expected {stage.ExpectedLength} (due to end {Date.Format(end.Date)}): move it on, pause it, or revise the plan."),
                    stage.Site));
            }
        }

        foreach (var meeting in inputs.Meetings)
        {
            var start = meeting.Start.ToInstant();
            var due = start - policy.MeetingLead;
            if (meeting.IsOpen && due <= now && now < start)
            {
                var occurrence = meeting.Occurrence;
                result.Add(new Reminder(
                    $"meeting-upcoming/{occurrence.Series}/{Date.Format(occurrence.Slot)}/{InstantPattern.ExtendedIso.Format(start)}",
                    ReminderKind.MeetingUpcoming,
                    due,
                    $"series {occurrence.Series}",
                    Text($"{MeetingWords.Of(occurrence.Kind)} meeting ({occurrence.Series}) at {occurrence.Site} starts {meeting.Start.ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({meeting.Start.Zone.Id})."),
                    occurrence.Site));
            }
        }

        foreach (var engagement in inputs.Engagements)
        {
            var due = At(engagement.LastEngaged.PlusDays(policy.NotEngagedDays), policy.SendAt, engagement.Zone);
            if (due <= now)
            {
                var days = Period.DaysBetween(engagement.LastEngaged, now.InZone(engagement.Zone).Date);
                result.Add(new Reminder(
                    // The site is part of the id: member ids are unique per site only, so the same id at two sites is two people.
                    engagement.Site is { } site
                        ? $"member-not-engaged/{site}/{engagement.Member}/{Date.Format(engagement.LastEngaged)}"
                        : $"member-not-engaged/{engagement.Member}/{Date.Format(engagement.LastEngaged)}",
                    ReminderKind.MemberNotEngaged,
                    due,
                    $"member {engagement.Member}",
                    Text($"{engagement.Name} has not been engaged since {Date.Format(engagement.LastEngaged)} ({days} days): invite them to the next reflection or workshop."),
                    engagement.Site));
            }
        }

        foreach (var deviation in inputs.Deviations)
        {
            AddLatest(result, DeviationReminders(deviation, policy), now);
        }

        result.Sort(ByDueThenId);
        return result;
    }

    /// <summary>
    /// Every reminder a deviation still to be reported will give: at <see cref="ReminderPolicy.SendAt"/> on its last day
    /// (<see cref="ReminderKind.DeviationReportDue"/>), and when the next day begins (<see cref="ReminderKind.DeviationReportOverdue"/>),
    /// in the site's zone. Their ids name the site: <c>deviation-report-due/{site}/{deviation}/{due}</c>.
    /// </summary>
    /// <param name="deviation">The deviation.</param>
    /// <param name="policy">The send time; <see cref="ReminderPolicy.Default"/> when null.</param>
    /// <returns>The two reminders, in due order.</returns>
    public static IReadOnlyList<Reminder> ForDeviation(DeviationInput deviation, ReminderPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(deviation);
        policy ??= ReminderPolicy.Default;
        policy.Validate();
        return DeviationReminders(deviation, policy);
    }

    /// <summary>Every reminder an approval window will ever give, whatever "now" is: one per lead time, then the lapse; and the same for its renewal, when given. In due order.</summary>
    /// <remarks>What an .ics export turns into alarms.</remarks>
    /// <param name="approval">The approval window.</param>
    /// <param name="policy">Lead times; <see cref="ReminderPolicy.Default"/> when null.</param>
    /// <returns>The reminders.</returns>
    public static IReadOnlyList<Reminder> ForApproval(ApprovalWindowInput approval, ReminderPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(approval);
        policy ??= ReminderPolicy.Default;
        policy.Validate();
        var result = new List<Reminder>(ExpiryReminders(approval, policy, null));
        result.AddRange(RenewalReminders(approval, policy, null));
        result.Sort(ByDueThenId);
        return result;
    }

    /// <summary>The instant an approval lapses: the start of the day after its last valid day, in its zone.</summary>
    /// <param name="approval">The approval window.</param>
    /// <returns>The instant.</returns>
    public static Instant LapsesAt(ApprovalWindowInput approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        return approval.ValidUntil.PlusDays(1).AtStartOfDayInZone(approval.Zone).ToInstant();
    }

    /// <summary>The approval's expiry reminders; their texts count the days left from <paramref name="today"/>, or from each one's due day when it is <see langword="null"/>.</summary>
    private static List<Reminder> ExpiryReminders(ApprovalWindowInput approval, ReminderPolicy policy, LocalDate? today)
    {
        var result = new List<Reminder>(policy.LeadDays.Count + 1);
        var until = Date.Format(approval.ValidUntil);
        var lapse = approval.ValidUntil.PlusDays(1);
        foreach (var lead in policy.LeadDays)
        {
            result.Add(new Reminder(
                $"approval-expiring/{approval.Protocol}/{until}/{lead}d",
                ReminderKind.ApprovalExpiring,
                At(lapse.PlusDays(-lead), policy.SendAt, approval.Zone),
                $"protocol {approval.Protocol}",
                Text($"The approval of protocol {approval.Protocol} ('{approval.Title}') lapses in {Days(today is { } t ? Period.DaysBetween(t, lapse) : lead)}: it is valid until {until}. Submit the renewal or plan to stop the research it covers."),
                approval.Site));
        }

        result.Add(new Reminder(
            $"approval-expired/{approval.Protocol}/{until}",
            ReminderKind.ApprovalExpired,
            LapsesAt(approval),
            $"protocol {approval.Protocol}",
            Text($"The approval of protocol {approval.Protocol} ('{approval.Title}') lapsed after {until}: no research may happen under it until it is renewed."),
            approval.Site));
        return result;
    }

    /// <summary>The approval's renewal reminders; their texts count the days left from <paramref name="today"/>, or from each one's due day when it is <see langword="null"/>.</summary>
    private static List<Reminder> RenewalReminders(ApprovalWindowInput approval, ReminderPolicy policy, LocalDate? today)
    {
        if (approval.RenewalDue is not { } dueDate)
        {
            return [];
        }

        var result = new List<Reminder>(policy.LeadDays.Count + 1);
        var due = Date.Format(dueDate);
        foreach (var lead in policy.LeadDays)
        {
            result.Add(new Reminder(
                $"renewal-due/{approval.Protocol}/{due}/{lead}d",
                ReminderKind.RenewalDue,
                At(dueDate.PlusDays(-lead), policy.SendAt, approval.Zone),
                $"protocol {approval.Protocol}",
                RenewalText(approval, due, today is { } t ? Period.DaysBetween(t, dueDate) : lead),
                approval.Site));
        }

        result.Add(new Reminder(
            $"renewal-overdue/{approval.Protocol}/{due}",
            ReminderKind.RenewalOverdue,
            dueDate.PlusDays(1).AtStartOfDayInZone(approval.Zone).ToInstant(),
            $"protocol {approval.Protocol}",
            Text($"The renewal of protocol {approval.Protocol} ('{approval.Title}') was due on {due} and is overdue."),
            approval.Site));
        return result;
    }

    private static List<Reminder> DeviationReminders(DeviationInput deviation, ReminderPolicy policy)
    {
        var due = Date.Format(deviation.ReportDueOn);
        return
        [
            new Reminder(
                $"deviation-report-due/{deviation.Site}/{deviation.Deviation}/{due}",
                ReminderKind.DeviationReportDue,
                At(deviation.ReportDueOn, policy.SendAt, deviation.Zone),
                $"deviation {deviation.Deviation}",
                Text($"The report of deviation {deviation.Deviation} from protocol {deviation.Protocol} ('{deviation.Activity}' at {deviation.Site}) is due today, {due}: report it to the committee."),
                deviation.Site),
            new Reminder(
                $"deviation-report-overdue/{deviation.Site}/{deviation.Deviation}/{due}",
                ReminderKind.DeviationReportOverdue,
                deviation.ReportDueOn.PlusDays(1).AtStartOfDayInZone(deviation.Zone).ToInstant(),
                $"deviation {deviation.Deviation}",
                Text($"The report of deviation {deviation.Deviation} from protocol {deviation.Protocol} ('{deviation.Activity}' at {deviation.Site}) was due on {due} and is overdue: report it now and say why it is late."),
                deviation.Site),
        ];
    }

    private static int ByDueThenId(Reminder a, Reminder b)
    {
        var c = a.DueAt.CompareTo(b.DueAt);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    private static void AddLatest(List<Reminder> result, List<Reminder> candidates, Instant now)
    {
        Reminder? latest = null;
        foreach (var candidate in candidates)
        {
            if (candidate.DueAt <= now && (latest is null || candidate.DueAt > latest.DueAt))
            {
                latest = candidate;
            }
        }

        if (latest is not null)
        {
            result.Add(latest);
        }
    }

    // The library's documented default resolution (the lenient one: forward in a gap, earlier in an overlap).
    private static Instant At(LocalDate date, LocalTime time, DateTimeZone zone)
        => LocalTimeResolution.ShiftForwardOrEarlier.Resolve(date + time, zone).ToInstant();

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string RenewalText(ApprovalWindowInput approval, string due, int left) => left == 0
        ? Text($"The renewal of protocol {approval.Protocol} ('{approval.Title}') is due today, {due}.")
        : Text($"The renewal of protocol {approval.Protocol} ('{approval.Title}') is due on {due}, in {Days(left)}.");

    private static string Days(int days) => days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";
}
