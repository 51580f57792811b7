using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using CoProduction.Cycles;
using CoProduction.ReadModels;
using NodaTime;
using NodaTime.Text;
using ScottPlot;

namespace CoProduction.Reports;

/// <summary>The three reports of a programme.</summary>
public enum ReportKind
{
    /// <summary>Per site a row: cycle stages, pauses, approvals, meetings held and missed.</summary>
    Timeline,
    /// <summary>Run charts with the median line and the run-chart reading.</summary>
    RunChart,
    /// <summary>The cross-site comparison table and chart.</summary>
    Comparison,
    /// <summary>The co-production ledger: insights, engagements, outputs and impacts with what each draws on, effort and cost per year, and a chart of the records per site.</summary>
    Ledger,
}

/// <summary>
/// Draws a programme's reports from plain data records (no store needed): Markdown, CSV, SVG and PNG per
/// report (timeline, run charts, comparison, ledger), and one self-contained HTML page with the SVGs inline.
/// </summary>
/// <remarks>
/// Charts are drawn with ScottPlot 5, headless, with SkiaSharp. Numbers and dates are written with the
/// invariant culture and ISO patterns; nothing reads the machine's clock, zone or culture.
/// </remarks>
public sealed class ReportRenderer
{
    /// <summary>The height of one run-chart panel, in pixels.</summary>
    private const int PanelHeight = 260;

    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    /// <summary>Creates a renderer drawing pictures of the given size.</summary>
    /// <param name="width">Picture width in pixels, 320 to 8000.</param>
    /// <param name="height">Base picture height in pixels, 200 to 8000 (the timeline grows with its rows).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size outside its range.</exception>
    public ReportRenderer(int width = 1200, int height = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 320);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 8000);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 8000);
        Width = width;
        Height = height;
    }

    /// <summary>The picture width in pixels.</summary>
    public int Width { get; }

    /// <summary>The base picture height in pixels.</summary>
    public int Height { get; }

    /// <summary>Checks the data a report draws, throwing a clear exception for what is wrong.</summary>
    /// <param name="data">The programme's data.</param>
    /// <exception cref="ArgumentException">No sites, an empty name, a band ending before it starts, an empty or unordered run chart, a negative count.</exception>
    public static void Validate(ProgrammeReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (string.IsNullOrWhiteSpace(data.Programme))
        {
            throw new ArgumentException("The programme needs a name for the report titles.", nameof(data));
        }

        if (data.Timeline is null || data.Timeline.Count == 0)
        {
            throw new ArgumentException($"Programme '{data.Programme}' has no site rows; a timeline needs at least one site.", nameof(data));
        }

        foreach (var row in data.Timeline)
        {
            if (string.IsNullOrWhiteSpace(row.Site))
            {
                throw new ArgumentException("A timeline row has no site name.", nameof(data));
            }

            foreach (var band in row.Bands)
            {
                if (band.End < band.Start)
                {
                    throw new ArgumentException($"Band '{band.Label}' at {row.Site} ends on {Iso.Format(band.End)}, before it starts on {Iso.Format(band.Start)}.", nameof(data));
                }
            }
        }

        foreach (var series in data.RunCharts ?? [])
        {
            if (series.Points.Count == 0)
            {
                throw new ArgumentException($"Run chart '{series.Measure}' at {series.Site} has no points.", nameof(data));
            }

            for (var i = 1; i < series.Points.Count; i++)
            {
                if (series.Points[i].Date < series.Points[i - 1].Date)
                {
                    throw new ArgumentException($"Run chart '{series.Measure}' at {series.Site}: point {i + 1} ({Iso.Format(series.Points[i].Date)}) comes before point {i} ({Iso.Format(series.Points[i - 1].Date)}); points must be in date order.", nameof(data));
                }
            }

            if (series.Points.Any(p => !double.IsFinite(p.Value)))
            {
                throw new ArgumentException($"Run chart '{series.Measure}' at {series.Site} has a value that is not a finite number.", nameof(data));
            }
        }

        foreach (var row in data.Comparison ?? [])
        {
            if (row.Cycles < 0 || row.CyclesCompleted < 0 || row.Pauses < 0 || row.MeetingsHeld < 0 || row.MeetingsMissed < 0 || row.ProtocolVersions < 0)
            {
                throw new ArgumentException($"Comparison row for {row.Site} has a negative count.", nameof(data));
            }
        }
    }

    /// <summary>The report as a Markdown document (tables, and the run-chart reading in words).</summary>
    /// <param name="data">The programme's data.</param>
    /// <param name="kind">Which report.</param>
    /// <returns>Markdown text.</returns>
    public string Markdown(ProgrammeReportData data, ReportKind kind)
    {
        Validate(data);
        var md = new StringBuilder();
        switch (kind)
        {
            case ReportKind.Timeline:
                md.Append("# ").Append(data.Programme).Append(" — programme timeline\n\n");
                md.Append("| site | kind | from | to | what |\n|---|---|---|---|---|\n");
                foreach (var (site, band) in Bands(data))
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {Cell(site)} | {KindWord(band.Kind)} | {Iso.Format(band.Start)} | {Iso.Format(band.End)} | {Cell(band.Label)} |\n");
                }

                break;
            case ReportKind.RunChart:
                md.Append("# ").Append(data.Programme).Append(" — run charts\n\n");
                foreach (var series in data.RunCharts)
                {
                    var reading = RunChartReading.Read(series.Points.Select(p => p.Value).ToArray());
                    md.Append("## ").Append(series.Site).Append(": ").Append(series.Measure).Append("\n\n");
                    md.Append(reading.Describe()).Append("\n\n");
                    md.Append("| date | value |\n|---|---:|\n");
                    foreach (var p in series.Points)
                    {
                        md.Append(CultureInfo.InvariantCulture, $"| {Iso.Format(p.Date)} | {p.Value:0.#} |\n");
                    }

                    md.Append('\n');
                }

                break;
            case ReportKind.Ledger:
                md.Append("# ").Append(data.Programme).Append(" — the co-production ledger\n\n");
                md.Append("| date | site | record | what | draws on | status |\n|---|---|---|---|---|---|\n");
                foreach (var r in data.Ledger)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {Iso.Format(r.On)} | {Cell(r.Site)} | {r.Record} | {Cell(r.Title)} | {Cell(r.DrawsOn)} | {Cell(r.Status)} |\n");
                }

                md.Append("\n## Effort and cost per year\n\n");
                if (data.LedgerEffort.Count == 0)
                {
                    md.Append("No effort or cost recorded.\n");
                }
                else
                {
                    md.Append("| site | year | engagement kind | engagements | person-hours | costs |\n|---|---:|---|---:|---:|---|\n");
                    foreach (var e in data.LedgerEffort)
                    {
                        md.Append(CultureInfo.InvariantCulture, $"| {Cell(e.Site)} | {e.Year} | {e.EngagementKind} | {e.Engagements} | {e.PersonHours:0.#} | {(e.Costs.Length == 0 ? "—" : Cell(e.Costs))} |\n");
                    }
                }

                break;
            default:
                md.Append("# ").Append(data.Programme).Append(" — cross-site comparison\n\n");
                md.Append("| site | cycles | completed | pauses | meetings held | meetings missed | adherence % | protocol versions |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
                foreach (var r in data.Comparison)
                {
                    md.Append(CultureInfo.InvariantCulture, $"| {Cell(r.Site)} | {r.Cycles} | {r.CyclesCompleted} | {r.Pauses} | {r.MeetingsHeld} | {r.MeetingsMissed} | {r.AdherencePercent:0.0} | {r.ProtocolVersions} |\n");
                }

                break;
        }

        return md.ToString();
    }

    /// <summary>The report's data as CSV (RFC 4180 quoting, a header row, invariant culture).</summary>
    /// <param name="data">The programme's data.</param>
    /// <param name="kind">Which report.</param>
    /// <returns>CSV text, one line per band, point or site.</returns>
    public string Csv(ProgrammeReportData data, ReportKind kind)
    {
        Validate(data);
        var csv = new StringBuilder();
        switch (kind)
        {
            case ReportKind.Timeline:
                csv.Append("site,kind,from,to,label\n");
                foreach (var (site, band) in Bands(data))
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{Quote(site)},{KindWord(band.Kind)},{Iso.Format(band.Start)},{Iso.Format(band.End)},{Quote(band.Label)}\n");
                }

                break;
            case ReportKind.RunChart:
                csv.Append("site,measure,date,value,median\n");
                foreach (var series in data.RunCharts)
                {
                    var median = RunChartReading.Read(series.Points.Select(p => p.Value).ToArray()).Median;
                    foreach (var p in series.Points)
                    {
                        csv.Append(CultureInfo.InvariantCulture, $"{Quote(series.Site)},{Quote(series.Measure)},{Iso.Format(p.Date)},{p.Value.ToString("0.###", CultureInfo.InvariantCulture)},{median.ToString("0.###", CultureInfo.InvariantCulture)}\n");
                    }
                }

                break;
            case ReportKind.Ledger:
                csv.Append("date,site,record,what,draws_on,status\n");
                foreach (var r in data.Ledger)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{Iso.Format(r.On)},{Quote(r.Site)},{r.Record},{Quote(r.Title)},{Quote(r.DrawsOn)},{Quote(r.Status)}\n");
                }

                break;
            default:
                csv.Append("site,cycles,cycles_completed,pauses,meetings_held,meetings_missed,adherence_percent,protocol_versions\n");
                foreach (var r in data.Comparison)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{Quote(r.Site)},{r.Cycles},{r.CyclesCompleted},{r.Pauses},{r.MeetingsHeld},{r.MeetingsMissed},{r.AdherencePercent.ToString("0.0", CultureInfo.InvariantCulture)},{r.ProtocolVersions}\n");
                }

                break;
        }

        return csv.ToString();
    }

    /// <summary>The report's chart as SVG text.</summary>
    /// <param name="data">The programme's data.</param>
    /// <param name="kind">Which report.</param>
    /// <returns>An SVG document.</returns>
    public string Svg(ProgrammeReportData data, ReportKind kind)
    {
        var panels = Charts(data, kind);
        if (panels.Count == 1)
        {
            return panels[0].Plot.GetSvgXml(Width, panels[0].Height);
        }

        // One panel under the other: each panel's own <svg>, placed at its offset inside one outer <svg>.
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{panels.Sum(p => p.Height)}\">");
        var y = 0;
        foreach (var (plot, height) in panels)
        {
            var panel = StripXmlDeclaration(plot.GetSvgXml(Width, height));
            svg.Append(CultureInfo.InvariantCulture, $"<svg x=\"0\" y=\"{y}\"").Append(panel.AsSpan(panel.IndexOf("<svg", StringComparison.Ordinal) + 4));
            y += height;
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>The report's chart as a PNG image.</summary>
    /// <param name="data">The programme's data.</param>
    /// <param name="kind">Which report.</param>
    /// <returns>The PNG bytes.</returns>
    public byte[] Png(ProgrammeReportData data, ReportKind kind)
    {
        var panels = Charts(data, kind);
        if (panels.Count == 1)
        {
            return panels[0].Plot.GetImageBytes(Width, panels[0].Height, ImageFormat.Png);
        }

        // One panel under the other: each drawn on its own surface (a plot clears the whole canvas it draws on), then placed
        // on the one canvas as an image, with no PNG encoded and decoded in between.
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(Width, panels.Sum(p => p.Height)));
        surface.Canvas.Clear(SkiaSharp.SKColors.White);
        var y = 0;
        foreach (var (plot, height) in panels)
        {
            using var panel = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(Width, height));
            plot.Render(panel);
            using var drawn = panel.Snapshot();
            surface.Canvas.DrawImage(drawn, 0, y);
            y += height;
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>One self-contained HTML page with every report: the SVGs inline, tables, the run-chart reading; no external assets.</summary>
    /// <param name="data">The programme's data.</param>
    /// <returns>HTML text.</returns>
    public string Html(ProgrammeReportData data)
    {
        Validate(data);
        var html = new StringBuilder();
        var title = WebUtility.HtmlEncode(data.Programme);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(title).Append(" — reports</title>\n");
        html.Append("<style>body{font-family:sans-serif;margin:2em;max-width:1250px}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:2px 8px}td.n{text-align:right}svg{max-width:100%;height:auto}</style></head><body>\n");
        html.Append("<h1>").Append(title).Append("</h1>\n<h2>Programme timeline</h2>\n").Append(StripXmlDeclaration(Svg(data, ReportKind.Timeline))).Append('\n');
        html.Append("<h2>Run charts</h2>\n").Append(StripXmlDeclaration(Svg(data, ReportKind.RunChart))).Append('\n');
        foreach (var series in data.RunCharts)
        {
            var reading = RunChartReading.Read(series.Points.Select(p => p.Value).ToArray());
            html.Append("<p><b>").Append(WebUtility.HtmlEncode(series.Site)).Append(", ").Append(WebUtility.HtmlEncode(series.Measure)).Append(":</b> ").Append(WebUtility.HtmlEncode(reading.Describe())).Append("</p>\n");
        }

        html.Append("<h2>Cross-site comparison</h2>\n<table><tr><th>site</th><th>cycles</th><th>completed</th><th>pauses</th><th>meetings held</th><th>meetings missed</th><th>adherence %</th><th>protocol versions</th></tr>\n");
        foreach (var r in data.Comparison)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(r.Site)}</td><td class=n>{r.Cycles}</td><td class=n>{r.CyclesCompleted}</td><td class=n>{r.Pauses}</td><td class=n>{r.MeetingsHeld}</td><td class=n>{r.MeetingsMissed}</td><td class=n>{r.AdherencePercent:0.0}</td><td class=n>{r.ProtocolVersions}</td></tr>\n");
        }

        html.Append("</table>\n").Append(StripXmlDeclaration(Svg(data, ReportKind.Comparison))).Append('\n');
        html.Append("<h2>The co-production ledger</h2>\n").Append(StripXmlDeclaration(Svg(data, ReportKind.Ledger)));
        html.Append("\n<table><tr><th>date</th><th>site</th><th>record</th><th>what</th><th>draws on</th><th>status</th></tr>\n");
        foreach (var r in data.Ledger)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Iso.Format(r.On)}</td><td>{WebUtility.HtmlEncode(r.Site)}</td><td>{r.Record}</td><td>{WebUtility.HtmlEncode(r.Title)}</td><td>{WebUtility.HtmlEncode(r.DrawsOn)}</td><td>{WebUtility.HtmlEncode(r.Status)}</td></tr>\n");
        }

        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// Writes every report into <paramref name="directory"/>: <c>timeline</c>, <c>run-chart</c> and
    /// <c>comparison</c> as .md, .csv, .svg and .png, and <c>programme.html</c>. The data is checked first;
    /// bad data writes no file.
    /// </summary>
    /// <param name="data">The programme's data.</param>
    /// <param name="directory">The folder; created when missing.</param>
    /// <returns>The paths written.</returns>
    /// <exception cref="ArgumentException">The data is not drawable (see <see cref="Validate"/>), or no folder was named.</exception>
    public IReadOnlyList<string> WriteAll(ProgrammeReportData data, string directory)
    {
        Validate(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var files = new List<(string Name, object Content)>();
        foreach (var (kind, name) in new[] { (ReportKind.Timeline, "timeline"), (ReportKind.RunChart, "run-chart"), (ReportKind.Comparison, "comparison"), (ReportKind.Ledger, "ledger") })
        {
            files.Add((name + ".md", Markdown(data, kind)));
            files.Add((name + ".csv", Csv(data, kind)));
            files.Add((name + ".svg", Svg(data, kind)));
            files.Add((name + ".png", Png(data, kind)));
        }

        files.Add(("programme.html", Html(data)));
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(directory, name);
            if (content is byte[] bytes)
            {
                File.WriteAllBytes(path, bytes);
            }
            else
            {
                File.WriteAllText(path, (string)content, new UTF8Encoding(false));
            }

            paths.Add(path);
        }

        return paths;
    }

    /// <summary>The report's chart as panels drawn one under the other, each with its height; one panel for every report but the run charts.</summary>
    private List<(Plot Plot, int Height)> Charts(ProgrammeReportData data, ReportKind kind)
    {
        Validate(data);
        return kind switch
        {
            ReportKind.Timeline => [TimelineChart(data)],
            ReportKind.RunChart => RunChartPanels(data),
            ReportKind.Ledger => [(LedgerChart(data), Height)],
            _ => [(ComparisonChart(data), Height)],
        };
    }

    private (Plot, int) TimelineChart(ProgrammeReportData data)
    {
        var plot = NewPlot(data.Programme + " — programme timeline");
        // Each site takes one row with three lanes: approvals (top), cycle stages and pauses (middle), meetings (bottom).
        var rows = data.Timeline.Count;
        var ticks = new List<Tick>();
        for (var r = 0; r < rows; r++)
        {
            var row = data.Timeline[r];
            double y = rows - 1 - r;
            ticks.Add(new Tick(y, row.Site));
            var approvals = row.Bands.Where(b => b.Kind == TimelineBandKind.Approval).OrderBy(b => b.Start).ToList();
            for (var i = 0; i < approvals.Count; i++)
            {
                var band = approvals[i];
                var lane = i % 2 == 0 ? 0.28 : 0.38;
                AddBand(plot, band, y + lane - 0.05, y + lane + 0.05, i % 2 == 0 ? Colors.SteelBlue : Colors.LightSteelBlue);
            }

            foreach (var band in row.Bands.Where(b => b.Kind is TimelineBandKind.Stage or TimelineBandKind.Pause))
            {
                AddBand(plot, band, y - 0.15, y + 0.15, band.Kind == TimelineBandKind.Pause ? Colors.Crimson : StageColour(band.Stage));
            }

            var held = row.Bands.Where(b => b.Kind == TimelineBandKind.MeetingHeld).ToList();
            var missed = row.Bands.Where(b => b.Kind == TimelineBandKind.MeetingMissed).ToList();
            AddMarkers(plot, held, y - 0.3, Colors.ForestGreen, MarkerShape.FilledCircle);
            AddMarkers(plot, missed, y - 0.3, Colors.Black, MarkerShape.Eks);
        }

        var bands = data.Timeline.SelectMany(r => r.Bands).ToList();
        if (bands.Count > 0)
        {
            DateTicks(plot, bands.Min(b => b.Start), bands.Max(b => b.End));
        }
        else
        {
            plot.Axes.DateTimeTicksBottom();
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(-0.6, rows - 0.4);
        Legend(plot, [("Plan", StageColour(CycleStage.Planning)), ("Act", StageColour(CycleStage.Acting)), ("Reflect", StageColour(CycleStage.Reflecting)), ("Evaluate", StageColour(CycleStage.Evaluating)), ("Revise", StageColour(CycleStage.Revising)), ("Paused (shock)", Colors.Crimson), ("Approval period", Colors.SteelBlue)]);
        var marker = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.FilledCircle, 8, Colors.ForestGreen);
        marker.LegendText = "Meeting held";
        var missedMarker = plot.Add.Marker(double.NaN, double.NaN, MarkerShape.Eks, 8, Colors.Black);
        missedMarker.LegendText = "Meeting missed";
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.Alignment = Alignment.UpperCenter;
        plot.ShowLegend(Edge.Bottom);
        return (plot, Math.Max(Height, 140 + (rows * 130)));
    }

    /// <summary>One run chart per site and measure, each with its own value axis and the same dates: points in date order, the median dashed, and the points of a shift or a trend marked.</summary>
    private List<(Plot, int)> RunChartPanels(ProgrammeReportData data)
    {
        if (data.RunCharts.Count == 0)
        {
            var empty = NewPlot(data.Programme + " — run charts: no meeting decided and no cycle completed yet");
            return [(empty, PanelHeight)];
        }

        var first = data.RunCharts.Min(s => s.Points[0].Date);
        var last = data.RunCharts.Max(s => s.Points[^1].Date);
        var panels = new List<(Plot, int)>();
        foreach (var series in data.RunCharts)
        {
            var xs = series.Points.Select(p => ToX(p.Date)).ToArray();
            var ys = series.Points.Select(p => p.Value).ToArray();
            var reading = RunChartReading.Read(ys);
            var plot = NewPlot(string.Create(CultureInfo.InvariantCulture, $"{data.Programme} — {series.Site}: {series.Measure}, median {reading.Median:0.#} (dashed)"));
            var line = plot.Add.Scatter(xs, ys, Colors.SteelBlue);
            line.MarkerSize = 6;
            var median = plot.Add.Line(ToX(first), reading.Median, ToX(last), reading.Median);
            median.Color = Colors.Gray;
            median.LinePattern = LinePattern.Dashed;
            median.LineWidth = 1.5f;
            var signals = reading.Shifts.Select(s => (s, "shift")).Concat(reading.Trends.Select(t => (t, "trend"))).ToList();
            foreach (var (signal, word) in signals)
            {
                var marked = plot.Add.Markers(xs[signal.Start..(signal.Start + signal.Length)], ys[signal.Start..(signal.Start + signal.Length)], MarkerShape.OpenCircle, 12, word == "shift" ? Colors.DarkOrange : Colors.Crimson);
                marked.LegendText = word == "shift" ? "shift (6+ on one side)" : "trend (5+ rising or falling)";
            }

            DateTicks(plot, first, last);
            plot.Layout.Fixed(new PixelPadding(60, 20, 40, 40));   // the same data area in every panel, so the dates line up
            plot.Axes.SetLimitsX(ToX(first.PlusDays(-15)), ToX(last.PlusDays(15)));
            if (series.Measure.EndsWith("(%)", StringComparison.Ordinal))
            {
                plot.Axes.SetLimitsY(0, 105);   // a percentage reads against its whole range
            }

            if (signals.Count > 0)
            {
                plot.Legend.Alignment = Alignment.LowerRight;
                plot.ShowLegend();
            }
            panels.Add((plot, PanelHeight));
        }

        return panels;
    }

    /// <summary>
    /// Date ticks at whole calendar steps, labelled in ISO words whatever the machine's culture: every year over a long
    /// span, every month or quarter over a shorter one, every week or day over weeks.
    /// </summary>
    private static void DateTicks(Plot plot, LocalDate first, LocalDate last)
    {
        var days = Period.DaysBetween(first, last);
        var ticks = new List<Tick>();
        if (days > 3 * 365)
        {
            for (var year = first.Year; year <= last.Year + 1; year++)
            {
                ticks.Add(new Tick(ToX(new LocalDate(year, 1, 1)), year.ToString(CultureInfo.InvariantCulture)));
            }
        }
        else if (days > 120)
        {
            var months = days > 730 ? 6 : days > 365 ? 3 : 1;
            for (var month = new LocalDate(first.Year, first.Month, 1); month <= last.PlusMonths(1); month = month.PlusMonths(months))
            {
                ticks.Add(new Tick(ToX(month), month.ToString("uuuu-MM", CultureInfo.InvariantCulture)));
            }
        }
        else
        {
            var step = days > 28 ? 7 : 1;
            for (var day = first; day <= last.PlusDays(step); day = day.PlusDays(step))
            {
                ticks.Add(new Tick(ToX(day), day.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture)));
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
    }

    private Plot ComparisonChart(ProgrammeReportData data)
    {
        var plot = NewPlot(data.Programme + " — cross-site comparison");
        var measures = new (string Name, Func<SiteComparisonRow, double> Value, Color Colour)[]
        {
            ("cycles", r => r.Cycles, Colors.SteelBlue),
            ("completed", r => r.CyclesCompleted, Colors.ForestGreen),
            ("pauses", r => r.Pauses, Colors.Crimson),
            ("meetings missed", r => r.MeetingsMissed, Colors.DarkOrange),
            ("protocol versions", r => r.ProtocolVersions, Colors.SlateGray),
        };
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var s = 0; s < data.Comparison.Count; s++)
        {
            var row = data.Comparison[s];
            var baseX = s * (measures.Length + 1);
            ticks.Add(new Tick(baseX + ((measures.Length - 1) / 2.0), row.Site));
            for (var m = 0; m < measures.Length; m++)
            {
                var value = measures[m].Value(row);
                bars.Add(new Bar { Position = baseX + m, Value = value, FillColor = measures[m].Colour, Label = value.ToString(CultureInfo.InvariantCulture) });
            }
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };   // counts: no 0.5 steps
        Legend(plot, measures.Select(m => (m.Name, m.Colour)).ToArray());
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Per site, the ledger's records still standing by kind: insights, engagements, outputs, impacts (retracted ones left out).</summary>
    private Plot LedgerChart(ProgrammeReportData data)
    {
        var plot = NewPlot(data.Programme + " — the co-production ledger");
        var kinds = new (LedgerRecordKind Kind, Color Colour)[]
        {
            (LedgerRecordKind.Insight, Colors.SteelBlue), (LedgerRecordKind.Engagement, Colors.DarkOrange), (LedgerRecordKind.Output, Colors.ForestGreen), (LedgerRecordKind.Impact, Colors.Crimson),
        };
        var sites = data.Timeline.Select(r => r.Site).ToList();
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var s = 0; s < sites.Count; s++)
        {
            var baseX = s * (kinds.Length + 1);
            ticks.Add(new Tick(baseX + ((kinds.Length - 1) / 2.0), sites[s]));
            for (var k = 0; k < kinds.Length; k++)
            {
                var count = data.Ledger.Count(r => r.Site == sites[s] && r.Record == kinds[k].Kind && !r.IsRetracted);
                bars.Add(new Bar { Position = baseX + k, Value = count, FillColor = kinds[k].Colour, Label = count.ToString(CultureInfo.InvariantCulture) });
            }
        }

        plot.Add.Bars(bars).ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        Legend(plot, kinds.Select(k => (k.Kind + "s", k.Colour)).ToArray());
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        // A font present on a headless Linux box (the CI installs DejaVu when missing); Skia falls back otherwise.
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        return plot;
    }

    private static void Legend(Plot plot, (string Name, Color Colour)[] items)
    {
        foreach (var (name, colour) in items)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = colour, LineColor = colour });
        }
    }

    private static void AddBand(Plot plot, TimelineBand band, double bottom, double top, Color colour)
    {
        var rect = plot.Add.Rectangle(ToX(band.Start), ToX(band.End.PlusDays(1)), bottom, top);
        rect.FillColor = colour;
        rect.LineColor = Colors.White;
        rect.LineWidth = 0.5f;
    }

    private static void AddMarkers(Plot plot, List<TimelineBand> meetings, double y, Color colour, MarkerShape shape)
    {
        if (meetings.Count == 0)
        {
            return;
        }

        var markers = plot.Add.Markers(meetings.Select(m => ToX(m.Start)).ToArray(), meetings.Select(_ => y).ToArray(), shape, 6, colour);
        markers.LegendText = string.Empty;
    }

    private static Color StageColour(CycleStage? stage) => stage switch
    {
        CycleStage.Planning => Color.FromHex("#9ecae1"),
        CycleStage.Acting => Color.FromHex("#3182bd"),
        CycleStage.Reflecting => Color.FromHex("#fdae6b"),
        CycleStage.Evaluating => Color.FromHex("#e6550d"),
        CycleStage.Revising => Color.FromHex("#31a354"),
        _ => Colors.Gray,
    };

    private static double ToX(LocalDate date) => date.ToDateTimeUnspecified().ToOADate();

    private static IEnumerable<(string Site, TimelineBand Band)> Bands(ProgrammeReportData data) =>
        data.Timeline.SelectMany(row => row.Bands.OrderBy(b => b.Start).ThenBy(b => b.Kind).Select(b => (row.Site, b)));

    private static string KindWord(TimelineBandKind kind) => kind switch
    {
        TimelineBandKind.Stage => "stage",
        TimelineBandKind.Pause => "pause",
        TimelineBandKind.Approval => "approval",
        TimelineBandKind.MeetingHeld => "meeting held",
        _ => "meeting missed",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static string StripXmlDeclaration(string svg) =>
        svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;
}
