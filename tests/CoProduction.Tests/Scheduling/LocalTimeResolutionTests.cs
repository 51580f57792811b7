using System.Linq;
using CoProduction.Scheduling;
using NodaTime;
using static CoProduction.Tests.Scheduling.Plans;

namespace CoProduction.Tests.Scheduling;

public sealed class LocalTimeResolutionTests
{
    private static ZonedDateTime StartOn(LocalDate date, DateTimeZone zone, LocalTime time, LocalTimeResolution resolution = LocalTimeResolution.ShiftForwardOrEarlier)
        => MeetingTimetable.OccurrencesOf(
                Plan("s", Cadence.Monthly(date.Day), date, date, zone, time, resolution: resolution),
                Utc(2000, 1, 1),
                Utc(2040, 1, 1))
            .Single().Start;

    [Fact]
    public void A_London_meeting_at_0130_on_the_spring_change_moves_forward_by_the_gap_to_0230_summer_time()
    {
        var start = StartOn(new LocalDate(2017, 3, 26), London, new LocalTime(1, 30));
        Assert.Equal(new LocalDateTime(2017, 3, 26, 2, 30), start.LocalDateTime);
        Assert.Equal(Offset.FromHours(1), start.Offset);
    }

    [Fact]
    public void A_New_York_meeting_at_0230_in_the_gap_moves_to_0330_or_to_0300_when_asked()
    {
        Assert.Equal(new LocalDateTime(2024, 3, 10, 3, 30), StartOn(new LocalDate(2024, 3, 10), NewYork, new LocalTime(2, 30)).LocalDateTime);
        Assert.Equal(
            new LocalDateTime(2024, 3, 10, 3, 0),
            StartOn(new LocalDate(2024, 3, 10), NewYork, new LocalTime(2, 30), LocalTimeResolution.EndOfGapOrEarlier).LocalDateTime);
    }

    [Fact]
    public void A_London_meeting_at_0130_on_the_autumn_change_takes_the_earlier_0130_unless_asked_for_the_later()
    {
        var earlier = StartOn(new LocalDate(2017, 10, 29), London, new LocalTime(1, 30));
        var later = StartOn(new LocalDate(2017, 10, 29), London, new LocalTime(1, 30), LocalTimeResolution.ShiftForwardOrLater);
        Assert.Equal(Offset.FromHours(1), earlier.Offset);
        Assert.Equal(Offset.Zero, later.Offset);
        Assert.Equal(Duration.FromHours(1), later.ToInstant() - earlier.ToInstant());
    }

    [Fact]
    public void Nairobi_and_Johannesburg_meetings_keep_their_local_time_on_the_days_london_changes()
    {
        foreach (var zone in new[] { Nairobi, Johannesburg })
        {
            foreach (var date in new[] { new LocalDate(2017, 3, 26), new LocalDate(2017, 10, 29) })
            {
                Assert.Equal(date + new LocalTime(1, 30), StartOn(date, zone, new LocalTime(1, 30)).LocalDateTime);
            }
        }
    }

    [Fact]
    public void A_London_series_keeps_1400_local_across_the_change_while_its_utc_time_moves()
    {
        var plan = Plan("uk", Cadence.Monthly(1), new LocalDate(2017, 1, 1), new LocalDate(2017, 12, 31), London);
        var starts = MeetingTimetable.OccurrencesOf(plan, Utc(2017, 1, 1), Utc(2018, 1, 1));
        Assert.All(starts, s => Assert.Equal(new LocalTime(14, 0), s.Start.TimeOfDay));
        Assert.Equal(14, starts[0].Start.ToInstant().InUtc().Hour);
        Assert.Equal(13, starts[5].Start.ToInstant().InUtc().Hour);
    }
}
