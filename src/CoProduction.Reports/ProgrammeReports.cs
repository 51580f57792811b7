using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace CoProduction.Reports;

/// <summary>What a programme report covers: its title, the dates it draws, and which sites (every registered site when none are named).</summary>
/// <param name="Title">The programme's name, used in every report's title.</param>
/// <param name="From">The first date drawn; bands that start earlier are cut to it.</param>
/// <param name="To">The last date drawn; bands still open, or ending later, are cut to it.</param>
public sealed record ProgrammeReportScope(string Title, LocalDate From, LocalDate To)
{
    /// <summary>Gets the sites to draw, in order; empty (the default) draws every site on the site board, by name.</summary>
    public ValueList<SiteId> Sites { get; init; }
}

/// <summary>
/// Builds a programme's report data — timelines, run charts, the cross-site comparison — from the read models over
/// the whole stored history: the site board, the cycle register, the protocol register and the agenda.
/// </summary>
/// <remarks>Registered by <see cref="ReportsCoProductionBuilderExtensions.AddReports"/>. Draw the result with <see cref="ReportRenderer"/>.</remarks>
public interface IProgrammeReports
{
    /// <summary>Builds the report data for a scope.</summary>
    /// <param name="scope">The title, dates and sites.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>
    /// Per site, in the site's own time zone: a timeline of stage bands per cycle, pauses with their shock, protocol
    /// approval periods split by the version in force (with the amendment that made it), and meetings held and missed;
    /// run charts of cadence adherence per quarter (percent of decided meetings held) and of cycle lengths (days of
    /// its stages without paused time, one point per completed cycle, on the day it completed); and one comparison row.
    /// </returns>
    /// <exception cref="ArgumentException">The title is blank, or <see cref="ProgrammeReportScope.To"/> is before <see cref="ProgrammeReportScope.From"/>.</exception>
    /// <exception cref="UnknownSiteException">A named site is not on the site board (never registered, or the board is still catching up).</exception>
    ValueTask<ProgrammeReportData> BuildAsync(ProgrammeReportScope scope, CancellationToken cancellationToken = default);
}

/// <summary>Adds the programme reports to <c>AddCoProduction(...)</c>.</summary>
public static class ReportsCoProductionBuilderExtensions
{
    /// <summary>Registers <see cref="IProgrammeReports"/> (scoped, over the read models) and a <see cref="ReportRenderer"/> of the default size (singleton).</summary>
    /// <param name="builder">The builder from <c>AddCoProduction(...)</c>.</param>
    /// <returns>The builder.</returns>
    public static CoProductionBuilder AddReports(this CoProductionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped<IProgrammeReports, ProgrammeReports>();
        builder.Services.TryAddSingleton(_ => new ReportRenderer());
        return builder;
    }
}

/// <summary>The read models' answer to <see cref="IProgrammeReports"/>.</summary>
internal sealed class ProgrammeReports(
    ISiteBoard board, ICycleRegister cycles, IProtocolRegister protocols, IAgenda agenda, ILedger ledger, IDateTimeZoneProvider zones, IClock clock) : IProgrammeReports
{
    public async ValueTask<ProgrammeReportData> BuildAsync(ProgrammeReportScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (string.IsNullOrWhiteSpace(scope.Title))
        {
            throw new ArgumentException("A programme report needs a title (the programme's name); a blank one was given.", nameof(scope));
        }

        if (scope.To < scope.From)
        {
            throw new ArgumentException($"A programme report from {scope.From:uuuu-MM-dd} to {scope.To:uuuu-MM-dd} ends before it starts: give a To on or after From.", nameof(scope));
        }

        var sites = await SitesAsync(scope, cancellationToken).ConfigureAwait(false);
        var now = clock.GetCurrentInstant();
        var timeline = new List<SiteTimeline>();
        var ledgerRows = new List<LedgerReportRow>();
        var effortRows = new List<LedgerEffortRow>();
        var runCharts = new List<RunChartSeries>();
        var comparison = new List<SiteComparisonRow>();
        foreach (var site in sites)
        {
            var zone = zones.GetZoneOrNull(site.TimeZoneId) ?? DateTimeZone.Utc;
            var window = new Window(scope.From, scope.To, zone, now);
            var siteCycles = await AllAsync(after => cycles.AtSiteAsync(site.Site, null, after, 100, cancellationToken), cancellationToken).ConfigureAwait(false);
            var siteProtocols = await AllAsync(after => protocols.OfSiteAsync(site.Site, after, 100, cancellationToken), cancellationToken).ConfigureAwait(false);
            var series = await AllAsync(after => agenda.OfSiteAsync(site.Site, after, 100, cancellationToken), cancellationToken).ConfigureAwait(false);

            var bands = new List<TimelineBand>();
            bands.AddRange(siteCycles.OrderBy(c => c.Number).SelectMany(c => CycleBands(c, window)));
            bands.AddRange(siteProtocols.SelectMany(p => ApprovalBands(p, window)));
            var held = 0;
            var missed = 0;
            foreach (var s in series)
            {
                foreach (var outcome in s.Outcomes.Where(o => window.Contains(o.Slot)))
                {
                    if (outcome.Status is OccurrenceStatus.Held or OccurrenceStatus.Missed)
                    {
                        var isHeld = outcome.Status == OccurrenceStatus.Held;
                        held += isHeld ? 1 : 0;
                        missed += isHeld ? 0 : 1;
                        bands.Add(new TimelineBand(outcome.Slot, outcome.Slot, isHeld ? TimelineBandKind.MeetingHeld : TimelineBandKind.MeetingMissed, s.Title));
                    }
                }
            }

            timeline.Add(new SiteTimeline(site.Name, bands.OrderBy(b => b.Start).ThenBy(b => b.Kind).ToList()));

            var adherence = series.SelectMany(s => s.Outcomes)
                .Where(o => window.Contains(o.Slot) && o.Status is OccurrenceStatus.Held or OccurrenceStatus.Missed)
                .GroupBy(o => QuarterOf(o.Slot))
                .OrderBy(g => g.Key)
                .Select(g => new RunChartPoint(g.Key, 100.0 * g.Count(o => o.Status == OccurrenceStatus.Held) / g.Count()))
                .ToList();
            if (adherence.Count > 0)
            {
                runCharts.Add(new RunChartSeries(site.Name, RunChartMeasures.CadenceAdherence, adherence));
            }

            var cycleLengths = siteCycles
                .Where(c => c.Stage == CycleStage.Completed && !c.Timeline.IsEmpty && window.Contains(c.Since.InZone(zone).Date))
                .Select(c => new RunChartPoint(c.Since.InZone(zone).Date, Math.Round(c.Timeline.Sum(v => v.LengthWithoutPauses(now).TotalDays), 1)))
                .OrderBy(p => p.Date)
                .ToList();
            if (cycleLengths.Count > 0)
            {
                runCharts.Add(new RunChartSeries(site.Name, RunChartMeasures.CycleLength, cycleLengths));
            }

            // Each record once, under the site that recorded it (a cross-site engagement is on every participant's site page).
            foreach (var record in (await AllAsync(after => ledger.AtSiteAsync(site.Site, null, after, 100, cancellationToken), cancellationToken).ConfigureAwait(false)).Where(r => r.Site == site.Site && window.Contains(r.On)))
            {
                var status = record.IsRetracted ? "retracted"
                    : record.ImpactStatus is { } impact ? $"{record.ImpactKind}, {record.ImpactLevel}, {impact}"
                    : record.HasManagerCoAuthor ? "with a manager co-author" : string.Empty;
                ledgerRows.Add(new LedgerReportRow(site.Name, record.On, record.Reference.Kind, record.Title, string.Join(", ", record.DrawsOn), status) { IsRetracted = record.IsRetracted });
            }

            foreach (var totals in await ledger.EffortAsync(site.Site, scope.From.Year, Math.Min(scope.To.Year, scope.From.Year + 99), cancellationToken).ConfigureAwait(false))
            {
                effortRows.Add(new LedgerEffortRow(site.Name, totals.Year, totals.Kind.ToString(), totals.Engagements, totals.PersonHours, string.Join(", ", totals.Costs)));
            }

            comparison.Add(new SiteComparisonRow(
                site.Name,
                siteCycles.Count(c => window.Contains(c.Timeline.IsEmpty ? scope.From : c.Timeline[0].Entered.InZone(zone).Date)),
                siteCycles.Count(c => c.Stage == CycleStage.Completed && window.Contains(c.Since.InZone(zone).Date)),
                siteCycles.Sum(c => c.Pauses.Count(p => window.Contains(p.PausedAt.InZone(zone).Date))),
                held,
                missed,
                siteProtocols.Sum(p => p.Versions.Count(v => window.Contains(v.InForceFrom)))));
        }

        var data = new ProgrammeReportData(scope.Title, timeline, runCharts, comparison)
        {
            Ledger = ledgerRows.OrderBy(r => r.On).ThenBy(r => r.Site, StringComparer.Ordinal).ToList(),
            LedgerEffort = effortRows,
        };
        ReportRenderer.Validate(data);
        return data;
    }

    private static LocalDate QuarterOf(LocalDate date) => new(date.Year, ((date.Month - 1) / 3 * 3) + 1, 1);

    private static IEnumerable<TimelineBand> CycleBands(CycleEntry cycle, Window window)
    {
        foreach (var visit in cycle.Timeline)
        {
            if (window.Clip(visit.Entered, visit.Left) is { } range)
            {
                yield return new TimelineBand(range.Start, range.End, TimelineBandKind.Stage, $"Cycle {cycle.Number}: {visit.Stage}") { Stage = visit.Stage };
            }
        }

        foreach (var pause in cycle.Pauses)
        {
            if (window.Clip(pause.PausedAt, pause.EndedAt) is { } range)
            {
                yield return new TimelineBand(range.Start, range.End, TimelineBandKind.Pause, $"Cycle {cycle.Number} paused: {pause.Shock} — {pause.Description}");
            }
        }
    }

    /// <summary>Each approval period, split where a new version came into force, labelled with the version and the amendment that made it.</summary>
    private static IEnumerable<TimelineBand> ApprovalBands(ProtocolEntry protocol, Window window)
    {
        var versions = protocol.Versions.OrderBy(v => v.InForceFrom).ToList();
        foreach (var period in protocol.Approvals)
        {
            for (var i = 0; i < versions.Count; i++)
            {
                var start = LocalDate.Max(period.Start, versions[i].InForceFrom);
                var end = i + 1 < versions.Count ? LocalDate.Min(period.End, versions[i + 1].InForceFrom.PlusDays(-1)) : period.End;
                start = LocalDate.Max(start, window.From);
                end = LocalDate.Min(end, window.To);
                if (end >= start)
                {
                    var made = versions[i].Amendment is { } amendment ? $", {amendment}" : string.Empty;
                    yield return new TimelineBand(start, end, TimelineBandKind.Approval, $"{protocol.Id} v{versions[i].Number}{made}");
                }
            }
        }
    }

    private static async Task<List<T>> AllAsync<T>(Func<DocumentCursor?, ValueTask<DocumentPage<T>>> page, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        await foreach (var item in DocumentPages.AllAsync(page, cancellationToken).ConfigureAwait(false))
        {
            all.Add(item);
        }

        return all;
    }

    private async Task<IReadOnlyList<SiteBoardEntry>> SitesAsync(ProgrammeReportScope scope, CancellationToken cancellationToken)
    {
        var known = await AllAsync(after => board.ListAsync(after, 100, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (scope.Sites.IsEmpty)
        {
            return known.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        }

        var unknown = scope.Sites.Where(s => known.All(k => k.Site != s)).ToList();
        if (unknown.Count > 0)
        {
            throw new UnknownSiteException($"a report of '{scope.Title}'", unknown, known.Select(k => k.Site));
        }

        return scope.Sites.Select(s => known.First(k => k.Site == s)).ToList();
    }

    /// <summary>The scope's dates in one site's zone: instants become the site's local dates, open ends become today, everything cut to the dates drawn.</summary>
    private sealed record Window(LocalDate From, LocalDate To, DateTimeZone Zone, Instant Now)
    {
        public bool Contains(LocalDate date) => date >= From && date <= To;

        public (LocalDate Start, LocalDate End)? Clip(Instant start, Instant? end)
        {
            var first = LocalDate.Max(start.InZone(Zone).Date, From);
            var last = LocalDate.Min((end ?? Now).InZone(Zone).Date, To);
            return last >= first ? (first, last) : null;
        }
    }
}

/// <summary>The names of the run-chart measures <see cref="IProgrammeReports"/> builds.</summary>
public static class RunChartMeasures
{
    /// <summary>Cadence adherence: per quarter, the percent of decided meetings (held or missed) that were held.</summary>
    public const string CadenceAdherence = "cadence adherence (%)";

    /// <summary>Cycle length: per completed cycle, the days its stages took from planning to completion, without paused time.</summary>
    public const string CycleLength = "cycle length (days)";
}
