using System;
using CoProduction.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CoProduction.Tests.Scheduling;

public sealed class LocalTimeMappingTests
{
    private static readonly string[] ZoneIds = [.. DateTimeZoneProviders.Tzdb.Ids];

    [Property(MaxTest = 1000)]
    public Property Resolving_a_local_time_agrees_with_nodatime_in_any_zone_and_for_every_resolution()
    {
        var gen =
            from zone in Gen.Elements(ZoneIds)
            from days in Gen.Choose(-25_000, 30_000)
            from minutes in Gen.Choose(0, (24 * 60) - 1)
            select (Zone: DateTimeZoneProviders.Tzdb[zone], Local: new LocalDate(1970, 1, 1).PlusDays(days).At(LocalTime.Midnight.PlusMinutes(minutes)));
        return Prop.ForAll(gen.ToArbitrary(), t => Array.TrueForAll(
            Enum.GetValues<LocalTimeResolution>(),
            r => r.Resolve(t.Local, t.Zone) == t.Zone.ResolveLocal(t.Local, r.Resolver())));
    }

    [Theory]
    [InlineData("Europe/London", 2016)]
    [InlineData("America/New_York", 2016)]
    [InlineData("Australia/Lord_Howe", 2016)]
    [InlineData("Pacific/Apia", 2011)]
    [InlineData("Africa/Nairobi", 2016)]
    public void Every_quarter_hour_around_every_transition_of_a_year_resolves_as_nodatime_does(string zoneId, int year)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var start = new LocalDate(year, 1, 1).AtStartOfDayInZone(zone).ToInstant();
        var end = new LocalDate(year + 1, 1, 1).AtStartOfDayInZone(zone).ToInstant();
        var checkedTimes = 0;
        foreach (var interval in zone.GetZoneIntervals(start, end))
        {
            if (!interval.HasStart)
            {
                continue;
            }

            // Three days either side of the transition, in local terms, every 15 minutes.
            var around = interval.Start.InZone(zone).LocalDateTime;
            for (var local = around.PlusDays(-3); local <= around.PlusDays(3); local = local.PlusMinutes(15))
            {
                foreach (var r in Enum.GetValues<LocalTimeResolution>())
                {
                    Assert.Equal(zone.ResolveLocal(local, r.Resolver()), r.Resolve(local, zone));
                    checkedTimes++;
                }
            }
        }

        Assert.True(checkedTimes > 0);
    }

    [Fact]
    public void The_fast_mapping_is_taken_inside_an_interval_and_declined_near_a_transition()
    {
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        Assert.True(LocalTimeResolutions.TryMapUnambiguously(new LocalDateTime(2016, 6, 15, 9, 0), london, out var june));
        Assert.Equal(Instant.FromUtc(2016, 6, 15, 8, 0), june.ToInstant());

        // 27 March 2016 01:30 is in the spring gap: the fast path declines and the resolver decides.
        Assert.False(LocalTimeResolutions.TryMapUnambiguously(new LocalDateTime(2016, 3, 27, 1, 30), london, out _));
        Assert.False(LocalTimeResolutions.TryMapUnambiguously(new LocalDateTime(2016, 3, 26, 9, 0), london, out _));
    }
}
