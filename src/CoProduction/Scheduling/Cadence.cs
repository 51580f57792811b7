using System;
using System.Globalization;
using System.Text.Json.Serialization;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>
/// How often a meeting series meets: every N months on a day or on the nth weekday of the month,
/// every N weeks on a weekday, or a fixed number of days before or after each occurrence of another
/// series. Immutable, validated when created, and plain JSON.
/// </summary>
/// <remarks>
/// <para>
/// Month-based cadences count months from the month of the series' first date: a quarterly cadence
/// whose series starts on 10 February 2016 meets in February, May, August and November.
/// </para>
/// <para>
/// Create cadences with the factory methods (<see cref="Monthly"/>, <see cref="Quarterly"/>,
/// <see cref="TwiceAYear"/>, <see cref="Annually"/>, <see cref="EveryMonths"/>,
/// <see cref="EveryMonthsOn"/>, <see cref="Weekly"/>, <see cref="EveryWeeks"/>, <see cref="Before"/>,
/// <see cref="After"/>); the constructor is what JSON uses and checks the same rules.
/// </para>
/// </remarks>
public sealed record Cadence
{
    /// <summary>The largest interval, in months or weeks: ten years.</summary>
    public const int MaxInterval = 520;

    /// <summary>The largest offset, in days, of a linked cadence from its base series.</summary>
    public const int MaxOffsetDays = 366;

    /// <summary>Creates a cadence; prefer the factory methods, which name the shape.</summary>
    /// <param name="kind">The shape.</param>
    /// <param name="interval">Months (month-based) or weeks (<see cref="CadenceKind.Weekly"/>) between meetings, 1 to <see cref="MaxInterval"/>; 0 for a linked cadence.</param>
    /// <param name="dayOfMonth">1 to 31 for <see cref="CadenceKind.MonthlyOnDay"/>; otherwise 0.</param>
    /// <param name="week">Which weekday of the month for <see cref="CadenceKind.MonthlyOnWeekday"/>; otherwise <see cref="WeekOfMonth.None"/>.</param>
    /// <param name="weekday">The weekday for <see cref="CadenceKind.MonthlyOnWeekday"/> and <see cref="CadenceKind.Weekly"/>; otherwise <see cref="IsoDayOfWeek.None"/>.</param>
    /// <param name="shortMonths">What a day-29-to-31 cadence does in a shorter month; <see cref="ShortMonthRule.Clamp"/> unless said.</param>
    /// <param name="linkedTo">The base series of a linked cadence; otherwise <see langword="null"/>.</param>
    /// <param name="offsetDays">Days after (positive) or before (negative) each base occurrence, for a linked cadence; otherwise 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range, or a field that the shape does not use is set.</exception>
    [JsonConstructor]
    public Cadence(
        CadenceKind kind,
        int interval,
        int dayOfMonth,
        WeekOfMonth week,
        IsoDayOfWeek weekday,
        ShortMonthRule shortMonths,
        SeriesId? linkedTo,
        int offsetDays)
    {
        Kind = kind;
        Interval = interval;
        DayOfMonth = dayOfMonth;
        Week = week;
        Weekday = weekday;
        ShortMonths = shortMonths;
        LinkedTo = linkedTo;
        OffsetDays = offsetDays;
        Validate();
    }

    /// <summary>Gets the shape.</summary>
    public CadenceKind Kind { get; }

    /// <summary>Gets the months or weeks between meetings (0 for a linked cadence).</summary>
    public int Interval { get; }

    /// <summary>Gets the day of the month (1 to 31) of a <see cref="CadenceKind.MonthlyOnDay"/> cadence; otherwise 0.</summary>
    public int DayOfMonth { get; }

    /// <summary>Gets which weekday of the month a <see cref="CadenceKind.MonthlyOnWeekday"/> cadence picks.</summary>
    public WeekOfMonth Week { get; }

    /// <summary>Gets the weekday of a weekday-based cadence; otherwise <see cref="IsoDayOfWeek.None"/>.</summary>
    public IsoDayOfWeek Weekday { get; }

    /// <summary>Gets what a day-29-to-31 cadence does in a month without that day.</summary>
    public ShortMonthRule ShortMonths { get; }

    /// <summary>Gets the base series of a linked cadence.</summary>
    public SeriesId? LinkedTo { get; }

    /// <summary>Gets the days after (positive) or before (negative) each base occurrence of a linked cadence.</summary>
    public int OffsetDays { get; }

    /// <summary>Every month on a day of the month.</summary>
    /// <param name="dayOfMonth">1 to 31.</param>
    /// <param name="shortMonths">What day 29 to 31 does in a shorter month (default: the month's last day).</param>
    /// <returns>The cadence.</returns>
    public static Cadence Monthly(int dayOfMonth, ShortMonthRule shortMonths = ShortMonthRule.Clamp) => EveryMonths(1, dayOfMonth, shortMonths);

    /// <summary>Every three months on a day of the month, counted from the series' first month.</summary>
    /// <param name="dayOfMonth">1 to 31.</param>
    /// <param name="shortMonths">What day 29 to 31 does in a shorter month (default: the month's last day).</param>
    /// <returns>The cadence.</returns>
    public static Cadence Quarterly(int dayOfMonth, ShortMonthRule shortMonths = ShortMonthRule.Clamp) => EveryMonths(3, dayOfMonth, shortMonths);

    /// <summary>Every six months on a day of the month, counted from the series' first month.</summary>
    /// <param name="dayOfMonth">1 to 31.</param>
    /// <param name="shortMonths">What day 29 to 31 does in a shorter month (default: the month's last day).</param>
    /// <returns>The cadence.</returns>
    public static Cadence TwiceAYear(int dayOfMonth, ShortMonthRule shortMonths = ShortMonthRule.Clamp) => EveryMonths(6, dayOfMonth, shortMonths);

    /// <summary>Every twelve months on a day of the month, in the month of the series' first date.</summary>
    /// <param name="dayOfMonth">1 to 31.</param>
    /// <param name="shortMonths">What day 29 to 31 does in a shorter month (default: the month's last day).</param>
    /// <returns>The cadence.</returns>
    public static Cadence Annually(int dayOfMonth, ShortMonthRule shortMonths = ShortMonthRule.Clamp) => EveryMonths(12, dayOfMonth, shortMonths);

    /// <summary>Every <paramref name="months"/> months on a day of the month, counted from the series' first month.</summary>
    /// <param name="months">1 to <see cref="MaxInterval"/>.</param>
    /// <param name="dayOfMonth">1 to 31.</param>
    /// <param name="shortMonths">What day 29 to 31 does in a shorter month (default: the month's last day).</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is zero, negative or too large, or the day is not 1 to 31.</exception>
    public static Cadence EveryMonths(int months, int dayOfMonth, ShortMonthRule shortMonths = ShortMonthRule.Clamp)
        => new(CadenceKind.MonthlyOnDay, months, dayOfMonth, WeekOfMonth.None, IsoDayOfWeek.None, shortMonths, null, 0);

    /// <summary>Every <paramref name="months"/> months on the first to fourth, or last, given weekday of the month.</summary>
    /// <param name="months">1 to <see cref="MaxInterval"/>.</param>
    /// <param name="week">Which of the month's weekdays.</param>
    /// <param name="weekday">The weekday.</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is zero, negative or too large, or the week or weekday is none.</exception>
    public static Cadence EveryMonthsOn(int months, WeekOfMonth week, IsoDayOfWeek weekday)
        => new(CadenceKind.MonthlyOnWeekday, months, 0, week, weekday, ShortMonthRule.Clamp, null, 0);

    /// <summary>Every week on a weekday.</summary>
    /// <param name="weekday">The weekday.</param>
    /// <returns>The cadence.</returns>
    public static Cadence Weekly(IsoDayOfWeek weekday) => EveryWeeks(1, weekday);

    /// <summary>Every <paramref name="weeks"/> weeks on a weekday, counted from the series' first such weekday.</summary>
    /// <param name="weeks">1 to <see cref="MaxInterval"/>.</param>
    /// <param name="weekday">The weekday.</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="weeks"/> is zero, negative or too large, or the weekday is none.</exception>
    public static Cadence EveryWeeks(int weeks, IsoDayOfWeek weekday)
        => new(CadenceKind.Weekly, weeks, 0, WeekOfMonth.None, weekday, ShortMonthRule.Clamp, null, 0);

    /// <summary>A meeting <paramref name="days"/> days before each occurrence of another series (a workshop's preparation).</summary>
    /// <param name="series">The base series.</param>
    /// <param name="days">0 to <see cref="MaxOffsetDays"/>; 0 is the same day.</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative or too large.</exception>
    public static Cadence Before(SeriesId series, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        return new(CadenceKind.Linked, 0, 0, WeekOfMonth.None, IsoDayOfWeek.None, ShortMonthRule.Clamp, series, -days);
    }

    /// <summary>A meeting <paramref name="days"/> days after each occurrence of another series (a workshop's debrief).</summary>
    /// <param name="series">The base series.</param>
    /// <param name="days">0 to <see cref="MaxOffsetDays"/>; 0 is the same day.</param>
    /// <returns>The cadence.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative or too large.</exception>
    public static Cadence After(SeriesId series, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        return new(CadenceKind.Linked, 0, 0, WeekOfMonth.None, IsoDayOfWeek.None, ShortMonthRule.Clamp, series, days);
    }

    /// <summary>Describes the cadence in plain English, for example <c>every 3 months on day 31 (the month's last day when shorter)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Describe(static series => $"series '{series}'");

    /// <summary>Describes the cadence, naming the series a linked cadence follows as <paramref name="linked"/> says (for a calendar: its title).</summary>
    /// <param name="linked">The words for the series followed, for example <c>meeting of series 'x'</c>'s <c>series 'x'</c>.</param>
    internal string Describe(Func<SeriesId, string> linked) => Kind switch
    {
        CadenceKind.MonthlyOnDay => string.Create(
            CultureInfo.InvariantCulture,
            $"{Every("month")} on day {DayOfMonth}{(DayOfMonth > 28 ? ShortMonths == ShortMonthRule.Clamp ? " (the month's last day when shorter)" : " (skipping shorter months)" : string.Empty)}"),
        CadenceKind.MonthlyOnWeekday => string.Create(
            CultureInfo.InvariantCulture, $"{Every("month")} on the {Week.ToString().ToLowerInvariant()} {Weekday}"),
        CadenceKind.Weekly => string.Create(CultureInfo.InvariantCulture, $"{Every("week")} on {Weekday}"),
        _ => string.Create(
            CultureInfo.InvariantCulture,
            $"{(OffsetDays == 0 ? "on the day of" : $"{Math.Abs(OffsetDays)} {(Math.Abs(OffsetDays) == 1 ? "day" : "days")} {(OffsetDays < 0 ? "before" : "after")}")} each meeting of {linked(LinkedTo!.Value)}"),
    };

    private string Every(string unit)
        => Interval == 1 ? "every " + unit : string.Create(CultureInfo.InvariantCulture, $"every {Interval} {unit}s");

    private void Validate()
    {
        if (Kind is CadenceKind.Linked)
        {
            if (LinkedTo is not { } target || target.Value is null)
            {
                throw new ArgumentOutOfRangeException("linkedTo", "A linked cadence needs the series it follows.");
            }

            if (Math.Abs(OffsetDays) > MaxOffsetDays)
            {
                throw new ArgumentOutOfRangeException("offsetDays", OffsetDays, $"A linked meeting is at most {MaxOffsetDays} days from its base meeting.");
            }

            RequireUnused(Interval != 0 || DayOfMonth != 0 || Week != WeekOfMonth.None || Weekday != IsoDayOfWeek.None);
            return;
        }

        if (Interval < 1 || Interval > MaxInterval)
        {
            throw new ArgumentOutOfRangeException(
                "interval",
                Interval,
                $"A cadence meets every 1 to {MaxInterval} {(Kind == CadenceKind.Weekly ? "weeks" : "months")}; {Interval} is not a number of {(Kind == CadenceKind.Weekly ? "weeks" : "months")} between meetings.");
        }

        if (LinkedTo is not null || OffsetDays != 0)
        {
            RequireUnused(true);
        }

        switch (Kind)
        {
            case CadenceKind.MonthlyOnDay:
                if (DayOfMonth is < 1 or > 31)
                {
                    throw new ArgumentOutOfRangeException("dayOfMonth", DayOfMonth, "A day of the month is 1 to 31.");
                }

                if (!Enum.IsDefined(ShortMonths))
                {
                    throw new ArgumentOutOfRangeException("shortMonths", ShortMonths, "Choose Clamp or Skip for months without the day.");
                }

                RequireUnused(Week != WeekOfMonth.None || Weekday != IsoDayOfWeek.None);
                break;
            case CadenceKind.MonthlyOnWeekday:
                if (Week == WeekOfMonth.None || !Enum.IsDefined(Week))
                {
                    throw new ArgumentOutOfRangeException("week", Week, "Choose the first, second, third, fourth or last weekday of the month.");
                }

                RequireWeekday();
                RequireUnused(DayOfMonth != 0);
                break;
            case CadenceKind.Weekly:
                RequireWeekday();
                RequireUnused(DayOfMonth != 0 || Week != WeekOfMonth.None);
                break;
            default:
                throw new ArgumentOutOfRangeException("kind", Kind, "Unknown cadence kind.");
        }
    }

    private void RequireWeekday()
    {
        if (Weekday is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException("weekday", Weekday, "A weekday is Monday to Sunday.");
        }
    }

    private void RequireUnused(bool somethingSet)
    {
        if (somethingSet)
        {
            throw new ArgumentOutOfRangeException(
                "kind", Kind, $"A {Kind} cadence sets only its own fields; use the Cadence factory methods.");
        }
    }
}
