using System.Collections.Generic;
using CoProduction.Cycles;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <summary>What happened in a run of the scenario, for the console, the report and the tests.</summary>
public sealed record ScenarioResult
{
    /// <summary>Gets the folder holding the database and the files.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Gets the SQLite database's path.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Gets the iCalendar file's path.</summary>
    public required string CalendarPath { get; init; }

    /// <summary>Gets the Markdown report's path.</summary>
    public required string ReportPath { get; init; }

    /// <summary>Gets the programme reports' paths (timeline, run charts, comparison as Markdown, CSV, SVG and PNG, and one HTML page), drawn from the read models over the whole stored history.</summary>
    public required IReadOnlyList<string> ProgrammeReportPaths { get; init; }

    /// <summary>Gets the programme report's data, as the read models gave it.</summary>
    public required CoProduction.Reports.ProgrammeReportData ProgrammeReport { get; init; }

    /// <summary>Gets the ledger's records as the story made them: insights, engagements, outputs and impacts.</summary>
    public required IReadOnlyList<LedgerLine> Ledger { get; init; }

    /// <summary>Gets the completed cycles' insights (from their reflections) and lessons (from their revisions), by site.</summary>
    public required IReadOnlyList<(string Site, string Kind, string Text)> Learnt { get; init; }

    /// <summary>Gets the Mermaid diagrams' paths.</summary>
    public required IReadOnlyList<string> DiagramPaths { get; init; }

    /// <summary>Gets whether this run continued a stored history instead of starting the story.</summary>
    public required bool Continued { get; init; }

    /// <summary>Gets what happened, in order.</summary>
    public required IReadOnlyList<TimelineEntry> Timeline { get; init; }

    /// <summary>Gets the moments at which the permitted actions were captured.</summary>
    public required IReadOnlyList<AvailabilityMoment> Moments { get; init; }

    /// <summary>Gets why acting on Kilifi's 2016 plan (interviews with facility managers) was refused before the amendment (empty when it never was).</summary>
    public required IReadOnlyList<string> BlockedBeforeAmendmentReasons { get; init; }

    /// <summary>Gets whether acting on Kilifi's 2016 plan was permitted once the amendment was approved.</summary>
    public required bool PermittedAfterAmendment { get; init; }

    /// <summary>Gets the cycles paused by a shock and later resumed.</summary>
    public required IReadOnlyList<CycleId> PausedAndResumed { get; init; }

    /// <summary>Gets the cycles completed in this run.</summary>
    public required IReadOnlyList<CycleId> CompletedCycles { get; init; }

    /// <summary>Gets the reminders raised while an approval neared its end.</summary>
    public required IReadOnlyList<ReminderLine> Reminders { get; init; }

    /// <summary>Gets the meetings due in the quarter after the run's last day.</summary>
    public required IReadOnlyList<AgendaLine> Agenda { get; init; }

    /// <summary>Gets the number of events in the store after the run.</summary>
    public required long EventCount { get; init; }

    /// <summary>Gets the instant the fake clock stopped at.</summary>
    public required Instant EndedAt { get; init; }
}

/// <summary>One line of the story.</summary>
/// <param name="On">The day, in the site's calendar.</param>
/// <param name="Site">The site's name, or the programme's.</param>
/// <param name="Kind">What kind of step.</param>
/// <param name="What">What happened.</param>
public sealed record TimelineEntry(LocalDate On, string Site, TimelineKind Kind, string What);

/// <summary>The kinds of steps in the story.</summary>
public enum TimelineKind
{
    /// <summary>Programme, sites and members.</summary>
    Setup,

    /// <summary>A protocol or amendment moved.</summary>
    Ethics,

    /// <summary>A cycle moved.</summary>
    Cycle,

    /// <summary>A command was refused, with its reasons.</summary>
    Blocked,

    /// <summary>A shock paused work.</summary>
    Shock,

    /// <summary>A reminder fell due.</summary>
    Reminder,

    /// <summary>A meeting was held.</summary>
    Meeting,

    /// <summary>An insight, engagement, output or impact went into the ledger.</summary>
    Ledger,
}

/// <summary>One record of the co-production ledger, as the story made it.</summary>
/// <param name="On">The day, in the site's calendar.</param>
/// <param name="Site">The site's name.</param>
/// <param name="Kind">insight, engagement, output or impact.</param>
/// <param name="What">The statement or title.</param>
public sealed record LedgerLine(LocalDate On, string Site, string Kind, string What);

/// <summary>A cycle's permitted and blocked actions at one moment, with the reasons.</summary>
/// <param name="Title">Why this moment is interesting.</param>
/// <param name="On">The day, in the site's calendar.</param>
/// <param name="Cycle">The cycle.</param>
/// <param name="Stage">Its stage then.</param>
/// <param name="Actions">Every trigger with whether it is permitted and why not.</param>
public sealed record AvailabilityMoment(
    string Title, LocalDate On, CycleId Cycle, CycleStage Stage, IReadOnlyList<TriggerAvailability<CycleTrigger>> Actions);

/// <summary>A reminder as shown to people.</summary>
/// <param name="HandedOverOn">The day a daily sweep handed it over, in the site's calendar (its text counts the days left from then).</param>
/// <param name="Id">Its stable id.</param>
/// <param name="Text">What it says.</param>
public sealed record ReminderLine(LocalDate HandedOverOn, string Id, string Text);

/// <summary>A meeting on the agenda.</summary>
/// <param name="Start">When it starts, in the site's zone.</param>
/// <param name="Site">Where.</param>
/// <param name="Title">What.</param>
public sealed record AgendaLine(ZonedDateTime Start, string Site, string Title);
