using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using NodaTime;
using System.Diagnostics.Contracts;

namespace CoProduction.Scheduling;

/// <summary>
/// Which calendar dates are working days: every day except the weekend days and the holidays.
/// Used for deadlines counted in working days, such as reporting a protocol deviation.
/// </summary>
/// <remarks>Immutable; the <c>With*</c> methods return new calendars.</remarks>
public sealed class WorkingDayCalendar
{
    private const int MaxDays = 100_000;
    private readonly bool[] weekend = new bool[8]; // indexed by IsoDayOfWeek (1..7)

    /// <summary>Creates a calendar.</summary>
    /// <param name="weekendDays">The days of the week that are never working days, each once; at most six.</param>
    /// <param name="holidays">Dates that are not working days, whatever their day of the week. A set: a date given twice (national and regional lists overlap) is one holiday.</param>
    /// <exception cref="ArgumentException">Every day of the week is a weekend day, or a day is <see cref="IsoDayOfWeek.None"/>.</exception>
    /// <exception cref="InputLimitException">A weekend day listed twice (<see cref="InputRule.Repeated"/>, naming <c>weekendDays</c> and the day).</exception>
    public WorkingDayCalendar(IEnumerable<IsoDayOfWeek> weekendDays, IEnumerable<LocalDate>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(weekendDays);
        foreach (var day in weekendDays)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentException($"'{day}' is not a day of the week.", nameof(weekendDays));
            }

            if (weekend[(int)day])
            {
                throw Preconditions.Repeated(day, nameof(weekendDays));
            }

            weekend[(int)day] = true;
        }

        WeekendDays = [.. Enumerable.Range(1, 7).Where(d => weekend[d]).Select(d => (IsoDayOfWeek)d)];
        if (WeekendDays.Length == 7)
        {
            throw new ArgumentException("A calendar needs at least one working day in the week.", nameof(weekendDays));
        }

        Holidays = (holidays ?? []).ToImmutableSortedSet();
    }

    /// <summary>Gets the calendar with Saturday and Sunday as the weekend and no holidays.</summary>
    public static WorkingDayCalendar MondayToFriday { get; } = new([IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday]);

    /// <summary>Gets the weekend days, Monday first.</summary>
    public ImmutableArray<IsoDayOfWeek> WeekendDays { get; }

    /// <summary>Gets the holidays, in date order.</summary>
    public ImmutableSortedSet<LocalDate> Holidays { get; }

    /// <summary>Returns a calendar with more holidays.</summary>
    /// <param name="holidays">The dates to add; a date that is already a holiday, or given twice, stays one holiday (holidays are a set).</param>
    /// <returns>The new calendar; this one is unchanged.</returns>
    [Pure]
    public WorkingDayCalendar WithHolidays(IEnumerable<LocalDate> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        return new WorkingDayCalendar(WeekendDays, Holidays.Union(holidays));
    }

    /// <summary>Whether a date is a working day.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> unless it falls on a weekend day or a holiday.</returns>
    public bool IsWorkingDay(LocalDate date) => !weekend[(int)date.DayOfWeek] && !Holidays.Contains(date);

    /// <summary>The date that is <paramref name="workingDays"/> working days after <paramref name="start"/>.</summary>
    /// <remarks>
    /// <paramref name="start"/> itself is not counted: seven working days after a Monday, with no
    /// holidays, is the Wednesday of the next week. Zero days returns <paramref name="start"/>.
    /// </remarks>
    /// <param name="start">The date counting starts from.</param>
    /// <param name="workingDays">How many working days; 0 to 100,000.</param>
    /// <returns>The date.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingDays"/> is negative or above 100,000.</exception>
    [Pure]
    public LocalDate AddWorkingDays(LocalDate start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxDays);
        var date = start;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.PlusDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>The number of working days after <paramref name="start"/> up to and including <paramref name="end"/>.</summary>
    /// <param name="start">The first date (not counted).</param>
    /// <param name="end">The last date (counted when it is a working day); not before <paramref name="start"/>.</param>
    /// <returns>The count; 0 when the dates are equal.</returns>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public int WorkingDaysBetween(LocalDate start, LocalDate end)
    {
        if (end < start)
        {
            throw new ArgumentException($"The end {end:uuuu-MM-dd} is before the start {start:uuuu-MM-dd}.", nameof(end));
        }

        var count = 0;
        for (var date = start.PlusDays(1); date <= end; date = date.PlusDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }
}
