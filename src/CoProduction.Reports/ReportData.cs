using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Reports;

/// <summary>What a band on the programme timeline shows.</summary>
public enum TimelineBandKind
{
    /// <summary>A cycle stage (plan, act, reflect, evaluate, revise).</summary>
    Stage,
    /// <summary>A pause of a cycle; the label names the shock.</summary>
    Pause,
    /// <summary>A protocol approval period; the label names the version or amendment.</summary>
    Approval,
    /// <summary>A meeting that was held (drawn as a one-day band).</summary>
    MeetingHeld,
    /// <summary>A meeting that was missed (drawn as a one-day band).</summary>
    MeetingMissed,
}

/// <summary>One band on a site's timeline row, from <see cref="Start"/> to <see cref="End"/> inclusive.</summary>
/// <param name="Start">The first day of the band.</param>
/// <param name="End">The last day of the band; not before <paramref name="Start"/>.</param>
/// <param name="Kind">What the band shows.</param>
/// <param name="Label">Words a person reads, e.g. "Acting (cycle 3)" or "paused: health workers' strike".</param>
public sealed record TimelineBand(LocalDate Start, LocalDate End, TimelineBandKind Kind, string Label)
{
    /// <summary>Gets the cycle stage a <see cref="TimelineBandKind.Stage"/> band shows, which picks its colour; <see langword="null"/> for other bands (drawn grey if a stage band has none).</summary>
    public CoProduction.Cycles.CycleStage? Stage { get; init; }
}

/// <summary>One site's row on the programme timeline.</summary>
/// <param name="Site">The site's name as a person reads it.</param>
/// <param name="Bands">The bands of the row, in any order.</param>
public sealed record SiteTimeline(string Site, IReadOnlyList<TimelineBand> Bands);

/// <summary>One point of a run chart: a measure on a day.</summary>
/// <param name="Date">The day the value belongs to (e.g. the end of the quarter).</param>
/// <param name="Value">The measured value (a percentage of meetings held, a stage length in days).</param>
public sealed record RunChartPoint(LocalDate Date, double Value);

/// <summary>A run chart's series for one site: one measure over time.</summary>
/// <param name="Site">The site's name.</param>
/// <param name="Measure">What is measured, e.g. "cadence adherence (%)".</param>
/// <param name="Points">The points in date order.</param>
public sealed record RunChartSeries(string Site, string Measure, IReadOnlyList<RunChartPoint> Points);

/// <summary>One site's row in the cross-site comparison.</summary>
/// <param name="Site">The site's name.</param>
/// <param name="Cycles">Cycles started at the site over the whole history.</param>
/// <param name="CyclesCompleted">Cycles completed.</param>
/// <param name="Pauses">Pauses (shocks) recorded.</param>
/// <param name="MeetingsHeld">Meetings held.</param>
/// <param name="MeetingsMissed">Meetings missed.</param>
/// <param name="ProtocolVersions">Protocol versions approved for the site (amendments included).</param>
public sealed record SiteComparisonRow(
    string Site, int Cycles, int CyclesCompleted, int Pauses, int MeetingsHeld, int MeetingsMissed, int ProtocolVersions)
{
    /// <summary>Meetings held as a percentage of meetings held or missed; 0 when none were due.</summary>
    public double AdherencePercent => MeetingsHeld + MeetingsMissed == 0 ? 0 : 100.0 * MeetingsHeld / (MeetingsHeld + MeetingsMissed);
}

/// <summary>Everything the reports of one programme draw, over its whole stored history.</summary>
/// <param name="Programme">The programme's name, used in titles and the HTML page.</param>
/// <param name="Timeline">One row per site.</param>
/// <param name="RunCharts">The run-chart series (adherence, stage lengths), any number per site.</param>
/// <param name="Comparison">One comparison row per site.</param>
public sealed record ProgrammeReportData(
    string Programme,
    IReadOnlyList<SiteTimeline> Timeline,
    IReadOnlyList<RunChartSeries> RunCharts,
    IReadOnlyList<SiteComparisonRow> Comparison)
{
    /// <summary>Gets the co-production ledger's records (insights, engagements, outputs, impacts) in date order; empty when the report has none.</summary>
    public IReadOnlyList<LedgerReportRow> Ledger { get; init; } = [];

    /// <summary>Gets the engagements' effort and cost per site, year and engagement kind; empty when none was recorded.</summary>
    public IReadOnlyList<LedgerEffortRow> LedgerEffort { get; init; } = [];
}

/// <summary>One record of the co-production ledger, as the ledger report shows it.</summary>
/// <param name="Site">The site that recorded it.</param>
/// <param name="On">Its date.</param>
/// <param name="Record">Which kind of record: an insight, an engagement, an output or an impact.</param>
/// <param name="Title">Its statement or title.</param>
/// <param name="DrawsOn">What it draws on, in words (for example "Insight kilifi-user-fees"); empty when nothing.</param>
/// <param name="Status">"retracted", an impact's kind, level and status, or an output's manager co-authorship, in words; empty otherwise.</param>
public sealed record LedgerReportRow(string Site, LocalDate On, CoProduction.ReadModels.LedgerRecordKind Record, string Title, string DrawsOn, string Status)
{
    /// <summary>Gets a value indicating whether the record was retracted: listed, never counted.</summary>
    public bool IsRetracted { get; init; }
}

/// <summary>One site's engagements of one kind in one year: how many, the person-hours, the costs per currency (never converted).</summary>
/// <param name="Site">The site.</param>
/// <param name="Year">The year.</param>
/// <param name="EngagementKind">The engagement kind.</param>
/// <param name="Engagements">How many engagements.</param>
/// <param name="PersonHours">The effort in person-hours.</param>
/// <param name="Costs">The costs, one per currency, for example "45000 KES"; empty when none.</param>
public sealed record LedgerEffortRow(string Site, int Year, string EngagementKind, int Engagements, decimal PersonHours, string Costs);
