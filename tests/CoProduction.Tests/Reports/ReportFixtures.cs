using System.Collections.Generic;
using System.Linq;
using CoProduction.Reports;
using NodaTime;

namespace CoProduction.Tests.Reports;

/// <summary>A seven-year, three-site programme drawn from plain records (no store).</summary>
internal static class ReportFixtures
{
    public static readonly string[] Sites = ["Kilifi", "Mitchell's Plain", "Sedibeng"];
    private static readonly string[] Stages = ["Planning", "Acting", "Reflecting", "Evaluating", "Revising"];

    public static ProgrammeReportData SevenYears()
    {
        var timeline = new List<SiteTimeline>();
        var charts = new List<RunChartSeries>();
        var comparison = new List<SiteComparisonRow>();
        for (var s = 0; s < Sites.Length; s++)
        {
            var bands = new List<TimelineBand>();
            int held = 0, missed = 0, pauses = 0;
            for (var year = 2012 + s; year <= 2018; year++)
            {
                var start = new LocalDate(year, 2, 1);
                for (var i = 0; i < Stages.Length; i++)
                {
                    var from = start.PlusDays(i * 60);
                    bands.Add(new TimelineBand(from, from.PlusDays(59), TimelineBandKind.Stage, $"{Stages[i]} (cycle {year - 2011 - s})") { Stage = System.Enum.Parse<CoProduction.Cycles.CycleStage>(Stages[i]) });
                }

                if (year == 2017 && s == 0)
                {
                    bands.Add(new TimelineBand(new LocalDate(2017, 12, 5), new LocalDate(2018, 1, 20), TimelineBandKind.Pause, "paused: health workers' strike"));
                    pauses++;
                }

                bands.Add(new TimelineBand(new LocalDate(year, 1, 1), new LocalDate(year, 12, 31), TimelineBandKind.Approval, $"protocol v{year - 2011 - s}"));
                for (var m = 1; m <= 12; m += 3)
                {
                    var kind = (m + year + s) % 4 == 0 ? TimelineBandKind.MeetingMissed : TimelineBandKind.MeetingHeld;
                    if (kind == TimelineBandKind.MeetingHeld) { held++; } else { missed++; }
                    var day = new LocalDate(year, m, 15);
                    bands.Add(new TimelineBand(day, day, kind, "researcher reflection"));
                }
            }

            timeline.Add(new SiteTimeline(Sites[s], bands));
            var points = Enumerable.Range(0, 7 - s).Select(i => new RunChartPoint(new LocalDate(2012 + s + i, 12, 31), 50 + (10 * ((i + s) % 4)))).ToList();
            charts.Add(new RunChartSeries(Sites[s], "cadence adherence (%)", points));
            comparison.Add(new SiteComparisonRow(Sites[s], 7 - s, 7 - s - pauses, pauses, held, missed, 7 - s));
        }

        return new ProgrammeReportData("Resilient and Accountable Health Systems", timeline, charts, comparison)
        {
            Ledger =
            [
                new LedgerReportRow(Sites[0], new LocalDate(2013, 8, 20), CoProduction.ReadModels.LedgerRecordKind.Insight, "Hospitals rely on user fees", "", ""),
                new LedgerReportRow(Sites[0], new LocalDate(2014, 10, 14), CoProduction.ReadModels.LedgerRecordKind.Engagement, "User-fee findings fed back to county policy-makers", "Insight kilifi-user-fees", ""),
                new LedgerReportRow(Sites[0], new LocalDate(2017, 3, 1), CoProduction.ReadModels.LedgerRecordKind.Impact, "The Facility Improvement Fund Act", "Engagement kilifi-user-fee-feedback", "Instrumental, DistrictOrCounty, Corroborated"),
            ],
            LedgerEffort = [new LedgerEffortRow(Sites[0], 2014, "EngagingHigherLevels", 1, 6, "")],
        };
    }
}
