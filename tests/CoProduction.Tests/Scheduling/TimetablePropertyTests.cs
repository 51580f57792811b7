using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Scheduling.Plans;

namespace CoProduction.Tests.Scheduling;

public sealed class TimetablePropertyTests
{
    private static readonly string[] ZoneIds = [.. DateTimeZoneProviders.Tzdb.Ids];

    internal static readonly Gen<Cadence> Cadences = Gen.OneOf(
        from months in Gen.Choose(1, 12)
        from day in Gen.Choose(1, 31)
        from rule in Gen.Elements(ShortMonthRule.Clamp, ShortMonthRule.Skip)
        select Cadence.EveryMonths(months, day, rule),
        from months in Gen.Choose(1, 12)
        from week in Gen.Elements(WeekOfMonth.First, WeekOfMonth.Second, WeekOfMonth.Third, WeekOfMonth.Fourth, WeekOfMonth.Last)
        from day in Gen.Choose(1, 7)
        select Cadence.EveryMonthsOn(months, week, (IsoDayOfWeek)day),
        from weeks in Gen.Choose(1, 8)
        from day in Gen.Choose(1, 7)
        select Cadence.EveryWeeks(weeks, (IsoDayOfWeek)day));

    /// <summary>A base series (own cadence) with a linked series beside it, in zones drawn from the whole tzdb.</summary>
    internal static readonly Gen<(MeetingSeriesPlan Base, MeetingSeriesPlan Linked)> Pairs =
        from cadence in Cadences
        from zone in Gen.Elements(ZoneIds)
        from linkedZone in Gen.Elements(ZoneIds)
        from firstDays in Gen.Choose(0, 8000)
        from lengthDays in Gen.Choose(0, 2000)
        from minutes in Gen.Choose(0, (24 * 60) - 1)
        from resolution in Gen.Elements(Enum.GetValues<LocalTimeResolution>())
        from offset in Gen.Choose(-10, 10)
        select (
            Plan("base", cadence, new LocalDate(2000, 1, 1).PlusDays(firstDays), new LocalDate(2000, 1, 1).PlusDays(firstDays + lengthDays), DateTimeZoneProviders.Tzdb[zone], LocalTime.Midnight.PlusMinutes(minutes), resolution: resolution),
            Plan("linked", offset < 0 ? Cadence.Before(new SeriesId("base"), -offset) : Cadence.After(new SeriesId("base"), offset), new LocalDate(2000, 1, 1).PlusDays(firstDays + Math.Min(20, lengthDays)), new LocalDate(2000, 1, 1).PlusDays(firstDays + lengthDays + 5), DateTimeZoneProviders.Tzdb[linkedZone], LocalTime.Midnight.PlusMinutes(minutes)));

    private static readonly Gen<(MeetingSeriesPlan Base, MeetingSeriesPlan Linked, Instant From, Instant To)> Windows =
        from pair in Pairs
        from a in Gen.Choose(-50, 2100)
        from b in Gen.Choose(-50, 2100)
        let origin = pair.Base.FirstDate.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()
        select (pair.Base, pair.Linked, origin + Duration.FromHours(Math.Min(a, b) * 13), origin + Duration.FromHours(Math.Max(a, b) * 13));

    [Property(MaxTest = 1000)]
    public Property Occurrences_strictly_increase_stay_inside_the_window_and_are_in_the_series_zone()
        => Prop.ForAll(Windows.ToArbitrary(), t =>
        {
            var timetable = new MeetingTimetable([t.Base, t.Linked]);
            foreach (var plan in new[] { t.Base, t.Linked })
            {
                var occurrences = timetable.Occurrences(plan.Series, t.From, t.To);
                for (var i = 0; i < occurrences.Count; i++)
                {
                    var start = occurrences[i].Start;
                    if (!ReferenceEquals(start.Zone, plan.Zone) || start.ToInstant() < t.From || start.ToInstant() >= t.To
                        || occurrences[i].Slot < plan.FirstDate || occurrences[i].Slot > plan.LastDate
                        || (i > 0 && start.ToInstant() <= occurrences[i - 1].Start.ToInstant()))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Property(MaxTest = 1000)]
    public Property Occurrences_are_exactly_the_dates_a_day_by_day_reading_of_the_cadence_gives()
        => Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var timetable = new MeetingTimetable([pair.Base, pair.Linked]);
            var all = timetable.Occurrences(Instant.FromUtc(1990, 1, 1, 0, 0), Instant.FromUtc(2040, 1, 1, 0, 0));
            var expectedBase = Naive(pair.Base).ToList();
            var offset = pair.Linked.Cadence.OffsetDays;
            var expectedLinked = expectedBase.Select(d => d.PlusDays(offset)).Where(d => d >= pair.Linked.FirstDate && d <= pair.Linked.LastDate).ToList();
            return all.Where(o => o.Series == pair.Base.Series).Select(o => o.Slot).SequenceEqual(expectedBase)
                && all.Where(o => o.Series == pair.Linked.Series).Select(o => o.Slot).SequenceEqual(expectedLinked)
                && all.All(o => o.Start.LocalDateTime == o.Slot + (o.Series == pair.Base.Series ? pair.Base.StartTime : pair.Linked.StartTime)
                    || o.Start.Zone.MapLocal(o.Slot + (o.Series == pair.Base.Series ? pair.Base.StartTime : pair.Linked.StartTime)).Count != 1);
        });

    [Property(MaxTest = 1000)]
    public Property Occurrences_do_not_depend_on_the_machine_zone_nor_on_which_window_they_were_asked_in()
        => Prop.ForAll(Windows.ToArbitrary(), t =>
        {
            // Nothing in scheduling reads TimeZoneInfo.Local (banned in src); asking for a window in two
            // halves, with zones looked up afresh, gives the same instants and offsets as asking at once.
            var timetable = new MeetingTimetable([t.Base, t.Linked]);
            var middle = t.From + ((t.To - t.From) / 2);
            var whole = timetable.Occurrences(t.From, t.To);
            var halves = timetable.Occurrences(t.From, middle).Concat(timetable.Occurrences(middle, t.To));
            return whole.Select(o => (o.Series, o.Start.ToInstant(), o.Start.Offset))
                .SequenceEqual(halves.Select(o => (o.Series, o.Start.ToInstant(), o.Start.Offset)));
        });

    [Fact]
    public void The_machine_zone_is_not_read_anywhere_in_scheduling()
    {
        // TimeZoneInfo.Local and the BCL provider are banned in src/CoProduction (BannedSymbols.txt); this
        // checks the promise from the outside: occurrences equal those computed from UTC offsets alone.
        var plan = Plan("uk", Cadence.Monthly(31), new LocalDate(2016, 1, 1), new LocalDate(2026, 12, 31), London);
        foreach (var o in MeetingTimetable.OccurrencesOf(plan, Utc(2016, 1, 1), Utc(2027, 1, 1)))
        {
            Assert.Equal(o.Start.ToInstant(), o.Start.LocalDateTime.WithOffset(o.Start.Offset).ToInstant());
            Assert.Equal(London.GetUtcOffset(o.Start.ToInstant()), o.Start.Offset);
        }
    }

    private static IEnumerable<LocalDate> Naive(MeetingSeriesPlan plan)
    {
        var c = plan.Cadence;
        var anchorWeekday = plan.FirstDate.With(DateAdjusters.NextOrSame(c.Weekday == IsoDayOfWeek.None ? IsoDayOfWeek.Monday : c.Weekday));
        for (var d = plan.FirstDate; d <= plan.LastDate; d = d.PlusDays(1))
        {
            var monthIndex = ((d.Year - plan.FirstDate.Year) * 12) + d.Month - plan.FirstDate.Month;
            var daysInMonth = CalendarSystem.Iso.GetDaysInMonth(d.Year, d.Month);
            var hit = c.Kind switch
            {
                CadenceKind.MonthlyOnDay => monthIndex % c.Interval == 0
                    && (d.Day == c.DayOfMonth || (c.ShortMonths == ShortMonthRule.Clamp && c.DayOfMonth > daysInMonth && d.Day == daysInMonth)),
                CadenceKind.MonthlyOnWeekday => monthIndex % c.Interval == 0 && d.DayOfWeek == c.Weekday
                    && (c.Week == WeekOfMonth.Last ? d.Day + 7 > daysInMonth : (d.Day - 1) / 7 == (int)c.Week - 1),
                _ => d >= anchorWeekday && Period.DaysBetween(anchorWeekday, d) % (7 * c.Interval) == 0,
            };
            if (hit)
            {
                yield return d;
            }
        }
    }
}
