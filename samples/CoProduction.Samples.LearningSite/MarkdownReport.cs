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
        md.AppendLine(inv, $"{Plural(result.CompletedCycles.Count, "cycle")} completed in this run, {result.PausedAndResumed.Count} paused by a shock and resumed; {result.EventCount} events in `{System.IO.Path.GetFileName(result.DatabasePath)}`.").AppendLine();
        md.AppendLine("## Timeline").AppendLine();
        md.AppendLine("| date | site | what |").AppendLine("| --- | --- | --- |");
        foreach (var e in result.Timeline)
        {
            md.AppendLine(inv, $"| {e.On.ToString("yyyy-MM-dd", inv)} | {e.Site} | {Cell(e.What)} |");
        }

        md.AppendLine().AppendLine("## What the cycles learnt").AppendLine();
        foreach (var site in result.Learnt.GroupBy(l => l.Site))
        {
            md.AppendLine(inv, $"### {site.Key}").AppendLine();
            foreach (var (_, kind, text) in site)
            {
                md.AppendLine(inv, $"- {kind}: {text}");
            }

            md.AppendLine();
        }

        md.AppendLine("## The ledger: insights, engagements, outputs, impacts").AppendLine();
        md.AppendLine("| date | site | record | what |").AppendLine("| --- | --- | --- | --- |");
        foreach (var l in result.Ledger)
        {
            md.AppendLine(inv, $"| {l.On.ToString("yyyy-MM-dd", inv)} | {l.Site} | {l.Kind} | {Cell(l.What)} |");
        }

        md.AppendLine().AppendLine("## What the team could do, and why not").AppendLine();
        foreach (var m in result.Moments)
        {
            md.AppendLine(inv, $"### {m.Title} ({m.On.ToString("yyyy-MM-dd", inv)}, {m.Cycle}, {m.Stage})").AppendLine();
            // What is possible, then what a guard or a rule blocks and why; a trigger the stage does not offer at all is left out.
            md.AppendLine(inv, $"- possible: {string.Join(", ", m.Actions.Where(a => a.IsPermitted).Select(a => a.Trigger))}");
            foreach (var a in m.Actions.Where(a => a.Refusal is { Kind: not RefusalKind.NotPossibleInState }))
            {
                md.AppendLine(inv, $"- **{a.Trigger}** blocked: {string.Join(" ", a.Reasons)}");
            }

            md.AppendLine();
        }

        md.AppendLine("## Reminders before the approval lapsed").AppendLine();
        foreach (var r in result.Reminders)
        {
            md.AppendLine(inv, $"- {r.HandedOverOn.ToString("yyyy-MM-dd", inv)}: {r.Text} (`{r.Id}`)");
        }

        md.AppendLine().AppendLine("## Agenda for the coming quarter").AppendLine();
        foreach (var a in result.Agenda)
        {
            md.AppendLine(inv, $"- {a.Start.ToString("yyyy-MM-dd HH:mm x", inv)} {a.Site}: {a.Title}");
        }

        md.AppendLine().AppendLine("## Files").AppendLine();
        md.AppendLine(inv, $"- database: `{result.DatabasePath}`");
        md.AppendLine(inv, $"- calendar: `{result.CalendarPath}`");
        foreach (var p in result.ProgrammeReportPaths)
        {
            md.AppendLine(inv, $"- programme report: `{p}`");
        }

        foreach (var d in result.DiagramPaths)
        {
            md.AppendLine(inv, $"- diagram: `{d}`");
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>A count with its noun, singular for one: <c>1 cycle</c>, <c>16 cycles</c>.</summary>
    internal static string Plural(int count, string noun)
        => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");
}
