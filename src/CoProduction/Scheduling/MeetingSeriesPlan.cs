using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Serialization;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>
/// What a meeting series is: its kind and title, the site and the site's time zone, the local
/// start time and length, the first and last dates, the expected attendees and the cadence.
/// Immutable, validated when created, and plain JSON (the zone as its tzdb id).
/// </summary>
/// <remarks>
/// <para>
/// Occurrences fall on dates from <see cref="FirstDate"/> to <see cref="LastDate"/> inclusive, at
/// <see cref="StartTime"/> in <see cref="Zone"/>; a start time that falls in a daylight-saving gap or
/// overlap is placed by <see cref="Resolution"/>. A series that changes rhythm (monthly at first,
/// then quarterly) is two series, the second starting after the first ends.
/// </para>
/// <para>The zone comes from the app's <see cref="IDateTimeZoneProvider"/>; nothing reads the machine's zone.</para>
/// </remarks>
public sealed record MeetingSeriesPlan
{
    /// <summary>Creates the plan of a series.</summary>
    /// <param name="series">The series' id.</param>
    /// <param name="kind">The kind of meeting.</param>
    /// <param name="title">A short title, for example <c>Kilifi researchers' reflection</c>.</param>
    /// <param name="site">The learning site that holds the meetings.</param>
    /// <param name="zone">The site's time zone, from the app's <see cref="IDateTimeZoneProvider"/>.</param>
    /// <param name="startTime">The local start time.</param>
    /// <param name="length">How long a meeting lasts: more than zero, at most a day.</param>
    /// <param name="firstDate">The first date a meeting may fall on.</param>
    /// <param name="lastDate">The last date a meeting may fall on; not before <paramref name="firstDate"/>.</param>
    /// <param name="expectedAttendees">Who is expected, each once; may be empty.</param>
    /// <param name="cadence">How often the series meets.</param>
    /// <param name="resolution">How a start time in a daylight-saving gap or overlap is placed; RFC 5545's rule unless said.</param>
    /// <exception cref="ArgumentException">The title is empty, the length is not positive or above a day, the last date is before the first, or an expected attendee is a default id.</exception>
    /// <exception cref="ArgumentNullException">The zone or the cadence is missing.</exception>
    /// <exception cref="CadenceLinkException">The cadence links the series to itself.</exception>
    /// <exception cref="InputLimitException">A blank, padded or too long title; more than <see cref="InputLimits.ListCount"/> expected attendees, or one listed twice (<see cref="InputRule.Repeated"/>, naming <c>expectedAttendees</c> and the member).</exception>
    [JsonConstructor]
    public MeetingSeriesPlan(
        SeriesId series,
        MeetingKind kind,
        string title,
        SiteId site,
        DateTimeZone zone,
        LocalTime startTime,
        Duration length,
        LocalDate firstDate,
        LocalDate lastDate,
        ValueList<MemberId> expectedAttendees,
        Cadence cadence,
        LocalTimeResolution resolution = LocalTimeResolution.ShiftForwardOrEarlier)
    {
        _ = StringId.Require(series.Value, nameof(SeriesId));
        _ = StringId.Require(site.Value, nameof(SiteId));
        _ = Preconditions.CheckName(title, nameof(title));
        foreach (var member in Preconditions.CheckCount(expectedAttendees, nameof(expectedAttendees)))
        {
            _ = Preconditions.CheckId(member, nameof(expectedAttendees));
        }

        _ = Preconditions.CheckDistinct(expectedAttendees, nameof(expectedAttendees));
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(cadence);
        if (length <= Duration.Zero || length > Duration.FromDays(1))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A meeting lasts more than zero and at most a day; {length} is not a meeting's length."), nameof(length));
        }

        if (lastDate < firstDate)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Series '{series}' would end on {lastDate:uuuu-MM-dd}, before it starts on {firstDate:uuuu-MM-dd}: give a last date on or after the first."),
                nameof(lastDate));
        }

        if (!Enum.IsDefined(kind) || !Enum.IsDefined(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), "Unknown meeting kind or time resolution.");
        }

        if (cadence.LinkedTo == series)
        {
            throw new CadenceLinkException(
                [series, series],
                $"Series '{series}' cannot be scheduled relative to itself: link it to another series (for example the workshop it prepares or debriefs).");
        }

        Series = series;
        Kind = kind;
        Title = title;
        Site = site;
        Zone = zone;
        StartTime = startTime;
        Length = length;
        FirstDate = firstDate;
        LastDate = lastDate;
        ExpectedAttendees = expectedAttendees;
        Cadence = cadence;
        Resolution = resolution;
    }

    /// <summary>Gets the series' id.</summary>
    public SeriesId Series { get; }

    /// <summary>Gets the kind of meeting.</summary>
    public MeetingKind Kind { get; }

    /// <summary>Gets the title.</summary>
    public string Title { get; }

    /// <summary>Gets the learning site that holds the meetings.</summary>
    public SiteId Site { get; }

    /// <summary>Gets the site's time zone; every occurrence is a <see cref="ZonedDateTime"/> in it.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the local start time.</summary>
    public LocalTime StartTime { get; }

    /// <summary>Gets how long a meeting lasts.</summary>
    public Duration Length { get; }

    /// <summary>Gets the first date a meeting may fall on.</summary>
    public LocalDate FirstDate { get; }

    /// <summary>Gets the last date a meeting may fall on.</summary>
    public LocalDate LastDate { get; }

    /// <summary>Gets who is expected to attend, each once.</summary>
    public ValueList<MemberId> ExpectedAttendees { get; }

    /// <summary>Gets how often the series meets.</summary>
    public Cadence Cadence { get; }

    /// <summary>Gets how a start time in a daylight-saving gap or overlap is placed.</summary>
    public LocalTimeResolution Resolution { get; }

    /// <summary>Places a local date at the series' start time in its zone, with its resolution.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The start.</returns>
    public ZonedDateTime StartOn(LocalDate date) => Resolve(date + StartTime);

    /// <summary>Places a local date and time in the series' zone, with its resolution.</summary>
    /// <param name="local">The local date and time.</param>
    /// <returns>The zoned date and time.</returns>
    public ZonedDateTime Resolve(LocalDateTime local) => Resolution.Resolve(local, Zone);

    /// <summary>The slot dates of a series whose cadence is not linked, from <paramref name="from"/> to <paramref name="to"/> inclusive, ascending.</summary>
    internal IEnumerable<LocalDate> OwnSlots(LocalDate from, LocalDate to)
    {
        if (from < FirstDate)
        {
            from = FirstDate;
        }

        if (to > LastDate)
        {
            to = LastDate;
        }

        return from > to ? [] : Cadence.Kind switch
        {
            CadenceKind.MonthlyOnDay or CadenceKind.MonthlyOnWeekday => MonthSlots(from, to),
            CadenceKind.Weekly => WeekSlots(from, to),
            _ => throw new InvalidOperationException($"Series '{Series}' is linked to '{Cadence.LinkedTo}'; schedule it with a MeetingTimetable that holds both."),
        };
    }

    private IEnumerable<LocalDate> MonthSlots(LocalDate from, LocalDate to)
    {
        var interval = Cadence.Interval;
        var anchor = FirstDate.ToYearMonth();
        var monthsToFrom = ((from.Year - anchor.Year) * 12) + from.Month - anchor.Month;
        var step = monthsToFrom / interval; // from is never before FirstDate, so this is not negative
        var last = to.ToYearMonth();
        for (var month = anchor.PlusMonths(step * interval); month <= last; month = month.PlusMonths(interval))
        {
            if (DateIn(month) is { } date && date >= from && date <= to)
            {
                yield return date;
            }
        }
    }

    private IEnumerable<LocalDate> WeekSlots(LocalDate from, LocalDate to)
    {
        var stride = 7 * Cadence.Interval;
        var anchor = FirstDate.With(DateAdjusters.NextOrSame(Cadence.Weekday));
        var days = Period.DaysBetween(anchor, from);
        var first = days <= 0 ? anchor : anchor.PlusDays(((days + stride - 1) / stride) * stride);
        for (var date = first; date <= to; date = date.PlusDays(stride))
        {
            yield return date;
        }
    }

    private LocalDate? DateIn(YearMonth month)
    {
        var days = CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month);
        if (Cadence.Kind == CadenceKind.MonthlyOnDay)
        {
            var day = Cadence.DayOfMonth;
            if (day > days)
            {
                if (Cadence.ShortMonths == ShortMonthRule.Skip)
                {
                    return null;
                }

                day = days;
            }

            return month.OnDayOfMonth(day);
        }

        var weekday = Cadence.Weekday;
        return Cadence.Week == WeekOfMonth.Last
            ? month.OnDayOfMonth(days).With(DateAdjusters.PreviousOrSame(weekday))
            : month.OnDayOfMonth(1).With(DateAdjusters.NextOrSame(weekday)).PlusWeeks((int)Cadence.Week - 1);
    }
}
