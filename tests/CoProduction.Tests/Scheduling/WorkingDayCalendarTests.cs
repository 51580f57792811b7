using System;
using CoProduction.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CoProduction.Tests.Scheduling;

public sealed class WorkingDayCalendarTests
{
    [Fact]
    public void Seven_working_days_after_a_monday_is_the_wednesday_of_the_next_week()
        => Assert.Equal(new LocalDate(2017, 3, 15), WorkingDayCalendar.MondayToFriday.AddWorkingDays(new LocalDate(2017, 3, 6), 7));

    [Fact]
    public void A_holiday_pushes_the_deadline_by_a_day()
    {
        // Kenya's Madaraka Day, 1 June 2017, a Thursday.
        var calendar = WorkingDayCalendar.MondayToFriday.WithHolidays([new LocalDate(2017, 6, 1)]);
        Assert.Equal(new LocalDate(2017, 6, 2), WorkingDayCalendar.MondayToFriday.AddWorkingDays(new LocalDate(2017, 5, 29), 4));
        Assert.Equal(new LocalDate(2017, 6, 5), calendar.AddWorkingDays(new LocalDate(2017, 5, 29), 4));
    }

    [Fact]
    public void Zero_working_days_is_the_start_date()
        => Assert.Equal(new LocalDate(2017, 3, 4), WorkingDayCalendar.MondayToFriday.AddWorkingDays(new LocalDate(2017, 3, 4), 0));

    [Fact]
    public void A_negative_count_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDayCalendar.MondayToFriday.AddWorkingDays(new LocalDate(2017, 3, 4), -1));

    [Fact]
    public void A_week_with_no_working_day_is_refused()
        => Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(Enum.GetValues<IsoDayOfWeek>()[1..]));

    [Property(MaxTest = 1000)]
    public Property Adding_working_days_lands_on_a_working_day_and_counts_back_to_the_same_number()
    {
        var gen =
            from days in Gen.Choose(0, 15_000)
            from n in Gen.Choose(1, 400)
            from count in Gen.Choose(0, 30)
            from holidays in Gen.Choose(0, 16_000).ArrayOf(count)
            select (days, n, holidays);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var start = new LocalDate(2000, 1, 1).PlusDays(t.days);
            var calendar = WorkingDayCalendar.MondayToFriday.WithHolidays(Array.ConvertAll(t.holidays, h => new LocalDate(2000, 1, 1).PlusDays(h)));
            var due = calendar.AddWorkingDays(start, t.n);
            return calendar.IsWorkingDay(due) && calendar.WorkingDaysBetween(start, due) == t.n;
        });
    }
}
