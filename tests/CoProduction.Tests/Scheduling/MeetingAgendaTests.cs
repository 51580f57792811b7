using System;
using System.Linq;
using CoProduction.Scheduling;
using NodaTime;
using static CoProduction.Tests.Scheduling.Plans;

namespace CoProduction.Tests.Scheduling;

public sealed class MeetingAgendaTests
{
    private static readonly Actor Lead = Actor.Member(new MemberId("amina"));

    /// <summary>
    /// The paper's rhythm at one site, 2012–2018; the workshops and the meetings around them are Sedibeng's (its second
    /// protocol's monthly leadership workshops, Table 1), run here over the whole span so every year has them.
    /// </summary>
    internal static MeetingSeriesPlan[] PapersRhythm() =>
    [
        Plan("researchers-monthly", Cadence.Monthly(10), new LocalDate(2012, 1, 1), new LocalDate(2013, 12, 31)),
        Plan("researchers-quarterly", Cadence.Quarterly(10), new LocalDate(2014, 1, 1), new LocalDate(2018, 12, 31)),
        Plan("managers", Cadence.TwiceAYear(20), new LocalDate(2012, 6, 1), new LocalDate(2018, 12, 31), kind: MeetingKind.ManagerReflection),
        Plan("workshop", Cadence.EveryMonthsOn(1, WeekOfMonth.Last, IsoDayOfWeek.Thursday), new LocalDate(2013, 1, 1), new LocalDate(2018, 12, 31), Johannesburg, new LocalTime(9, 0), MeetingKind.LeadershipWorkshop, "sedibeng", minutes: 360),
        Plan("workshop-prep", Cadence.Before(new SeriesId("workshop"), 2), new LocalDate(2013, 1, 1), new LocalDate(2018, 12, 31), Johannesburg, new LocalTime(15, 0), MeetingKind.WorkshopDebrief, "sedibeng"),
        Plan("workshop-debrief", Cadence.After(new SeriesId("workshop"), 1), new LocalDate(2013, 1, 1), new LocalDate(2018, 12, 31), London, new LocalTime(10, 0), MeetingKind.WorkshopDebrief, "sedibeng", minutes: 60),
        Plan("cross-site", Cadence.Annually(15), new LocalDate(2012, 11, 1), new LocalDate(2018, 12, 31), kind: MeetingKind.CrossSite),
        Plan("science-ethics", Cadence.Annually(30), new LocalDate(2012, 9, 1), new LocalDate(2018, 12, 31), kind: MeetingKind.ScienceEthicsReview),
    ];

    private static MeetingAgenda Agenda(params MeetingSeries[] series) => new(series.Select(s => s.State));

    [Fact]
    public void The_papers_rhythm_gives_the_expected_number_of_meetings_each_year()
    {
        var agenda = new MeetingAgenda(PapersRhythm().Select(p => MeetingSeries.Plan(p, new Stamp(Utc(2011, 12, 1), Lead)).State));
        var in2015 = agenda.Due(Utc(2015, 1, 1), Utc(2016, 1, 1)).GroupBy(e => e.Occurrence.Series.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, in2015["researchers-quarterly"]);
        Assert.Equal(2, in2015["managers"]);
        Assert.Equal(12, in2015["workshop"]);
        Assert.Equal(12, in2015["workshop-prep"]);
        Assert.Equal(11, in2015["workshop-debrief"]); // the December workshop is on the 31st: its debrief is on 1 January 2016
        Assert.Equal(1, in2015["cross-site"]);
        Assert.Equal(1, in2015["science-ethics"]);
        Assert.False(in2015.ContainsKey("researchers-monthly"));
        var due = agenda.Due(Utc(2015, 1, 1), Utc(2016, 1, 1));
        Assert.True(due.Zip(due.Skip(1)).All(p => p.First.Start.ToInstant() <= p.Second.Start.ToInstant()));
    }

    [Fact]
    public void Due_shows_open_meetings_at_their_current_time_and_leaves_out_cancelled_and_held_ones()
    {
        var plan = Plan("r", Cadence.Monthly(15), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
        var series = MeetingSeries.Plan(plan, new Stamp(Utc(2015, 12, 1), Lead));
        var timetable = new MeetingTimetable([plan]);
        series.RecordHeld(timetable.Find(plan.Series, new LocalDate(2016, 1, 15))!.Value, new MeetingAttendance([new MemberId("amina")]), new Stamp(Utc(2016, 1, 15, 12), Lead));
        series.Cancel(timetable.Find(plan.Series, new LocalDate(2016, 2, 15))!.Value, "strike", new Stamp(Utc(2016, 2, 1), Lead));
        series.Reschedule(timetable.Find(plan.Series, new LocalDate(2016, 4, 15))!.Value, new LocalDateTime(2016, 3, 30, 9, 0), "Easter", new Stamp(Utc(2016, 3, 1), Lead));

        var due = Agenda(series).Due(Utc(2016, 1, 1), Utc(2016, 5, 1));
        Assert.Equal(
            [new LocalDateTime(2016, 3, 15, 14, 0), new LocalDateTime(2016, 3, 30, 9, 0)],
            due.Select(e => e.Start.LocalDateTime));
        Assert.Equal(OccurrenceStatus.Rescheduled, due[1].Status);
        Assert.Equal(new LocalDate(2016, 4, 15), due[1].Occurrence.Slot);
        Assert.Equal(4, Agenda(series).Entries(plan.Series, Utc(2016, 1, 1), Utc(2016, 5, 1)).Count);
    }

    [Fact]
    public void Overdue_is_what_has_ended_without_an_outcome()
    {
        var plan = Plan("r", Cadence.Monthly(15), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
        var series = MeetingSeries.Plan(plan, new Stamp(Utc(2015, 12, 1), Lead));
        var timetable = new MeetingTimetable([plan]);
        series.RecordHeld(timetable.Find(plan.Series, new LocalDate(2016, 1, 15))!.Value, new MeetingAttendance([new MemberId("amina")]), new Stamp(Utc(2016, 1, 15, 12), Lead));

        var now = Utc(2016, 3, 15, 12, 30); // 15:30 in Nairobi: the March meeting is still running
        Assert.Equal([new LocalDate(2016, 2, 15)], Agenda(series).Overdue(now).Select(e => e.Occurrence.Slot));
        Assert.Empty(Agenda(series).Overdue(Utc(2015, 6, 1)));
    }

    [Fact]
    public void Cadence_kept_counts_meetings_held_within_the_tolerance_of_their_plan()
    {
        var plan = Plan("r", Cadence.Monthly(15), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
        var series = MeetingSeries.Plan(plan, new Stamp(Utc(2015, 12, 1), Lead));
        var t = new MeetingTimetable([plan]);
        MeetingOccurrence On(int month) => t.Find(plan.Series, new LocalDate(2016, month, 15))!.Value;
        series.RecordHeld(On(1), new MeetingAttendance([new MemberId("amina")]), new Stamp(Utc(2016, 1, 15, 12), Lead));
        series.Reschedule(On(2), new LocalDateTime(2016, 2, 17, 14, 0), "clash", new Stamp(Utc(2016, 2, 1), Lead));
        series.RecordHeld(On(2), new MeetingAttendance([new MemberId("amina")]), new Stamp(Utc(2016, 2, 17, 12), Lead));
        series.Reschedule(On(3), new LocalDateTime(2016, 3, 30, 14, 0), "strike", new Stamp(Utc(2016, 3, 1), Lead));
        series.RecordHeld(On(3), new MeetingAttendance([new MemberId("amina")]), new Stamp(Utc(2016, 3, 30, 12), Lead));
        series.RecordMissed(On(4), "no quorum", new Stamp(Utc(2016, 4, 16), Lead));
        series.Cancel(On(5), "devolution", new Stamp(Utc(2016, 5, 1), Lead));

        var kept = Agenda(series).CadenceKept(Utc(2016, 6, 20), Duration.FromDays(7)).Single();
        Assert.Equal(new CadenceAdherence(plan.Series, Due: 6, Kept: 2, HeldLate: 1, Missed: 1, Cancelled: 1, Unrecorded: 1), kept);
        Assert.Equal(2.0 / 6, kept.Ratio, 9);
        Assert.Equal(1.0, Agenda(series).CadenceKept(Utc(2015, 1, 1), Duration.Zero).Single().Ratio);
        Assert.Throws<ArgumentOutOfRangeException>(() => Agenda(series).CadenceKept(Utc(2016, 6, 1), Duration.FromDays(-1)));
    }

    [Fact]
    public void Due_refuses_a_window_that_ends_before_it_starts()
        => Assert.Throws<ArgumentException>(() => new MeetingAgenda([]).Due(Utc(2016, 2, 1), Utc(2016, 1, 1)));
}
