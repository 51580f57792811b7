using System.Linq;
using CoProduction.Scheduling;
using NodaTime;
using NodaTime.Testing;
using static CoProduction.Tests.Scheduling.Plans;

namespace CoProduction.Tests.Scheduling;

public sealed class ReminderScheduleTests
{
    private static readonly ApprovalWindowInput Kwtrp = new(new ProtocolId("KWTRP-2"), "Learning sites", new SiteId("kilifi"), new LocalDate(2017, 6, 30), Nairobi, new LocalDate(2017, 5, 31));

    [Fact]
    public void Approval_reminders_fall_due_at_0800_local_on_each_lead_day_and_only_the_latest_is_returned()
    {
        var clock = new FakeClock(Instant.FromUtc(2017, 6, 1, 4, 59));
        Assert.Equal(["approval-expiring/KWTRP-2/2017-06-30/60d", "renewal-overdue/KWTRP-2/2017-05-31"], ReminderSchedule.Due(new ReminderInputs { Approvals = [Kwtrp] }, clock.GetCurrentInstant()).Select(r => r.Id));
        clock.AdvanceMinutes(1); // 08:00 in Nairobi on 1 June: thirty days before 1 July
        var due = ReminderSchedule.Due(new ReminderInputs { Approvals = [Kwtrp] }, clock.GetCurrentInstant());
        Assert.Equal(["renewal-overdue/KWTRP-2/2017-05-31", "approval-expiring/KWTRP-2/2017-06-30/30d"], due.Select(r => r.Id));
        var expiring = due[1];
        Assert.Equal(ReminderKind.ApprovalExpiring, expiring.Kind);
        Assert.Equal(Instant.FromUtc(2017, 6, 1, 5, 0), expiring.DueAt);
        Assert.Equal("protocol KWTRP-2", expiring.Subject);
        Assert.Equal(new SiteId("kilifi"), expiring.Site);
        Assert.Contains("lapses in 30 days: it is valid until 2017-06-30", expiring.Text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_reminder_handed_over_late_says_the_days_actually_left_not_its_lead_time()
    {
        // Valid until 2026-12-21, so it lapses on the 22nd: the 30-day reminder fell due on 22 November, and a sweep on
        // 1 December (the first since) hands it over with 21 days left.
        var approval = Kwtrp with { ValidUntil = new LocalDate(2026, 12, 21), RenewalDue = new LocalDate(2026, 12, 3) };
        var due = ReminderSchedule.Due(new ReminderInputs { Approvals = [approval] }, Instant.FromUtc(2026, 12, 1, 6, 0));

        var expiring = Assert.Single(due, r => r.Kind == ReminderKind.ApprovalExpiring);
        Assert.Equal("approval-expiring/KWTRP-2/2026-12-21/30d", expiring.Id);
        Assert.Contains("lapses in 21 days: it is valid until 2026-12-21", expiring.Text, System.StringComparison.Ordinal);
        var renewal = Assert.Single(due, r => r.Kind == ReminderKind.RenewalDue);
        Assert.EndsWith("is due on 2026-12-03, in 2 days.", renewal.Text, System.StringComparison.Ordinal);

        var lastDay = ReminderSchedule.Due(new ReminderInputs { Approvals = [approval with { RenewalDue = new LocalDate(2026, 12, 21) }] }, Instant.FromUtc(2026, 12, 21, 6, 0));
        Assert.Contains("lapses in 1 day:", Assert.Single(lastDay, r => r.Kind == ReminderKind.ApprovalExpiring).Text, System.StringComparison.Ordinal);
        Assert.EndsWith("is due today, 2026-12-21.", Assert.Single(lastDay, r => r.Kind == ReminderKind.RenewalDue).Text, System.StringComparison.Ordinal);

        // The schedule for calendars still names each reminder by its lead time.
        Assert.Contains(ReminderSchedule.ForApproval(approval), r => r.Text.Contains("lapses in 30 days", System.StringComparison.Ordinal));
    }

    [Fact]
    public void After_the_last_valid_day_the_approval_has_lapsed()
    {
        var due = ReminderSchedule.Due(new ReminderInputs { Approvals = [Kwtrp with { RenewalDue = null }] }, Instant.FromUtc(2017, 6, 30, 21, 0));
        var lapsed = Assert.Single(due);
        Assert.Equal(ReminderKind.ApprovalExpired, lapsed.Kind);
        Assert.Equal(Instant.FromUtc(2017, 6, 30, 21, 0), lapsed.DueAt); // midnight in Nairobi
        Assert.Empty(ReminderSchedule.Due(new ReminderInputs { Approvals = [Kwtrp with { RenewalDue = null }] }, Instant.FromUtc(2017, 4, 1, 0, 0)));
    }

    [Fact]
    public void Every_approval_reminder_is_listed_in_due_order_for_calendars()
    {
        var all = ReminderSchedule.ForApproval(Kwtrp with { RenewalDue = null });
        Assert.Equal([60, 30, 15, 7], all.Take(4).Select(r => int.Parse(r.Id.Split('/')[^1].TrimEnd('d'), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(ReminderKind.ApprovalExpired, all[^1].Kind);
        Assert.Equal(ReminderSchedule.LapsesAt(Kwtrp), all[^1].DueAt);
    }

    [Fact]
    public void A_stage_past_its_expected_length_a_coming_meeting_and_a_disengaged_manager_are_reminded_in_due_order()
    {
        var plan = Plan("r", Cadence.Monthly(15), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
        var agenda = new MeetingAgenda([MeetingSeries.Plan(plan, new Stamp(Utc(2015, 12, 1), Actor.System)).State]);
        var now = Instant.FromUtc(2016, 3, 14, 12, 0);
        var inputs = new ReminderInputs
        {
            CycleStages = [new CycleStageInput(new CycleId("kilifi-2016"), "Acting", Instant.FromUtc(2016, 1, 10, 6, 0), Period.FromMonths(2), Nairobi, new SiteId("kilifi"))],
            Meetings = [.. agenda.Due(now, now + ReminderPolicy.Default.MeetingLead)],
            Engagements = [new EngagementInput(new MemberId("dhmt-lead"), "County health lead", new LocalDate(2015, 12, 1), Nairobi)],
        };
        var due = ReminderSchedule.Due(inputs, now);
        Assert.Equal([ReminderKind.MemberNotEngaged, ReminderKind.StageOverrun, ReminderKind.MeetingUpcoming], due.Select(r => r.Kind));
        Assert.Equal(Instant.FromUtc(2016, 3, 10, 6, 0), due[1].DueAt);
        Assert.Equal(Instant.FromUtc(2016, 3, 14, 11, 0), due[2].DueAt);
        Assert.Contains("has not been engaged since 2015-12-01 (104 days)", due[0].Text, System.StringComparison.Ordinal);
        Assert.Equal(due, ReminderSchedule.Due(inputs, now));
    }

    [Fact]
    public void Managers_with_the_same_member_id_at_two_sites_get_a_reminder_each()
    {
        var now = Instant.FromUtc(2016, 3, 14, 12, 0);
        var lead = new MemberId("district-manager");
        var inputs = new ReminderInputs
        {
            Engagements =
            [
                new EngagementInput(lead, "Sedibeng district manager", new LocalDate(2015, 12, 1), Nairobi, new SiteId("sedibeng")),
                new EngagementInput(lead, "Mitchell's Plain sub-district manager", new LocalDate(2015, 12, 1), Nairobi, new SiteId("mitchells-plain")),
            ],
        };

        var due = ReminderSchedule.Due(inputs, now);

        Assert.Equal(2, due.Select(r => r.Id).Distinct().Count());
        Assert.Equal(["mitchells-plain", "sedibeng"], due.Select(r => r.Site!.Value.Value).Order());
        Assert.All(due, r => Assert.Contains($"/{r.Site}/district-manager/", r.Id, System.StringComparison.Ordinal));
    }

    [Fact]
    public void Reminders_do_not_depend_on_the_clock_only_on_the_instant_given()
    {
        var a = new FakeClock(Instant.FromUtc(2017, 6, 10, 0, 0));
        var b = new FakeClock(Instant.FromUtc(2017, 6, 10, 0, 0), Duration.FromHours(5));
        var inputs = new ReminderInputs { Approvals = [Kwtrp] };
        Assert.Equal(ReminderSchedule.Due(inputs, a.GetCurrentInstant()), ReminderSchedule.Due(inputs, b.GetCurrentInstant()));
    }
}
