using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace CoProduction.Samples.LearningSites;

/// <summary>Prints a run with Spectre.Console: a tree per year, tables for the moments, reminders and agenda.</summary>
/// <remarks>
/// Spectre.Console drops colours and ANSI codes by itself when the output is redirected (CI logs,
/// <c>&gt; file</c>); the width is then fixed so tables do not wrap at 80 columns.
/// </remarks>
public static class ConsoleReport
{
    /// <summary>Creates the console: detected ANSI and colours, a fixed width when redirected.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="redirected">Whether the output is a file or a pipe.</param>
    /// <returns>The console.</returns>
    public static IAnsiConsole Create(TextWriter output, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (redirected)
        {
            // Logs are read in many viewers: a fixed width, and ASCII borders whatever the encoding.
            console.Profile.Width = 150;
            console.Profile.Capabilities.Unicode = false;
        }

        return console;
    }

    /// <summary>Prints the run.</summary>
    /// <param name="console">Where.</param>
    /// <param name="result">The run.</param>
    /// <param name="options">The options it ran with.</param>
    public static void Write(IAnsiConsole console, ScenarioResult result, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var inv = CultureInfo.InvariantCulture;
        var ascii = !console.Profile.Capabilities.Unicode;
        Table NewTable() => ascii ? new Table().Border(TableBorder.Ascii) : new Table();

        console.Write(new Rule("[bold]CoProduction: the RESYST learning sites[/]") { Border = ascii ? BoxBorder.Ascii : BoxBorder.Square }.LeftJustified());
        console.MarkupLine(result.Continued
            ? $"Continuing the stored story (seed {options.Seed}): one more year at Kilifi. Start again with [bold]--fresh[/]."
            : $"The story from 2012 to 2018 on a fake clock (seed {options.Seed}); every step is saved to SQLite.");
        console.WriteLine();

        var tree = new Tree("[bold]Timeline[/]") { Guide = ascii ? TreeGuide.Ascii : TreeGuide.Line };
        foreach (var year in result.Timeline.GroupBy(e => e.On.Year))
        {
            var node = tree.AddNode($"[bold]{year.Key.ToString(inv)}[/]");
            foreach (var e in year)
            {
                node.AddNode($"{e.On.ToString("MM-dd", inv)}  {Markup.Escape(e.Site),-16}  {Style(e.Kind)}{Markup.Escape(e.What)}[/]");
            }
        }

        console.Write(tree);
        console.WriteLine();

        foreach (var moment in result.Moments)
        {
            var table = NewTable().Title($"[bold]{Markup.Escape(moment.Title)}[/]").AddColumn("action").AddColumn("now").AddColumn("why not");
            table.Caption($"{moment.Cycle} in {moment.Stage} on {moment.On.ToString("yyyy-MM-dd", inv)}: cycle.Availability(at, rules)");
            foreach (var action in moment.Actions.Where(a => a.IsPermitted || !OnlyWrongStage(a.Reasons)))
            {
                table.AddRow(
                    action.Trigger.ToString(),
                    action.IsPermitted ? "[green]permitted[/]" : "[red]blocked[/]",
                    Markup.Escape(string.Join(Environment.NewLine, action.Reasons)));
            }

            console.Write(table);
            console.WriteLine();
        }

        if (result.Reminders.Count > 0)
        {
            var reminders = NewTable().Title("[bold]Reminders before KWTRP-2's approval lapsed[/]").AddColumn("due").AddColumn("reminder").AddColumn("id");
            foreach (var r in result.Reminders)
            {
                reminders.AddRow(r.HandedOverOn.ToString("yyyy-MM-dd", inv), Markup.Escape(r.Text), Markup.Escape(r.Id));
            }

            console.Write(reminders);
            console.WriteLine();
        }

        var agenda = NewTable().Title("[bold]Agenda for the coming quarter[/]").AddColumn("when (site's time)").AddColumn("site").AddColumn("meeting");
        foreach (var a in result.Agenda)
        {
            agenda.AddRow(a.Start.ToString("yyyy-MM-dd HH:mm x", inv), Markup.Escape(a.Site), Markup.Escape(a.Title));
        }

        console.Write(agenda);
        console.WriteLine();

        console.MarkupLine(
            $"[bold]{MarkdownReport.Plural(result.CompletedCycles.Count, "cycle")}[/] completed, [bold]{result.PausedAndResumed.Count}[/] paused and resumed, " +
            $"[bold]{result.EventCount}[/] events stored.");
        var files = NewTable().AddColumn("file").AddColumn("where");
        files.AddRow("database (SQLite)", Markup.Escape(result.DatabasePath));
        files.AddRow("calendar (.ics)", Markup.Escape(result.CalendarPath));
        files.AddRow("report (Markdown)", Markup.Escape(result.ReportPath));
        var html = result.ProgrammeReportPaths.FirstOrDefault(p => p.EndsWith(".html", StringComparison.Ordinal));
        if (html is not null)
        {
            files.AddRow("programme reports (HTML page; MD, CSV, SVG, PNG beside it)", Markup.Escape(html));
        }

        foreach (var d in result.DiagramPaths)
        {
            files.AddRow("diagram (Mermaid)", Markup.Escape(d));
        }

        console.Write(files);
        console.MarkupLine("Run again to continue the story by a year, or with [bold]--fresh[/] to start it again.");
    }

    /// <summary>Whether a trigger is blocked only because the stage does not offer it at all (left out of the tables).</summary>
    private static bool OnlyWrongStage(System.Collections.Generic.IReadOnlyList<string> reasons)
        => reasons.Count == 1 && reasons[0].Contains(" is not possible in ", StringComparison.Ordinal);

    private static string Style(TimelineKind kind) => kind switch
    {
        TimelineKind.Blocked => "[red]",
        TimelineKind.Shock => "[yellow]",
        TimelineKind.Ethics => "[blue]",
        TimelineKind.Reminder => "[magenta]",
        TimelineKind.Meeting => "[grey]",
        _ => "[default]",
    };
}
