using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Ledger;
using CoProduction.Programmes;
using CoProduction.Projections;

namespace CoProduction.ReadModels;

/// <summary>Answers <see cref="ILedger"/> from the ledger's documents and indexes, on whichever store the app uses.</summary>
internal sealed class LedgerQueries(IDocumentStore store, LedgerProjection projection) : ILedger
{
    private readonly DocumentReader<LedgerDocument> reader = new(store, projection);

    public async ValueTask<LedgerRecord?> GetAsync(LedgerReference record, CancellationToken cancellationToken = default)
        => (await reader.GetAsync(LedgerReference.Check(record, nameof(record)).Key, cancellationToken).ConfigureAwait(false))?.Record;

    public async ValueTask<LedgerTrail?> TraceAsync(LedgerReference start, TrailDirection direction, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckDefined(direction, nameof(direction));
        if (await GetAsync(start, cancellationToken).ConfigureAwait(false) is not { } first)
        {
            return null;
        }

        var records = new List<LedgerRecord> { first };
        var links = new List<LedgerLink>();
        var unresolved = new List<LedgerReference>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { start.Key };
        var complete = true;
        for (var next = 0; next < records.Count; next++)
        {
            var at = records[next];
            if (direction == TrailDirection.Back)
            {
                foreach (var to in at.DrawsOn)
                {
                    if (!seen.Contains(to.Key))
                    {
                        if (records.Count + unresolved.Count >= ILedger.MaxTrailRecords)
                        {
                            complete = false;
                            continue;
                        }

                        seen.Add(to.Key);
                        if ((await reader.GetAsync(to.Key, cancellationToken).ConfigureAwait(false))?.Record is { } found)
                        {
                            records.Add(found);
                        }
                        else
                        {
                            unresolved.Add(to);
                        }
                    }

                    links.Add(new LedgerLink(at.Reference, to));
                }
            }
            else
            {
                await foreach (var document in reader.ReadAllAsync(LedgerProjection.LinkIndex, DocumentRange.Equal(at.Reference.Key), cancellationToken).ConfigureAwait(false))
                {
                    var from = document.Record!;
                    if (!seen.Contains(from.Reference.Key))
                    {
                        if (records.Count >= ILedger.MaxTrailRecords)
                        {
                            complete = false;
                            continue;
                        }

                        seen.Add(from.Reference.Key);
                        records.Add(from);
                    }

                    links.Add(new LedgerLink(from.Reference, at.Reference));
                }
            }
        }

        return new LedgerTrail(start, direction, records, links, unresolved, complete);
    }

    public async ValueTask<DocumentPage<LedgerRecord>> AtSiteAsync(
        SiteId site, LedgerRecordKind? kind = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => Records(await reader.QueryAsync(LedgerProjection.SiteIndex, SiteRange(Preconditions.CheckId(site, nameof(site)), kind), after, limit, cancellationToken).ConfigureAwait(false));

    public async ValueTask<DocumentPage<LedgerRecord>> InProgrammeAsync(
        ProgrammeId programme, LedgerRecordKind? kind = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckQuery(DocumentRange.All, limit);
        var sites = await SitesAsync(programme, cancellationToken).ConfigureAwait(false) ?? [];
        if (kind is { } k)
        {
            Preconditions.CheckDefined(k, nameof(kind));
        }

        // The cursor's value starts with the site it was on: the page goes on there, then through the programme's later sites.
        var from = 0;
        if (after is not null)
        {
            var site = after.Value.Split(DocumentIndexEntry.Separator)[0];
            from = sites.FindIndex(s => string.Equals(s.Value, site, StringComparison.Ordinal));
            from = from < 0 ? sites.Count : from;
        }

        var items = new List<LedgerRecord>(Math.Min(limit, 1000));
        DocumentCursor? next = null;
        for (var i = from; i < sites.Count && next is null; i++)
        {
            var page = await reader.QueryAsync(LedgerProjection.HomeIndex, SiteRange(sites[i], kind), i == from ? after : null, limit - items.Count, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items.Select(static d => d.Record!));
            next = page.Next;
        }

        return new DocumentPage<LedgerRecord>(items, next);
    }

    public async ValueTask<IReadOnlyList<EngagementTotals>> EffortAsync(SiteId site, int fromYear, int toYear, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckId(site, nameof(site));
        CheckYears(fromYear, toYear);
        return await SiteEffortAsync(site, fromYear, toYear, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<EngagementTotals>?> EffortInProgrammeAsync(ProgrammeId programme, int fromYear, int toYear, CancellationToken cancellationToken = default)
    {
        CheckYears(fromYear, toYear);
        if (await SitesAsync(programme, cancellationToken).ConfigureAwait(false) is not { } sites)
        {
            return null;
        }

        var totals = new List<EngagementTotals>();
        foreach (var site in sites)
        {
            totals.AddRange(await SiteEffortAsync(site, fromYear, toYear, cancellationToken).ConfigureAwait(false));
        }

        return totals;
    }

    public async ValueTask<IReadOnlyList<ImpactCount>> ImpactsAsync(SiteId site, CancellationToken cancellationToken = default)
        => Count(await SiteImpactsAsync(Preconditions.CheckId(site, nameof(site)), cancellationToken).ConfigureAwait(false));

    public async ValueTask<IReadOnlyList<ImpactCount>?> ImpactsInProgrammeAsync(ProgrammeId programme, CancellationToken cancellationToken = default)
    {
        if (await SitesAsync(programme, cancellationToken).ConfigureAwait(false) is not { } sites)
        {
            return null;
        }

        var impacts = new List<LedgerRecord>();
        foreach (var site in sites)
        {
            impacts.AddRange(await SiteImpactsAsync(site, cancellationToken).ConfigureAwait(false));
        }

        return Count(impacts);
    }

    public async ValueTask<CoAuthorship> CoAuthorshipAsync(SiteId site, CancellationToken cancellationToken = default)
        => await SiteCoAuthorshipAsync(Preconditions.CheckId(site, nameof(site)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<CoAuthorship?> CoAuthorshipInProgrammeAsync(ProgrammeId programme, CancellationToken cancellationToken = default)
    {
        if (await SitesAsync(programme, cancellationToken).ConfigureAwait(false) is not { } sites)
        {
            return null;
        }

        var total = new CoAuthorship(0, 0);
        foreach (var site in sites)
        {
            var at = await SiteCoAuthorshipAsync(site, cancellationToken).ConfigureAwait(false);
            total = new CoAuthorship(total.Outputs + at.Outputs, total.WithManagerCoAuthor + at.WithManagerCoAuthor);
        }

        return total;
    }

    private static DocumentPage<LedgerRecord> Records(DocumentPage<LedgerDocument> page)
        => new([.. page.Items.Select(static d => d.Record!)], page.Next);

    private static DocumentRange SiteRange(SiteId site, LedgerRecordKind? kind)
        => kind is { } k
            ? DocumentRange.StartingWith(site.Value, LedgerProjection.KindPart(Preconditions.CheckDefined(k, nameof(kind))))
            : DocumentRange.StartingWith(site.Value);

    private static void CheckYears(int fromYear, int toYear)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromYear, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fromYear, 9998);
        if (toYear < fromYear || toYear > 9998 || toYear - fromYear >= ILedger.MaxYears)
        {
            throw new ArgumentOutOfRangeException(
                nameof(toYear), toYear, $"The years run from {fromYear} to {toYear}: give a last year from the first to {ILedger.MaxYears - 1} years after it, at most 9998.");
        }
    }

    /// <summary>The programme's sites, in its order; <see langword="null"/> when the ledger has not seen the programme.</summary>
    private async ValueTask<List<SiteId>?> SitesAsync(ProgrammeId programme, CancellationToken cancellationToken)
        => (await reader.GetAsync(LedgerProjection.ProgrammeKey(Preconditions.CheckId(programme, nameof(programme))), cancellationToken).ConfigureAwait(false))?.Programme is { } found
            ? [.. found.Sites]
            : null;

    private async ValueTask<List<EngagementTotals>> SiteEffortAsync(SiteId site, int fromYear, int toYear, CancellationToken cancellationToken)
    {
        var range = DocumentRange.Between(
            DocumentIndexEntry.Compose(site.Value, LedgerProjection.YearPart(fromYear)),
            DocumentIndexEntry.Compose(site.Value, LedgerProjection.YearPart(toYear)) + DocumentIndexEntry.Separator + DocumentRange.Highest);
        var totals = new SortedDictionary<(int Year, WiderEngagementKind Kind), (int Count, decimal Hours, List<Money> Costs)>();
        await foreach (var document in reader.ReadAllAsync(LedgerProjection.EffortIndex, range, cancellationToken).ConfigureAwait(false))
        {
            var engagement = document.Record!;
            var key = (engagement.On.Year, engagement.EngagementKind!.Value);
            var (count, hours, costs) = totals.TryGetValue(key, out var sum) ? sum : (0, 0m, new List<Money>());
            foreach (var effort in engagement.Effort)
            {
                hours += effort.Site == site ? effort.PersonHours : 0m;
            }

            foreach (var cost in engagement.Costs.Where(c => c.Site == site))
            {
                Money.AddTo(costs, cost.Amount);
            }

            totals[key] = (count + 1, hours, costs);
        }

        return [.. totals.Select(t => new EngagementTotals(
            site, t.Key.Year, t.Key.Kind, t.Value.Count, t.Value.Hours, t.Value.Costs.OrderBy(static m => m.Currency.Value, StringComparer.Ordinal).ToValueList()))];
    }

    private async ValueTask<List<LedgerRecord>> SiteImpactsAsync(SiteId site, CancellationToken cancellationToken)
    {
        var impacts = new List<LedgerRecord>();
        await foreach (var document in reader.ReadAllAsync(LedgerProjection.ImpactIndex, DocumentRange.StartingWith(site.Value), cancellationToken).ConfigureAwait(false))
        {
            impacts.Add(document.Record!);
        }

        return impacts;
    }

    private static List<ImpactCount> Count(List<LedgerRecord> impacts)
        => [.. impacts
            .GroupBy(static i => (Kind: i.ImpactKind!.Value, Level: i.ImpactLevel!.Value))
            .OrderBy(static g => g.Key.Kind).ThenBy(static g => g.Key.Level)
            .Select(static g => new ImpactCount(
                g.Key.Kind, g.Key.Level, g.Count(static i => i.ImpactStatus == ImpactStatus.Claimed), g.Count(static i => i.ImpactStatus == ImpactStatus.Corroborated)))];

    private async ValueTask<CoAuthorship> SiteCoAuthorshipAsync(SiteId site, CancellationToken cancellationToken)
    {
        var outputs = await reader.CountAsync(LedgerProjection.OutputIndex, DocumentRange.StartingWith(site.Value), cancellationToken).ConfigureAwait(false);
        var withManager = await reader.CountAsync(
            LedgerProjection.OutputIndex, DocumentRange.Equal(DocumentIndexEntry.Compose(site.Value, LedgerProjection.WithManager)), cancellationToken).ConfigureAwait(false);
        return new CoAuthorship(checked((int)outputs), checked((int)withManager));
    }
}
