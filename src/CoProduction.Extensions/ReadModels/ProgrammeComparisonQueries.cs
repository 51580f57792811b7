using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Programmes;
using CoProduction.Projections;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>Answers <see cref="IProgrammeComparison"/> from the projection's documents: a site's own, its site-years' and the protocols naming it.</summary>
internal sealed class ProgrammeComparisonQueries(IDocumentStore store, ProgrammeComparisonProjection projection) : IProgrammeComparison
{
    /// <summary>The longest span of years one query reads.</summary>
    public const int MaxYears = 100;

    private readonly DocumentReader<ComparisonDocument> reader = new(store, projection);

    public async ValueTask<ProgrammeSummary?> CompareAsync(ProgrammeId programme, int year, CancellationToken cancellationToken = default)
    {
        CheckYear(year, nameof(year));
        if (await reader.GetAsync(ProgrammeComparisonProjection.ProgrammeKey(programme), cancellationToken).ConfigureAwait(false) is not ComparisonProgramme found)
        {
            return null;
        }

        var sites = new List<SiteYearFigures>(found.Sites.Count);
        foreach (var site in found.Sites)
        {
            sites.AddRange(await AcrossYearsAsync(site, year, year, cancellationToken).ConfigureAwait(false));
        }

        return new ProgrammeSummary(found.Programme, found.Name, found.Period, year, [.. sites]);
    }

    public async ValueTask<IReadOnlyList<SiteYearFigures>> AcrossYearsAsync(SiteId site, int fromYear, int toYear, CancellationToken cancellationToken = default)
    {
        CheckYear(fromYear, nameof(fromYear));
        CheckYear(toYear, nameof(toYear));
        if (toYear < fromYear || toYear - fromYear >= MaxYears)
        {
            throw new ArgumentOutOfRangeException(
                nameof(toYear), toYear, $"The years run from {fromYear} to {toYear}: give a last year from the first to {MaxYears - 1} years after it.");
        }

        if (await reader.GetAsync(ProgrammeComparisonProjection.SiteKey(site), cancellationToken).ConfigureAwait(false) is not ComparisonSite found)
        {
            return [];
        }

        var years = new Dictionary<int, ComparisonSiteYear>();
        var range = DocumentRange.Between(ProgrammeComparisonProjection.SiteYearKey(site, fromYear), ProgrammeComparisonProjection.SiteYearKey(site, toYear));
        await foreach (var document in reader.ReadAllAsync(null, range, cancellationToken).ConfigureAwait(false))
        {
            if (document is ComparisonSiteYear siteYear)
            {
                years[siteYear.Year] = siteYear;
            }
        }

        var protocols = new List<ComparisonProtocol>();
        await foreach (var document in reader.ReadAllAsync(ProgrammeComparisonProjection.BySite, DocumentRange.Equal(site.Value), cancellationToken).ConfigureAwait(false))
        {
            protocols.Add((ComparisonProtocol)document);
        }

        var result = new List<SiteYearFigures>(toYear - fromYear + 1);
        for (var year = fromYear; year <= toYear; year++)
        {
            result.Add(Figures(found, years.GetValueOrDefault(year), protocols, year));
        }

        return result;
    }

    private static SiteYearFigures Figures(ComparisonSite site, ComparisonSiteYear? siteYear, List<ComparisonProtocol> protocols, int year)
    {
        var cycles = siteYear?.Cycles ?? [];
        int started = 0, completed = 0, stages = 0;
        var stageTime = Duration.Zero;
        foreach (var cycle in cycles)
        {
            started += cycle.Started ? 1 : 0;
            completed += cycle.Completed ? 1 : 0;
            stages += cycle.StagesEnded;
            stageTime += cycle.StageTime;
        }

        var turnover = TurnoverIn(site, year);
        return new SiteYearFigures(
            site.Site,
            site.Name,
            site.Country,
            site.Level,
            year,
            started,
            completed,
            stages,
            stages == 0 ? null : Duration.FromNanoseconds(stageTime.ToInt64Nanoseconds() / stages),
            [.. (siteYear?.Series ?? []).Select(s => s.Adherence)],
            turnover.Members,
            turnover.Managers,
            InForce(site.Site, protocols, year));
    }

    /// <summary>The site's turnover in a year: its own entry, or for a year outside those kept, the nearest one (no dated fact lies beyond it).</summary>
    private static SiteTurnover TurnoverIn(ComparisonSite site, int year)
    {
        var kept = site.Turnover;
        var entry = year <= kept[0].Year ? kept[0] : year >= kept[^1].Year ? kept[^1] : kept[year - kept[0].Year];
        return entry.Year == year ? entry : new SiteTurnover(year, entry.Members with { Year = year }, entry.Managers with { Year = year });
    }

    private static ValueList<ProtocolInForceSummary> InForce(SiteId site, List<ComparisonProtocol> protocols, int year)
    {
        var first = new LocalDate(year, 1, 1);
        var last = new LocalDate(year, 12, 31);
        var result = new List<ProtocolInForceSummary>();
        foreach (var protocol in protocols)
        {
            foreach (var span in protocol.Spans)
            {
                if (span.From <= last && (span.To is not { } to || to >= first) && span.Sites.Contains(site))
                {
                    result.Add(new ProtocolInForceSummary(
                        protocol.Protocol, span.Version, protocol.Title, span.From > first ? span.From : first, span.To is { } end && end < last ? end : last));
                }
            }
        }

        return [.. result.OrderBy(p => p.Protocol.Value, StringComparer.Ordinal).ThenBy(p => p.From)];
    }

    private static void CheckYear(int year, string name)
    {
        if (year is < 1 or > 9998)
        {
            throw new ArgumentOutOfRangeException(name, year, "A year runs from 1 to 9998.");
        }
    }
}
