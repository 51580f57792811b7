using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Calendar;
using CoProduction.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using NodaTime.Testing;
using static CoProduction.Tests.Scheduling.Plans;
using IcalCalendar = Ical.Net.Calendar;

namespace CoProduction.Tests.Scheduling;

public sealed class IcsExporterTests
{
    private static readonly Actor Lead = Actor.Member(new MemberId("amina"));
    private static readonly IcsExporter Exporter = new(new FakeClock(Instant.FromUtc(2016, 1, 2, 3, 4)));

    /// <summary>The start instants Ical.Net reads back from the text, per series UID.</summary>
    private static Dictionary<string, List<Instant>> ReadBack(string ics)
    {
        var calendar = IcalCalendar.Load(ics)!;
        var result = new Dictionary<string, List<Instant>>();
        foreach (var occurrence in calendar.GetOccurrences<CalendarEvent>(new CalDateTime(1990, 1, 1, 0, 0, 0, CalDateTime.UtcTzId), null)
            .TakeWhile(o => o.Period.StartTime.AsUtc < new DateTime(2041, 1, 1, 0, 0, 0, DateTimeKind.Utc)))
        {
            var uid = ((CalendarEvent)occurrence.Source).Uid!;
            if (!result.TryGetValue(uid, out var list))
            {
                result[uid] = list = [];
            }

            list.Add(Instant.FromDateTimeUtc(DateTime.SpecifyKind(occurrence.Period.StartTime.AsUtc, DateTimeKind.Utc)));
        }

        return result;
    }

    /// <summary>The current start instants of every non-cancelled meeting, per UID, as the library sees them.</summary>
    private static Dictionary<string, List<Instant>> Ours(MeetingAgenda agenda)
        => agenda.Timetable.Plans.ToDictionary(
            p => p.Series + "@coproduction",
            p => agenda.Entries(p.Series, Instant.FromUtc(1990, 1, 1, 0, 0), Instant.FromUtc(2041, 1, 1, 0, 0))
                .Where(e => e.Status != OccurrenceStatus.Cancelled)
                .Select(e => e.Start.ToInstant())
                .ToList());

    private static void AssertSameOccurrences(MeetingAgenda agenda)
    {
        var ours = Ours(agenda);
        var theirs = ReadBack(Exporter.ExportMeetings(agenda));
        foreach (var (uid, starts) in ours)
        {
            Assert.Equal(starts, theirs.GetValueOrDefault(uid) ?? []);
        }

        Assert.All(theirs.Keys, uid => Assert.Contains(uid, ours.Keys));
    }

    [Fact]
    public void The_papers_rhythm_round_trips_through_ical_net_with_the_same_occurrences()
        => AssertSameOccurrences(new MeetingAgenda(MeetingAgendaTests.PapersRhythm().Select(p => MeetingSeries.Plan(p, new Stamp(Utc(2011, 12, 1), Lead)).State)));

    [Fact]
    public void Cancelled_and_moved_meetings_become_exdates_and_rdates_and_round_trip()
    {
        var plan = Plan("uk", Cadence.Monthly(31), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31), London, new LocalTime(1, 30));
        var series = MeetingSeries.Plan(plan, new Stamp(Utc(2015, 12, 1), Lead));
        var t = new MeetingTimetable([plan]);
        series.Cancel(t.Find(plan.Series, new LocalDate(2016, 1, 31))!.Value, "strike", new Stamp(Utc(2016, 1, 1), Lead));
        series.Reschedule(t.Find(plan.Series, new LocalDate(2016, 4, 30))!.Value, new LocalDateTime(2016, 5, 3, 15, 0), "holiday", new Stamp(Utc(2016, 4, 1), Lead));
        var agenda = new MeetingAgenda([series.State]);

        var ics = Exporter.ExportMeetings(agenda).Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Contains("TZID=Europe/London", ics, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=MONTHLY;UNTIL=", ics, StringComparison.Ordinal);
        Assert.Contains("BYSETPOS=-1", ics, StringComparison.Ordinal);
        Assert.Contains("EXDATE", ics, StringComparison.Ordinal);
        Assert.Contains("RDATE", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTAMP:20160102T030400Z", ics, StringComparison.Ordinal);
        Assert.Contains("UID:uk@coproduction", ics, StringComparison.Ordinal);
        AssertSameOccurrences(agenda);
    }

    [Fact]
    public void A_series_with_the_later_of_two_times_in_an_overlap_still_round_trips()
    {
        var plan = Plan("ny", Cadence.EveryMonthsOn(1, WeekOfMonth.First, IsoDayOfWeek.Sunday), new LocalDate(2024, 1, 1), new LocalDate(2024, 12, 31), NewYork, new LocalTime(1, 30), resolution: LocalTimeResolution.ShiftForwardOrLater);
        AssertSameOccurrences(new MeetingAgenda([MeetingSeries.Plan(plan, new Stamp(Utc(2023, 12, 1), Lead)).State]));
    }

    [Fact]
    public void A_meeting_in_a_spring_gap_placed_at_the_end_of_the_gap_round_trips()
    {
        var plan = Plan("cet", Cadence.Weekly(IsoDayOfWeek.Sunday), new LocalDate(2022, 3, 1), new LocalDate(2022, 4, 10), DateTimeZoneProviders.Tzdb["CET"], new LocalTime(2, 49), resolution: LocalTimeResolution.EndOfGapOrEarlier);
        AssertSameOccurrences(new MeetingAgenda([MeetingSeries.Plan(plan, new Stamp(Utc(2020, 1, 1), Lead)).State]));
    }

    [Fact]
    public void The_export_is_deterministic()
    {
        var agenda = new MeetingAgenda(MeetingAgendaTests.PapersRhythm().Select(p => MeetingSeries.Plan(p, new Stamp(Utc(2011, 12, 1), Lead)).State));
        Assert.Equal(Exporter.ExportMeetings(agenda), new IcsExporter(new FakeClock(Instant.FromUtc(2016, 1, 2, 3, 4))).ExportMeetings(agenda));
    }

    [Fact]
    public void Approval_expiries_carry_an_alarm_at_each_reminder_instant_and_renewals_are_todos()
    {
        var approval = new ApprovalWindowInput(new ProtocolId("KWTRP-2"), "Learning sites", new SiteId("kilifi"), new LocalDate(2017, 6, 30), Nairobi, new LocalDate(2017, 5, 31));
        var calendar = IcalCalendar.Load(Exporter.ExportApprovals([approval]))!;
        var expected = ReminderSchedule.ForApproval(approval);

        var expiry = Assert.Single(calendar.Events);
        Assert.Equal("approval-KWTRP-2@coproduction", expiry.Uid);
        Assert.Equal(ReminderSchedule.LapsesAt(approval), ToInstant(expiry.DtStart!));
        Assert.Equal(
            expected.Where(r => r.Kind is ReminderKind.ApprovalExpiring or ReminderKind.ApprovalExpired).Select(r => r.DueAt),
            expiry.Alarms.Select(a => ToInstant(expiry.DtStart!) + NodaTime.Duration.FromTimeSpan(a.Trigger!.Duration!.Value.ToTimeSpanUnspecified())));

        var renewal = Assert.Single(calendar.Todos);
        Assert.Equal(Instant.FromUtc(2017, 5, 31, 21, 0), ToInstant(renewal.Due!));
        Assert.Equal(
            expected.Where(r => r.Kind is ReminderKind.RenewalDue or ReminderKind.RenewalOverdue).Select(r => r.DueAt),
            renewal.Alarms.Select(a => ToInstant(renewal.DtStart!) + NodaTime.Duration.FromTimeSpan(a.Trigger!.Duration!.Value.ToTimeSpanUnspecified())));
    }

    [Fact]
    public void A_renewed_approval_keeps_its_uids_so_a_calendar_moves_the_event_and_a_protocol_given_twice_is_refused()
    {
        var before = new ApprovalWindowInput(new ProtocolId("KWTRP-2"), "Learning sites", new SiteId("kilifi"), new LocalDate(2017, 6, 30), Nairobi, new LocalDate(2017, 5, 31));
        var renewed = before with { ValidUntil = new LocalDate(2018, 6, 30), RenewalDue = new LocalDate(2018, 4, 30) };
        var first = IcalCalendar.Load(Exporter.ExportApprovals([before]))!;
        var second = IcalCalendar.Load(Exporter.ExportApprovals([renewed]))!;

        Assert.Equal(first.Events.Single().Uid, second.Events.Single().Uid);
        Assert.Equal(first.Todos.Single().Uid, second.Todos.Single().Uid);
        Assert.Equal("renewal-KWTRP-2@coproduction", second.Todos.Single().Uid);
        Assert.Equal(ReminderSchedule.LapsesAt(renewed), ToInstant(second.Events.Single().DtStart!));

        var twice = Assert.Throws<ArgumentException>(() => Exporter.ExportApprovals([before, renewed]));
        Assert.Contains("Protocol 'KWTRP-2' has more than one approval window", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meeting_reads_in_words_with_the_sites_name_as_its_location()
    {
        var plan = Plan("sedibeng-cross-site", Cadence.EveryMonths(12, 22), new LocalDate(2016, 2, 22), new LocalDate(2018, 2, 22), DateTimeZoneProviders.Tzdb["Africa/Johannesburg"], new LocalTime(9, 0), MeetingKind.CrossSite, "sedibeng");
        var agenda = new MeetingAgenda([MeetingSeries.Plan(plan, new Stamp(Utc(2015, 1, 1), Lead)).State]);

        var named = IcalCalendar.Load(Exporter.ExportMeetings(agenda, new Dictionary<SiteId, string> { [new SiteId("sedibeng")] = "Sedibeng District" }))!.Events.Single();
        Assert.Equal("Sedibeng District", named.Location);
        Assert.Equal("Cross-site meeting at Sedibeng District, every 12 months on day 22.", named.Description);

        var unnamed = IcalCalendar.Load(Exporter.ExportMeetings(agenda))!.Events.Single();
        Assert.Equal("sedibeng", unnamed.Location);
    }

    private static Instant ToInstant(CalDateTime value) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value.AsUtc, DateTimeKind.Utc));

    [Property(MaxTest = 1000)]
    public Property Exported_series_yield_the_same_occurrences_when_read_back_by_ical_net()
    {
        var gen =
            from pair in TimetablePropertyTests.Pairs
            from cancel in Gen.Choose(0, 40)
            from move in Gen.Choose(0, 40)
            select (pair, cancel, move);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            // Keep Ical.Net's work moderate: at most about two years per series.
            var (b, l) = t.pair;
            b = new MeetingSeriesPlan(b.Series, b.Kind, b.Title, b.Site, b.Zone, b.StartTime, b.Length, b.FirstDate, b.FirstDate.PlusDays(Math.Min(730, NodaTime.Period.DaysBetween(b.FirstDate, b.LastDate))), b.ExpectedAttendees, b.Cadence, b.Resolution);
            var baseSeries = MeetingSeries.Plan(b, new Stamp(Instant.FromUtc(1990, 1, 1, 0, 0), Lead));
            var linked = MeetingSeries.Plan(l, new Stamp(Instant.FromUtc(1990, 1, 1, 0, 0), Lead));
            var timetable = new MeetingTimetable([b, l]);
            var planned = timetable.Occurrences(Instant.FromUtc(1990, 1, 1, 0, 0), Instant.FromUtc(2041, 1, 1, 0, 0));
            var before = Instant.FromUtc(1995, 1, 1, 0, 0);
            for (var i = 0; i < planned.Count; i++)
            {
                var series = planned[i].Series == b.Series ? baseSeries : linked;
                if (i == t.cancel)
                {
                    series.Cancel(planned[i], "shock", new Stamp(before, Lead));
                }
                else if (i == t.move)
                {
                    series.Reschedule(planned[i], planned[i].Start.LocalDateTime.PlusHours(3).PlusDays(2), "clash", new Stamp(before, Lead));
                }
            }

            var agenda = new MeetingAgenda([baseSeries.State, linked.State]);
            var ours = Ours(agenda);
            var theirs = ReadBack(Exporter.ExportMeetings(agenda));
            return ours.All(kv => kv.Value.SequenceEqual(theirs.GetValueOrDefault(kv.Key) ?? []))
                .Label($"ours: {string.Join(", ", ours.Select(kv => kv.Key + "=" + string.Join(" ", kv.Value)))}");
        });
    }
}
