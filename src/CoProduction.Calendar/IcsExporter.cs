using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CoProduction.Scheduling;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;
using IcalDuration = Ical.Net.DataTypes.Duration;

namespace CoProduction.Calendar;

/// <summary>
/// Exports meeting series, approval expiries and deviation reporting deadlines as iCalendar (RFC 5545) through Ical.Net's object
/// model and serializer, so people see them in the calendar tools they already use.
/// </summary>
/// <remarks>
/// <para><b>Meetings.</b> One VEVENT per series (UID <c>{series}@{uidDomain}</c>) with a VTIMEZONE for each
/// site zone. A series on its own cadence gets DTSTART at its first meeting (local time, TZID of the
/// site) and an RRULE (<c>FREQ=MONTHLY;INTERVAL=n;BYMONTHDAY=d</c>, with <c>BYMONTHDAY=28,…,d;BYSETPOS=-1</c>
/// for a clamped day 29–31, <c>BYDAY=2TU</c> / <c>-1FR</c> for a weekday of the month,
/// <c>FREQ=WEEKLY;INTERVAL=n;BYDAY=MO</c>) ending (UNTIL, UTC) at its last meeting. A cancelled meeting
/// becomes an EXDATE; a moved one an EXDATE for its planned time and an RDATE for its new time.
/// A linked series (debriefs) has no rule: its meetings are DTSTART plus RDATEs, without the
/// cancelled ones and at their current times. Held and missed meetings stay in the calendar.</para>
/// <para>RFC 5545 places a local time in a daylight-saving gap by shifting it forward and takes the
/// earlier of two in an overlap, which is the library's default <see cref="LocalTimeResolution"/>. A
/// series with another resolution gets an EXDATE and an RDATE (in UTC) for each meeting that falls
/// in a gap or overlap, so the calendar shows the same instants the library computes. An RDATE is
/// written in the site's zone, or in UTC when its local time is ambiguous there.</para>
/// <para><b>Approvals.</b> A VEVENT at the instant the approval lapses (the start of the day after
/// its last valid day, in its zone), with one DISPLAY alarm per reminder of
/// <see cref="ReminderSchedule.ForApproval"/> at that reminder's exact due instant (a trigger
/// relative to DTSTART in hours, minutes and seconds). A renewal due date becomes a VTODO starting
/// at its first reminder and due at the end of the due day, with its alarms. Their UIDs name the protocol only
/// (<c>approval-{protocol}@{uidDomain}</c>, <c>renewal-{protocol}@{uidDomain}</c>), so after a renewal a calendar that
/// imported the earlier file moves the event rather than keeping a stale one.</para>
/// <para>Descriptions and locations are words a person reads: the meeting kind in words, the site's name when
/// <c>siteNames</c> gives it, and the cadence in words ("Cross-site meeting at Sedibeng District, every 12 months on day 22.").</para>
/// <para>Output is deterministic: DTSTAMP is the injected clock's instant, UIDs derive from ids, and
/// components are ordered by id. Attendees are not exported (members have ids, not addresses).</para>
/// </remarks>
public sealed class IcsExporter
{
    private const string ProductId = "-//CoProduction//CoProduction.Calendar//EN";
    private readonly IClock clock;
    private readonly string uidDomain;

    /// <summary>Creates the exporter.</summary>
    /// <param name="clock">The clock that stamps each export (DTSTAMP).</param>
    /// <param name="uidDomain">The right-hand side of every UID, for example your app's domain; <c>coproduction</c> by default.</param>
    /// <exception cref="ArgumentException"><paramref name="uidDomain"/> is empty or has white space.</exception>
    public IcsExporter(IClock clock, string uidDomain = "coproduction")
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrWhiteSpace(uidDomain);
        if (uidDomain.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("A UID domain has no white space.", nameof(uidDomain));
        }

        this.clock = clock;
        this.uidDomain = uidDomain;
    }

    /// <summary>Writes a calendar as iCalendar text.</summary>
    /// <param name="calendar">The calendar.</param>
    /// <returns>The .ics text (CRLF line ends, folded lines).</returns>
    public static string Serialize(IcalCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>The .ics text of every series on an agenda.</summary>
    /// <param name="agenda">The series and their recorded outcomes.</param>
    /// <param name="siteNames">The sites' names, for each event's location and description (<c>Sedibeng District</c>, not <c>sedibeng</c>); a site without one is named by its id.</param>
    /// <returns>The .ics text.</returns>
    public string ExportMeetings(MeetingAgenda agenda, IReadOnlyDictionary<SiteId, string>? siteNames = null) => Serialize(MeetingsCalendar(agenda, siteNames));

    /// <summary>The .ics text of approval expiries and renewals with their alarms.</summary>
    /// <param name="approvals">The approval windows.</param>
    /// <param name="policy">The lead times; <see cref="ReminderPolicy.Default"/> when null.</param>
    /// <returns>The .ics text.</returns>
    public string ExportApprovals(IEnumerable<ApprovalWindowInput> approvals, ReminderPolicy? policy = null)
        => Serialize(ApprovalsCalendar(approvals, policy));

    /// <summary>Every series on an agenda as an Ical.Net calendar (see the remarks on <see cref="IcsExporter"/>).</summary>
    /// <param name="agenda">The series and their recorded outcomes.</param>
    /// <param name="siteNames">The sites' names, for each event's location and description; a site without one is named by its id.</param>
    /// <returns>A new calendar.</returns>
    public IcalCalendar MeetingsCalendar(MeetingAgenda agenda, IReadOnlyDictionary<SiteId, string>? siteNames = null)
    {
        ArgumentNullException.ThrowIfNull(agenda);
        var calendar = NewCalendar();
        var stamp = Utc(clock.GetCurrentInstant());
        var zones = new SortedDictionary<string, LocalDate>(StringComparer.Ordinal);
        foreach (var plan in agenda.Timetable.Plans)
        {
            if (SeriesEvent(agenda, plan, stamp, siteNames?.GetValueOrDefault(plan.Site) ?? plan.Site.Value) is { } vevent)
            {
                calendar.Events.Add(vevent);
                zones[plan.Zone.Id] = zones.TryGetValue(plan.Zone.Id, out var earliest) && earliest < plan.FirstDate ? earliest : plan.FirstDate;
            }
        }

        AddTimeZones(calendar, zones);
        return calendar;
    }

    /// <summary>Approval expiries (all-day events) and renewals (to-dos) with alarms at each reminder's instant, as an Ical.Net calendar.</summary>
    /// <param name="approvals">The approval windows.</param>
    /// <param name="policy">The lead times; <see cref="ReminderPolicy.Default"/> when null.</param>
    /// <returns>A new calendar.</returns>
    public IcalCalendar ApprovalsCalendar(IEnumerable<ApprovalWindowInput> approvals, ReminderPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        var calendar = NewCalendar();
        var stamp = Utc(clock.GetCurrentInstant());
        var seen = new HashSet<ProtocolId>();
        foreach (var approval in approvals.OrderBy(a => a.Protocol.Value, StringComparer.Ordinal).ThenBy(a => a.ValidUntil))
        {
            if (!seen.Add(approval.Protocol))
            {
                throw new ArgumentException(
                    $"Protocol '{approval.Protocol}' has more than one approval window: a protocol's calendar event is one event that follows its renewals (its UID names the protocol, not the end date), so give each protocol's current window once.",
                    nameof(approvals));
            }

            var reminders = ReminderSchedule.ForApproval(approval, policy);
            var until = Iso(approval.ValidUntil);
            var lapse = approval.ValidUntil.PlusDays(1).AtStartOfDayInZone(approval.Zone);
            var expiry = new CalendarEvent
            {
                // The UID names the protocol only: after a renewal, a calendar that imported the file moves the event instead of keeping the old one.
                Uid = $"approval-{approval.Protocol}@{uidDomain}",
                DtStamp = stamp,
                DtStart = Exact(lapse),
                Summary = $"Approval lapses: {approval.Protocol} {approval.Title}",
                Description = $"The approval of protocol {approval.Protocol} is valid until {until} ({approval.Zone.Id}).",
                Transparency = "TRANSPARENT",
            };
            expiry.Categories.Add("approval");
            AddAlarms(expiry, lapse.ToInstant(), reminders, ReminderKind.ApprovalExpiring, ReminderKind.ApprovalExpired);
            calendar.Events.Add(expiry);

            if (approval.RenewalDue is { } due)
            {
                var renewal = reminders.Where(r => r.Kind is ReminderKind.RenewalDue or ReminderKind.RenewalOverdue).ToList();
                var todo = new Todo
                {
                    Uid = $"renewal-{approval.Protocol}@{uidDomain}",
                    DtStamp = stamp,
                    DtStart = Exact(renewal[0].DueAt.InZone(approval.Zone)),
                    Due = Exact(due.PlusDays(1).AtStartOfDayInZone(approval.Zone)),
                    Summary = $"Renew approval: {approval.Protocol} {approval.Title}",
                    Description = $"The renewal of protocol {approval.Protocol} is due on {Iso(due)} ({approval.Zone.Id}).",
                    Status = "NEEDS-ACTION",
                };
                todo.Categories.Add("renewal");
                AddAlarms(todo, renewal[0].DueAt, renewal, ReminderKind.RenewalDue, ReminderKind.RenewalOverdue);
                calendar.Todos.Add(todo);
            }
        }

        return calendar;
    }

    /// <summary>The .ics text of protocol deviations' reporting deadlines, each a to-do with its reminders' alarms.</summary>
    /// <param name="deviations">The deviations still to be reported (for example the deviation register's due query).</param>
    /// <param name="policy">The send time of the due reminder; <see cref="ReminderPolicy.Default"/> when null.</param>
    /// <returns>The .ics text.</returns>
    public string ExportDeviations(IEnumerable<DeviationInput> deviations, ReminderPolicy? policy = null)
        => Serialize(DeviationsCalendar(deviations, policy));

    /// <summary>
    /// Protocol deviations' reporting deadlines as an Ical.Net calendar: one VTODO per deviation (UID
    /// <c>deviation-{deviation}@{uidDomain}</c>), due when the day after its last day begins in the site's zone, starting at its
    /// due reminder, with one DISPLAY alarm per reminder of <see cref="ReminderSchedule.ForDeviation"/> (due and overdue).
    /// </summary>
    /// <param name="deviations">The deviations still to be reported.</param>
    /// <param name="policy">The send time of the due reminder; <see cref="ReminderPolicy.Default"/> when null.</param>
    /// <returns>A new calendar.</returns>
    public IcalCalendar DeviationsCalendar(IEnumerable<DeviationInput> deviations, ReminderPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(deviations);
        var calendar = NewCalendar();
        var stamp = Utc(clock.GetCurrentInstant());
        foreach (var deviation in deviations.OrderBy(d => d.Deviation.Value, StringComparer.Ordinal))
        {
            var reminders = ReminderSchedule.ForDeviation(deviation, policy);
            var due = Iso(deviation.ReportDueOn);
            var todo = new Todo
            {
                Uid = $"deviation-{deviation.Deviation}@{uidDomain}",
                DtStamp = stamp,
                DtStart = Exact(reminders[0].DueAt.InZone(deviation.Zone)),
                Due = Exact(deviation.ReportDueOn.PlusDays(1).AtStartOfDayInZone(deviation.Zone)),
                Summary = $"Report deviation: {deviation.Deviation} ({deviation.Protocol})",
                Description = $"Deviation {deviation.Deviation} from protocol {deviation.Protocol} ('{deviation.Activity}' at {deviation.Site}) must be reported to the committee by {due} ({deviation.Zone.Id}).",
                Location = deviation.Site.Value,
                Status = "NEEDS-ACTION",
            };
            todo.Categories.Add("deviation");
            AddAlarms(todo, reminders[0].DueAt, reminders, ReminderKind.DeviationReportDue, ReminderKind.DeviationReportOverdue);
            calendar.Todos.Add(todo);
        }

        return calendar;
    }

    private static IcalCalendar NewCalendar() => new() { ProductId = ProductId, Method = "PUBLISH" };

    private static void AddTimeZones(IcalCalendar calendar, SortedDictionary<string, LocalDate> zones)
    {
        foreach (var (zone, earliest) in zones)
        {
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.PlusDays(-1).ToDateTimeUnspecified(), includeHistoricalData: false));
        }
    }

    /// <summary>One alarm per reminder, relative to the component's start in exact hours, minutes and seconds.</summary>
    /// <remarks>Ical.Net 5.2.4 writes absolute (DATE-TIME) triggers and RELATED=END empty, so triggers are relative to DTSTART.</remarks>
    private static void AddAlarms(RecurringComponent component, Instant start, IReadOnlyList<Reminder> reminders, ReminderKind ahead, ReminderKind after)
    {
        foreach (var reminder in reminders)
        {
            if (reminder.Kind == ahead || reminder.Kind == after)
            {
                var seconds = (long)(reminder.DueAt - start).TotalSeconds;
                component.Alarms.Add(new Alarm
                {
                    Action = "DISPLAY",
                    Description = reminder.Text,
                    Trigger = new Trigger(new IcalDuration(null, null, checked((int)(seconds / 3600)), (int)(seconds % 3600 / 60), (int)(seconds % 60))),
                });
            }
        }
    }

    private static CalDateTime Utc(Instant instant)
    {
        var utc = instant.InUtc();
        return new CalDateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, CalDateTime.UtcTzId);
    }

    private static CalDateTime Local(LocalDateTime local, DateTimeZone zone)
        => new(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zone.Id);

    /// <summary>A meeting's instant in the site's zone when its local time names it alone; otherwise in UTC.</summary>
    private static CalDateTime Exact(ZonedDateTime start)
        => start.Zone.MapLocal(start.LocalDateTime).Count == 1 ? Local(start.LocalDateTime, start.Zone) : Utc(start.ToInstant());

    private static string Iso(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private CalendarEvent? SeriesEvent(MeetingAgenda agenda, MeetingSeriesPlan plan, CalDateTime stamp, string place)
    {
        var state = agenda[plan.Series];
        var since = plan.FirstDate.PlusDays(-2).AtMidnight().InZoneLeniently(plan.Zone).ToInstant();
        var until = plan.LastDate.PlusDays(3).AtMidnight().InZoneLeniently(plan.Zone).ToInstant();
        var planned = agenda.Timetable.Occurrences(plan.Series, since, until);
        if (planned.Count == 0)
        {
            return null;
        }

        var vevent = new CalendarEvent
        {
            Uid = $"{plan.Series}@{uidDomain}",
            DtStamp = stamp,
            Summary = plan.Title,
            Description = $"{MeetingWords.Of(plan.Kind)} meeting at {place}, {plan.Cadence.Describe(series => $"'{agenda[series].Plan.Title}'")}.",
            Location = place,
            Duration = IcalDuration.FromTimeSpanExact(plan.Length.ToTimeSpan()),
        };
        vevent.Categories.Add(plan.Kind.ToString());

        if (plan.Cadence.Kind == CadenceKind.Linked)
        {
            var starts = new List<ZonedDateTime>(planned.Count);
            foreach (var occurrence in planned)
            {
                if (state.StatusOf(occurrence.Slot) != OccurrenceStatus.Cancelled)
                {
                    starts.Add(state.StartOf(occurrence));
                }
            }

            if (starts.Count == 0)
            {
                return null;
            }

            starts.Sort((a, b) => a.ToInstant().CompareTo(b.ToInstant()));
            vevent.DtStart = Exact(starts[0]);
            vevent.RecurrenceDates.AddRange(starts.Skip(1).Select(Exact));
            return vevent;
        }

        var first = planned[0];
        vevent.DtStart = Local(first.Slot + plan.StartTime, plan.Zone);
        vevent.RecurrenceRule = Rule(plan.Cadence, Utc(planned[^1].Start.ToInstant()));
        foreach (var occurrence in planned)
        {
            var nominal = occurrence.Slot + plan.StartTime;
            var rfc = plan.Zone.ResolveLocal(nominal, NodaTime.TimeZones.Resolvers.LenientResolver);
            var status = state.StatusOf(occurrence.Slot);
            var current = state.StartOf(occurrence);
            // Ical.Net does not match an EXDATE whose local time falls in a gap; name such an instance in UTC.
            var exception = plan.Zone.MapLocal(nominal).Count == 1 ? Local(nominal, plan.Zone) : Utc(rfc.ToInstant());
            if (status == OccurrenceStatus.Cancelled)
            {
                vevent.ExceptionDates.Add(exception);
            }
            else if (current.ToInstant() != rfc.ToInstant())
            {
                vevent.ExceptionDates.Add(exception);
                vevent.RecurrenceDates.Add(Exact(current));
            }
        }

        return vevent;
    }

    private static RecurrencePattern Rule(Cadence cadence, CalDateTime until)
    {
        var rule = cadence.Kind == CadenceKind.Weekly
            ? new RecurrencePattern(Ical.Net.FrequencyType.Weekly, cadence.Interval)
            : new RecurrencePattern(Ical.Net.FrequencyType.Monthly, cadence.Interval);
        rule.Until = until;
        switch (cadence.Kind)
        {
            case CadenceKind.Weekly:
                rule.ByDay.Add(new WeekDay(Day(cadence.Weekday)));
                break;
            case CadenceKind.MonthlyOnWeekday:
                rule.ByDay.Add(new WeekDay(Day(cadence.Weekday), cadence.Week == WeekOfMonth.Last ? -1 : (int)cadence.Week));
                break;
            default:
                if (cadence.DayOfMonth > 28 && cadence.ShortMonths == ShortMonthRule.Clamp)
                {
                    rule.ByMonthDay.AddRange(Enumerable.Range(28, cadence.DayOfMonth - 27));
                    rule.BySetPosition.Add(-1);
                }
                else
                {
                    rule.ByMonthDay.Add(cadence.DayOfMonth);
                }

                break;
        }

        return rule;
    }

    private static DayOfWeek Day(IsoDayOfWeek day) => day == IsoDayOfWeek.Sunday ? DayOfWeek.Sunday : (DayOfWeek)(int)day;
}
