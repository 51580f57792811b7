using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Calendar;
using CoProduction.Cycles;
using CoProduction.Projections;
using CoProduction.Reports;
using CoProduction.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <content>What the run leaves behind: the calendar, the report and the diagrams, next to the database.</content>
public sealed partial class LearningSiteScenario
{
    /// <summary>The folder, inside the output folder, that holds the state diagrams.</summary>
    public const string DiagramFolder = "diagrams";

    /// <summary>The folder, inside the output folder, that holds the programme reports.</summary>
    public const string ReportFolder = "reports";

    private readonly List<ReminderLine> _reminders = [];

    private async Task<ScenarioResult> FinishAsync(bool continued, CancellationToken ct)
    {
        var eventCount = 0L;
        var position = 0L;
        while (true)
        {
            var page = await _store.ReadAllAsync(position, 1000, ct).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            eventCount += page.Count;
            position = page[^1].Position;
        }

        var agenda = Agenda();
        var calendarPath = Path.Combine(_options.OutputDirectory, "learning-site.ics");
        await File.WriteAllTextAsync(calendarPath, Calendar(), ct).ConfigureAwait(false);

        var diagrams = new List<string>();
        Directory.CreateDirectory(Path.Combine(_options.OutputDirectory, DiagramFolder));
        foreach (var (name, text) in Diagrams())
        {
            var path = Path.Combine(_options.OutputDirectory, DiagramFolder, name + ".mmd");
            await File.WriteAllTextAsync(path, text, ct).ConfigureAwait(false);
            diagrams.Add(path);
        }

        // The programme reports, from the read models over everything stored (every run's years, not this run's alone).
        await _services.GetRequiredService<ProjectionRunner>().CatchUpAsync(ct).ConfigureAwait(false);
        ProgrammeReportData programme;
        await using (var scope = _services.CreateAsyncScope())
        {
            var today = Now.InZone(ZoneOf(Cast.Kilifi)).Date;
            programme = await scope.ServiceProvider.GetRequiredService<IProgrammeReports>()
                .BuildAsync(new ProgrammeReportScope("RESYST learning sites", new LocalDate(2012, 1, 1), today), ct).ConfigureAwait(false);
        }

        var reports = _services.GetRequiredService<ReportRenderer>().WriteAll(programme, Path.Combine(_options.OutputDirectory, ReportFolder));

        var result = new ScenarioResult
        {
            ProgrammeReportPaths = reports,
            Ledger = _ledger,
            Learnt = _learnt,
            ProgrammeReport = programme,
            OutputDirectory = _options.OutputDirectory,
            DatabasePath = DatabasePath,
            CalendarPath = calendarPath,
            ReportPath = Path.Combine(_options.OutputDirectory, "learning-site-report.md"),
            DiagramPaths = diagrams,
            Continued = continued,
            Timeline = [.. _timeline.OrderBy(e => e.On)],
            Moments = _moments,
            BlockedBeforeAmendmentReasons = _blockedBeforeAmendment,
            PermittedAfterAmendment = _permittedAfterAmendment,
            PausedAndResumed = _pausedAndResumed,
            CompletedCycles = _completed,
            Reminders = _reminders,
            Agenda = agenda,
            EventCount = eventCount,
            EndedAt = Now,
        };
        await File.WriteAllTextAsync(result.ReportPath, MarkdownReport.Write(result), ct).ConfigureAwait(false);
        return result;
    }

    private static IEnumerable<(string Name, string Text)> Diagrams()
    {
        yield return ("cycle", Cycle.MachineDiagramMermaid());
        yield return ("protocol", Protocols.Protocol.MachineDiagramMermaid());
        yield return ("amendment", Protocols.Amendment.MachineDiagramMermaid());
        yield return ("meeting-occurrence", MeetingSeries.OccurrenceDiagramMermaid());
    }

    /// <summary>One calendar: every meeting series (with moves and cancellations) and every approval's end with its reminders as alarms.</summary>
    private string Calendar()
    {
        var exporter = new IcsExporter(_clock, "learning-sites.example.org");
        var calendar = exporter.MeetingsCalendar(Meetings, _sites.ToDictionary(s => s.Key, s => s.Value.State.Name));
        var approvals = exporter.ApprovalsCalendar(ApprovalWindows());
        foreach (var zone in approvals.TimeZones)
        {
            if (!calendar.TimeZones.Any(z => z.TzId == zone.TzId))
            {
                calendar.AddTimeZone(zone);
            }
        }

        calendar.Events.AddRange(approvals.Events);
        calendar.Todos.AddRange(approvals.Todos);
        return IcsExporter.Serialize(calendar);
    }
}
