using System;
using System.Linq;
using System.Text.Json;
using CoProduction.Scheduling;
using NodaTime;
using static CoProduction.Tests.Scheduling.Plans;

namespace CoProduction.Tests.Scheduling;

public sealed class CadenceTests
{
    private static LocalDate[] Dates(MeetingSeriesPlan plan)
        => [.. MeetingTimetable.OccurrencesOf(plan, Utc(2000, 1, 1), Utc(2040, 1, 1)).Select(o => o.Start.Date)];

    [Fact]
    public void Day_31_is_clamped_to_the_last_day_of_shorter_months_by_default()
        => Assert.Equal(
            [new(2016, 1, 31), new(2016, 2, 29), new(2016, 3, 31), new(2016, 4, 30), new(2016, 5, 31)],
            Dates(Plan("r", Cadence.Monthly(31), new LocalDate(2016, 1, 1), new LocalDate(2016, 5, 31))));

    [Fact]
    public void Day_31_skips_shorter_months_when_asked()
        => Assert.Equal(
            [new(2016, 1, 31), new(2016, 3, 31), new(2016, 5, 31)],
            Dates(Plan("r", Cadence.Monthly(31, ShortMonthRule.Skip), new LocalDate(2016, 1, 1), new LocalDate(2016, 5, 31))));

    [Fact]
    public void Quarterly_counts_months_from_the_first_date()
        => Assert.Equal(
            [new(2016, 2, 10), new(2016, 5, 10), new(2016, 8, 10), new(2016, 11, 10)],
            Dates(Plan("r", Cadence.Quarterly(10), new LocalDate(2016, 2, 1), new LocalDate(2016, 12, 31))));

    [Fact]
    public void A_day_before_the_first_date_in_the_first_month_waits_for_the_next_turn()
        => Assert.Equal(
            [new(2016, 7, 5), new(2017, 1, 5)],
            Dates(Plan("m", Cadence.TwiceAYear(5), new LocalDate(2016, 1, 20), new LocalDate(2017, 6, 30))));

    [Fact]
    public void The_last_friday_and_the_second_tuesday_of_the_month_are_found()
    {
        Assert.Equal(
            [new(2016, 1, 29), new(2016, 2, 26), new(2016, 3, 25), new(2016, 4, 29)],
            Dates(Plan("w", Cadence.EveryMonthsOn(1, WeekOfMonth.Last, IsoDayOfWeek.Friday), new LocalDate(2016, 1, 1), new LocalDate(2016, 4, 30))));
        Assert.Equal(
            [new(2016, 1, 12), new(2016, 3, 8)],
            Dates(Plan("w", Cadence.EveryMonthsOn(2, WeekOfMonth.Second, IsoDayOfWeek.Tuesday), new LocalDate(2016, 1, 1), new LocalDate(2016, 4, 30))));
    }

    [Fact]
    public void Every_two_weeks_starts_on_the_first_such_weekday()
        => Assert.Equal(
            [new(2016, 1, 6), new(2016, 1, 20), new(2016, 2, 3)],
            Dates(Plan("w", Cadence.EveryWeeks(2, IsoDayOfWeek.Wednesday), new LocalDate(2016, 1, 1), new LocalDate(2016, 2, 15))));

    [Fact]
    public void Annually_meets_in_the_month_of_the_first_date_and_clamps_29_february()
        => Assert.Equal(
            [new(2016, 2, 29), new(2017, 2, 28), new(2018, 2, 28)],
            Dates(Plan("x", Cadence.Annually(29), new LocalDate(2016, 2, 1), new LocalDate(2018, 12, 31))));

    [Fact]
    public void Debriefs_meet_a_day_before_and_after_each_workshop_in_their_own_zone_and_window()
    {
        // Sedibeng's second protocol (Table 1): monthly leadership workshops, researchers meeting before and after each.
        var workshop = Plan("workshop", Cadence.Monthly(15), new LocalDate(2016, 1, 1), new LocalDate(2016, 4, 30), Johannesburg, kind: MeetingKind.LeadershipWorkshop, site: "sedibeng");
        var before = Plan("prep", Cadence.Before(workshop.Series, 1), new LocalDate(2016, 2, 1), new LocalDate(2016, 12, 31), Johannesburg, new LocalTime(9, 0), MeetingKind.WorkshopDebrief);
        var after = Plan("debrief", Cadence.After(workshop.Series, 1), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31), London, new LocalTime(9, 0), MeetingKind.WorkshopDebrief);
        var timetable = new MeetingTimetable([workshop, before, after]);

        Assert.Equal(
            [new(2016, 2, 14), new(2016, 3, 14), new(2016, 4, 14)],
            timetable.Occurrences(before.Series, Utc(2015, 1, 1), Utc(2017, 1, 1)).Select(o => o.Start.Date));
        var debriefs = timetable.Occurrences(after.Series, Utc(2015, 1, 1), Utc(2017, 1, 1));
        Assert.Equal([new(2016, 1, 16), new(2016, 2, 16), new(2016, 3, 16), new(2016, 4, 16)], debriefs.Select(o => o.Start.Date));
        Assert.All(debriefs, o => Assert.Same(London, o.Start.Zone));
        Assert.Equal(new LocalDate(2016, 3, 15), timetable.Find(workshop.Series, new LocalDate(2016, 3, 15))?.Slot);
        Assert.Null(timetable.Find(workshop.Series, new LocalDate(2016, 3, 16)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(Cadence.MaxInterval + 1)]
    public void A_cadence_of_zero_negative_or_absurd_months_is_refused_with_the_number_named(int months)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.EveryMonths(months, 1));
        Assert.Equal("interval", ex.ParamName);
        Assert.Contains("months between meetings", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.EveryWeeks(months, IsoDayOfWeek.Monday));
    }

    [Fact]
    public void A_day_outside_1_to_31_and_a_missing_weekday_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.Monthly(32));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.Monthly(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.EveryMonthsOn(1, WeekOfMonth.None, IsoDayOfWeek.Monday));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.Weekly(IsoDayOfWeek.None));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cadence.After(new SeriesId("w"), -1));
    }

    [Fact]
    public void A_series_linked_to_itself_is_refused()
    {
        var ex = Assert.Throws<CadenceLinkException>(() => Plan("loop", Cadence.After(new SeriesId("loop"), 1), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31)));
        Assert.Equal([new SeriesId("loop"), new SeriesId("loop")], ex.Chain);
        Assert.Contains("relative to itself", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_of_links_and_a_missing_base_are_refused_with_the_chain()
    {
        var a = Plan("a", Cadence.After(new SeriesId("b"), 1), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
        var b = Plan("b", Cadence.Before(new SeriesId("a"), 1), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
        var cycle = Assert.Throws<CadenceLinkException>(() => new MeetingTimetable([a, b]));
        Assert.Equal(["a", "b", "a"], cycle.Chain.Select(s => s.Value));
        Assert.Contains("cycle", cycle.Message, StringComparison.Ordinal);

        var orphan = Assert.Throws<CadenceLinkException>(() => new MeetingTimetable([a]));
        Assert.Equal(["a", "b"], orphan.Chain.Select(s => s.Value));
    }

    [Fact]
    public void A_series_ending_before_it_starts_and_a_window_ending_before_it_starts_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Plan("r", Cadence.Monthly(1), new LocalDate(2016, 5, 1), new LocalDate(2016, 4, 30)));
        Assert.Contains("before it starts", ex.Message, StringComparison.Ordinal);
        var plan = Plan("r", Cadence.Monthly(1), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));
        var window = Assert.Throws<ArgumentException>(() => MeetingTimetable.OccurrencesOf(plan, Utc(2016, 5, 1), Utc(2016, 4, 1)));
        Assert.Contains("before it starts", window.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_survives_a_json_round_trip_with_its_zone_and_cadence()
    {
        var plan = Plan("debrief", Cadence.After(new SeriesId("workshop"), 2), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31), London, resolution: LocalTimeResolution.ShiftForwardOrLater);
        var json = JsonSerializer.Serialize(plan, Json);
        Assert.Contains("\"Europe/London\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Linked\"", json, StringComparison.Ordinal);
        Assert.Equal(plan, JsonSerializer.Deserialize<MeetingSeriesPlan>(json, Json));
    }

    [Fact]
    public void A_cadence_describes_itself()
    {
        Assert.Equal("every 3 months on day 31 (the month's last day when shorter)", Cadence.Quarterly(31).ToString());
        Assert.Equal("1 day before each meeting of series 'workshop'", Cadence.Before(new SeriesId("workshop"), 1).ToString());
        Assert.Equal("every 2 weeks on Monday", Cadence.EveryWeeks(2, IsoDayOfWeek.Monday).ToString());
        Assert.Equal("3 days after each meeting of series 'workshop'", Cadence.After(new SeriesId("workshop"), 3).ToString());
        Assert.Equal("on the day of each meeting of series 'workshop'", Cadence.After(new SeriesId("workshop"), 0).ToString());
    }
}
