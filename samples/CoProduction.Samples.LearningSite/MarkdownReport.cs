using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CoProduction.Samples.LearningSites;

/// <summary>Writes a run's outcome as one Markdown document: timeline, blocked moments, reminders, agenda.</summary>
public static class MarkdownReport
{
    /// <summary>Writes the report.</summary>
    /// <param name="result">The run.</param>
    /// <returns>The Markdown text.</returns>
    public static string Write(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("# RESYST learning sites: what happened").AppendLine();
        md.AppendLine(inv, $"{result.CompletedCycles.Count} cycles completed in this run, {result.PausedAndResumed.Count} paused by a shock and resumed; {result.EventCount} events in `{System.IO.Path.GetFileName(result.DatabasePath)}`.").AppendLine();
        md.AppendLine("## Timeline").AppendLine();
        md.AppendLine("| date | site | what |").AppendLine("| --- | --- | --- |");
        foreach (var e in result.Timeline)
        {
            md.AppendLine(inv, $"| {e.On.ToString("yyyy-MM-dd", inv)} | {e.Site} | {Cell(e.What)} |");
        }

        md.AppendLine().AppendLine("## What the team could do, and why not").AppendLine();
        foreach (var m in result.Moments)
        {
            md.AppendLine(inv, $"### {m.Title} ({m.On.ToString("yyyy-MM-dd", inv)}, {m.Cycle}, {m.Stage})").AppendLine();
            foreach (var a in m.Actions)
            {
                md.AppendLine(inv, $"- **{a.Trigger}**: {(a.IsPermitted ? "permitted" : "blocked — " + string.Join(" ", a.Reasons))}");
            }

            md.AppendLine();
        }

        md.AppendLine("## Reminders before the approval lapsed").AppendLine();
        foreach (var r in result.Reminders)
        {
            md.AppendLine(inv, $"- {r.DueOn.ToString("yyyy-MM-dd", inv)}: {r.Text} (`{r.Id}`)");
        }

        md.AppendLine().AppendLine("## Agenda for the coming quarter").AppendLine();
        foreach (var a in result.Agenda)
        {
            md.AppendLine(inv, $"- {a.Start.ToString("yyyy-MM-dd HH:mm x", inv)} {a.Site}: {a.Title}");
        }

        md.AppendLine().AppendLine("## Files").AppendLine();
        md.AppendLine(inv, $"- database: `{result.DatabasePath}`");
        md.AppendLine(inv, $"- calendar: `{result.CalendarPath}`");
        foreach (var d in result.DiagramPaths)
        {
            md.AppendLine(inv, $"- diagram: `{d}`");
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
