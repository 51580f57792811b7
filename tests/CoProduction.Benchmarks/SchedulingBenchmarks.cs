using System.Collections.Generic;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Benchmarks;

/// <summary>
/// (7) Ten years of occurrences for 1,000 series: a timetable of monthly, quarterly, fortnightly and
/// linked (day-after) series in three zones, one of them with daylight saving, expanded over
/// 2016–2025 and merged in start order.
/// </summary>
[MemoryDiagnoser]
public class SchedulingBenchmarks
{
    /// <summary>Series in the timetable.</summary>
    public const int Series = 1_000;

    private MeetingTimetable timetable = null!;
    private Instant from;
    private Instant to;

    [GlobalSetup]
    public void Setup()
    {
        var zones = new[] { "Africa/Nairobi", "Africa/Johannesburg", "Europe/London" };
        var plans = new List<MeetingSeriesPlan>(Series);
        for (var i = 0; i < Series; i++)
        {
            var id = new SeriesId("series-" + i.ToString("D4", CultureInfo.InvariantCulture));
            var cadence = (i % 4) switch
            {
                0 => Cadence.Monthly(10),
                1 => Cadence.Quarterly(31),
                2 => Cadence.EveryWeeks(2, IsoDayOfWeek.Wednesday),
                _ => Cadence.After(plans[i - 1].Series, 1),
            };
            plans.Add(new MeetingSeriesPlan(
                id,
                i % 4 == 3 ? MeetingKind.WorkshopDebrief : MeetingKind.ResearcherReflection,
                "Reflection " + id.Value,
                new SiteId("site-" + (i / 10).ToString(CultureInfo.InvariantCulture)),
                DateTimeZoneProviders.Tzdb[zones[i % zones.Length]],
                new LocalTime(14, 0),
                Duration.FromHours(2),
                new LocalDate(2016, 1, 1),
                new LocalDate(2025, 12, 31),
                [new MemberId("amina"), new MemberId("peter")],
                cadence));
        }

        timetable = new MeetingTimetable(plans);
        from = Instant.FromUtc(2016, 1, 1, 0, 0);
        to = Instant.FromUtc(2026, 1, 1, 0, 0);
    }

    /// <summary>(7) Every occurrence of the 1,000 series over ten years, in start order.</summary>
    [Benchmark]
    public int Scheduling_ten_years_of_1000_series() => timetable.Occurrences(from, to).Count;
}
