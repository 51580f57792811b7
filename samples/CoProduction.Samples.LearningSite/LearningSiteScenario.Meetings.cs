using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <content>The reflection rhythm: meeting series in each site's zone, the agenda and what was held.</content>
public sealed partial class LearningSiteScenario
{
    private static readonly SeriesId KilifiResearchers = new("kilifi-researchers-reflection");
    private static readonly SeriesId KilifiManagers = new("kilifi-reflection-with-managers");
    private static readonly SeriesId SedibengWorkshops = new("sed-leadership-workshop");
    private static readonly SeriesId SedibengBefore = new("sed-debrief-before-workshop");
    private static readonly SeriesId SedibengAfter = new("sed-debrief-after-workshop");
    private static readonly SeriesId SedibengResearchers = new("sedibeng-researchers-reflection");
    private static readonly SeriesId CrossSite = new("cross-site-reflection");

    /// <summary>The last day the sample's meeting series run to, so the agenda after the story is not empty.</summary>
    private static readonly LocalDate SeriesEnd = new(2019, 12, 31);

    private readonly Dictionary<SeriesId, MeetingSeries> _series = [];

    private MeetingAgenda Meetings => new(_series.Values.Select(s => s.State));

    /// <summary>The programme's rhythm, after the paper: researchers every quarter, with managers twice a year, across sites once a year.</summary>
    private IEnumerable<MeetingSeriesPlan> RhythmPlans()
    {
        var nairobi = ZoneOf(Cast.Kilifi);
        var johannesburg = ZoneOf(Cast.Sedibeng);
        yield return new MeetingSeriesPlan(KilifiResearchers, MeetingKind.ResearcherReflection, "Kilifi researchers' reflection", Cast.Kilifi,
            nairobi, new LocalTime(14, 0), Duration.FromHours(2), new LocalDate(2012, 3, 1), SeriesEnd,
            [Cast.KilifiLeadResearcher, Cast.KilifiResearcher], Cadence.Quarterly(DayAround(10)));
        yield return new MeetingSeriesPlan(KilifiManagers, MeetingKind.ManagerReflection, "Kilifi reflection with managers", Cast.Kilifi,
            nairobi, new LocalTime(10, 0), Duration.FromHours(3), new LocalDate(2012, 7, 1), SeriesEnd,
            [Cast.KilifiLeadResearcher, Cast.KilifiDirector, Cast.KilifiSubCountyManager], Cadence.TwiceAYear(DayAround(15)));
        yield return new MeetingSeriesPlan(SedibengResearchers, MeetingKind.ResearcherReflection, "Sedibeng researchers' reflection", Cast.Sedibeng,
            johannesburg, new LocalTime(13, 0), Duration.FromHours(2), new LocalDate(2014, 1, 1), SeriesEnd,
            [Cast.SedibengLeadResearcher], Cadence.Quarterly(DayAround(20)));   // Sedibeng is a learning site from 2014
        yield return new MeetingSeriesPlan(CrossSite, MeetingKind.CrossSite, "Cross-site reflection (RESYST)", Cast.Sedibeng,
            johannesburg, new LocalTime(9, 0), Duration.FromHours(8), new LocalDate(2012, 11, 1), SeriesEnd,
            [Cast.KilifiLeadResearcher, Cast.MitchellsPlainLeadResearcher, Cast.SedibengLeadResearcher], Cadence.Annually(DayAround(20)));
    }

    /// <summary>
    /// Sedibeng: a leadership support workshop with senior and middle managers on the second Thursday of each month,
    /// led by an external facilitator; the researchers meet the day before, and the day after with the district manager.
    /// The three series end with the intervention, on <paramref name="last"/>.
    /// </summary>
    private static IEnumerable<MeetingSeriesPlan> WorkshopPlans(DateTimeZone zone, LocalDate first, LocalDate last)
    {
        ValueList<MemberId> team = [Cast.SedibengLeadResearcher, Cast.Facilitator];
        yield return new MeetingSeriesPlan(SedibengWorkshops, MeetingKind.LeadershipWorkshop, "Leadership workshop (Sedibeng)",
            Cast.Sedibeng, zone, new LocalTime(9, 0), Duration.FromHours(6), first, last,
            [.. team, Cast.SedibengSecondDistrictManager, Cast.SedibengSubDistrictManager],
            Cadence.EveryMonthsOn(1, WeekOfMonth.Second, IsoDayOfWeek.Thursday));
        yield return new MeetingSeriesPlan(SedibengBefore, MeetingKind.WorkshopDebrief, "Debrief before the workshop", Cast.Sedibeng,
            zone, new LocalTime(15, 0), Duration.FromMinutes(90), first.PlusDays(-7), last, team, Cadence.Before(SedibengWorkshops, 1));
        yield return new MeetingSeriesPlan(SedibengAfter, MeetingKind.WorkshopDebrief, "Debrief after the workshop", Cast.Sedibeng,
            zone, new LocalTime(10, 0), Duration.FromMinutes(90), first, last,
            [.. team, Cast.SedibengSecondDistrictManager], Cadence.After(SedibengWorkshops, 1));
    }

    private async Task PlanSeriesAsync(IEnumerable<MeetingSeriesPlan> plans, CancellationToken ct)
    {
        foreach (var plan in plans)
        {
            var series = MeetingSeries.Plan(plan, new Stamp(Now, Cast.Coordinator));
            _series[plan.Series] = series;
            await SaveAsync(series, ct).ConfigureAwait(false);
        }

        // Validates the links (a debrief needs its workshop) across everything planned so far.
        _ = new MeetingTimetable(_series.Values.Select(s => s.State.Plan));
    }

    /// <summary>The occurrences of a series between two dates at its site.</summary>
    private IReadOnlyList<MeetingOccurrence> OccurrencesOf(SeriesId series, LocalDate from, LocalDate to)
    {
        var site = _series[series].State.Plan.Site;
        return Meetings.Timetable.Occurrences(series, When(site, from, 0), When(site, to, 0));
    }

    private async Task HeldAsync(MeetingOccurrence occurrence, IEnumerable<MemberId> attendees, CycleId? reflection, CancellationToken ct)
    {
        var series = _series[occurrence.Series];
        series.RecordHeld(occurrence, new MeetingAttendance(attendees) { Reflection = reflection }, new Stamp(Now, Cast.Coordinator));
        await SaveAsync(series, ct).ConfigureAwait(false);
    }

    private List<AgendaLine> Agenda()
    {
        var from = Now;
        var to = from + Duration.FromDays(92);
        return [.. Meetings.Due(from, to).Select(e => new AgendaLine(e.Start, _sites[e.Occurrence.Site].State.Name, _series[e.Occurrence.Series].State.Plan.Title))];
    }

    /// <summary>
    /// Walks the days before an approval lapses, as a daily sweep would, and keeps each reminder on the day it is handed over
    /// (a notifier sends it once, by its id); its text counts the days left from that day.
    /// </summary>
    private void CollectReminders(ApprovalWindowInput window, LocalDate from, LocalDate to)
    {
        var seen = new HashSet<string>(_reminders.Select(r => r.Id));
        for (var day = from; day <= to; day = day.PlusDays(1))
        {
            var now = day.At(new LocalTime(23, 0)).InZoneLeniently(window.Zone).ToInstant();
            foreach (var reminder in ReminderSchedule.Due(new ReminderInputs { Approvals = [window] }, now))
            {
                if (seen.Add(reminder.Id))
                {
                    _reminders.Add(new ReminderLine(day, reminder.Id, reminder.Text));
                    _timeline.Add(new TimelineEntry(day, _sites[Cast.Kilifi].State.Name, TimelineKind.Reminder, reminder.Text));
                }
            }
        }
    }
}
