using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using CoProduction.Reports;
using NodaTime;
using Xunit;

namespace CoProduction.Tests.Reports;

public sealed class ReportRendererTests
{
    private static readonly ReportRenderer Renderer = new(1200, 500);

    [Fact]
    public void Timeline_csv_has_one_line_per_band_and_the_markdown_a_table_row_per_band()
    {
        var data = ReportFixtures.SevenYears();
        var bands = data.Timeline.Sum(r => r.Bands.Count);
        var csv = Renderer.Csv(data, ReportKind.Timeline).TrimEnd('\n').Split('\n');
        Assert.Equal("site,kind,from,to,label", csv[0]);
        Assert.Equal(bands, csv.Length - 1);
        Assert.Equal(data.Timeline.Sum(r => r.Bands.Count(b => b.Kind == TimelineBandKind.MeetingMissed)), csv.Count(l => l.Contains(",meeting missed,", StringComparison.Ordinal)));
        Assert.Contains("Kilifi,pause,2017-12-05,2018-01-20,paused: health workers' strike", csv);

        var md = Renderer.Markdown(data, ReportKind.Timeline).Split('\n');
        Assert.Equal(bands, md.Count(l => l.StartsWith("| ", StringComparison.Ordinal)) - 1);
        Assert.Contains("| Kilifi | pause | 2017-12-05 | 2018-01-20 | paused: health workers' strike |", md);
    }

    [Fact]
    public void Comparison_csv_totals_match_the_data()
    {
        var data = ReportFixtures.SevenYears();
        var rows = Renderer.Csv(data, ReportKind.Comparison).TrimEnd('\n').Split('\n').Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(3, rows.Length);
        Assert.Equal(data.Comparison.Sum(r => r.MeetingsHeld), rows.Sum(r => int.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(data.Comparison.Sum(r => r.Cycles), rows.Sum(r => int.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)));
        var md = Renderer.Markdown(data, ReportKind.Comparison);
        Assert.Contains("|---|---:|", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_chart_csv_has_a_line_per_point_with_the_median_and_the_markdown_states_the_reading()
    {
        var data = ReportFixtures.SevenYears();
        var csv = Renderer.Csv(data, ReportKind.RunChart).TrimEnd('\n').Split('\n');
        Assert.Equal(data.RunCharts.Sum(s => s.Points.Count), csv.Length - 1);
        Assert.Equal("Kilifi,cadence adherence (%),2012-12-31,50,60", csv[1]);
        Assert.Contains("Median 60.", Renderer.Markdown(data, ReportKind.RunChart), StringComparison.Ordinal);
    }

    [Fact]
    public void Timeline_svg_parses_as_xml_and_names_every_site_row()
    {
        var data = ReportFixtures.SevenYears();
        var svg = XDocument.Parse(Renderer.Svg(data, ReportKind.Timeline));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
        foreach (var site in ReportFixtures.Sites)
        {
            Assert.Single(texts, t => t == site);
        }

        Assert.Equal(ReportFixtures.Sites.Length, texts.Count(t => ReportFixtures.Sites.Contains(t)));
    }

    [Fact]
    public void Png_decodes_with_the_expected_size()
    {
        var data = ReportFixtures.SevenYears();
        var png = Renderer.Png(data, ReportKind.Comparison);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4).ToArray());
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((1200, 500), (bitmap.Width, bitmap.Height));
        using var timeline = SkiaSharp.SKBitmap.Decode(Renderer.Png(data, ReportKind.Timeline));
        Assert.Equal(1200, timeline.Width);
        Assert.Equal(140 + (3 * 130), timeline.Height);
    }

    [Fact]
    public void The_ledger_report_lists_every_record_with_what_it_draws_on_and_effort_per_year_in_markdown_and_csv()
    {
        var data = ReportFixtures.SevenYears() with { };
        data = data with
        {
            Ledger =
            [
                new LedgerReportRow("Kilifi", new LocalDate(2013, 8, 20), CoProduction.ReadModels.LedgerRecordKind.Insight, "Hospitals rely on user fees", "", ""),
                new LedgerReportRow("Kilifi", new LocalDate(2014, 10, 14), CoProduction.ReadModels.LedgerRecordKind.Engagement, "Findings fed back, to county policy-makers", "Insight kilifi-user-fees", ""),
                new LedgerReportRow("Kilifi", new LocalDate(2015, 1, 5), CoProduction.ReadModels.LedgerRecordKind.Output, "A withdrawn brief", "", "retracted") { IsRetracted = true },
                new LedgerReportRow("Kilifi", new LocalDate(2017, 3, 1), CoProduction.ReadModels.LedgerRecordKind.Impact, "The Facility Improvement Fund Act", "Engagement kilifi-user-fee-feedback", "Instrumental, DistrictOrCounty, Corroborated"),
            ],
            LedgerEffort = [new LedgerEffortRow("Kilifi", 2014, "EngagingHigherLevels", 1, 22.5m, "45000 KES")],
        };

        var csv = Renderer.Csv(data, ReportKind.Ledger).TrimEnd('\n').Split('\n');
        Assert.Equal(5, csv.Length);
        Assert.Equal("2014-10-14,Kilifi,Engagement,\"Findings fed back, to county policy-makers\",Insight kilifi-user-fees,", csv[2]);
        var md = Renderer.Markdown(data, ReportKind.Ledger);
        Assert.Contains("| 2017-03-01 | Kilifi | Impact | The Facility Improvement Fund Act | Engagement kilifi-user-fee-feedback | Instrumental, DistrictOrCounty, Corroborated |", md, StringComparison.Ordinal);
        Assert.Contains("| Kilifi | 2014 | EngagingHigherLevels | 1 | 22.5 | 45000 KES |", md, StringComparison.Ordinal);
        Assert.Equal("svg", System.Xml.Linq.XDocument.Parse(Renderer.Svg(data, ReportKind.Ledger)).Root!.Name.LocalName);
        Assert.Contains("No effort or cost recorded.", Renderer.Markdown(data with { LedgerEffort = [] }, ReportKind.Ledger), StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_charts_are_one_panel_per_site_and_measure_each_titled_with_its_median_in_svg_and_png_alike()
    {
        var data = ReportFixtures.SevenYears();

        var svg = System.Xml.Linq.XDocument.Parse(Renderer.Svg(data, ReportKind.RunChart));
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        var panels = svg.Root!.Elements(ns + "svg").ToList();
        Assert.Equal(data.RunCharts.Count, panels.Count);
        Assert.Equal(Enumerable.Range(0, panels.Count).Select(i => (i * 260).ToString(System.Globalization.CultureInfo.InvariantCulture)), panels.Select(p => (string?)p.Attribute("y")));
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        foreach (var series in data.RunCharts)
        {
            var median = RunChartReading.Read(series.Points.Select(p => p.Value).ToList()).Median;
            Assert.Single(texts, t => t.Contains($"{series.Site}: {series.Measure}, median {median.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}", StringComparison.Ordinal));
        }

        using var png = SkiaSharp.SKBitmap.Decode(Renderer.Png(data, ReportKind.RunChart));
        Assert.Equal((1200, 260 * data.RunCharts.Count), (png.Width, png.Height));
    }

    [Fact]
    public void Html_page_is_self_contained_with_the_svgs_inline()
    {
        var data = ReportFixtures.SevenYears();
        var html = Renderer.Html(data);
        // The timeline, the comparison, the ledger, and the run charts' outer picture holding one panel per series.
        Assert.Equal(4 + data.RunCharts.Count, html.Split("<svg", StringSplitOptions.None).Length - 1);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("Mitchell&#39;s Plain", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_refused_with_an_argument_exception_and_writes_no_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), "coproduction-reports-" + Guid.NewGuid().ToString("N"));
        var good = ReportFixtures.SevenYears();
        var backwards = good with { Timeline = [new SiteTimeline("Kilifi", [new TimelineBand(new LocalDate(2014, 2, 1), new LocalDate(2014, 1, 1), TimelineBandKind.Stage, "Acting (cycle 2)")])] };
        var error = Assert.Throws<ArgumentException>(() => Renderer.WriteAll(backwards, dir));
        Assert.Contains("ends on 2014-01-01, before it starts on 2014-02-01", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Renderer.WriteAll(good with { Timeline = [] }, dir));
        Assert.Throws<ArgumentException>(() => Renderer.WriteAll(good with { RunCharts = [new RunChartSeries("Kilifi", "x", [])] }, dir));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Write_all_writes_seventeen_files_four_reports_in_four_formats_and_the_page()
    {
        var dir = Path.Combine(Path.GetTempPath(), "coproduction-reports-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = Renderer.WriteAll(ReportFixtures.SevenYears(), dir);
            Assert.Equal(17, paths.Count);
            Assert.Equal(
                ["comparison", "ledger", "programme", "run-chart", "timeline"],
                paths.Select(p => Path.GetFileNameWithoutExtension(p)).Distinct().Order(StringComparer.Ordinal));
            Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 100, p));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
