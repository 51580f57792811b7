using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Programmes;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// The programme comparison's fold: each event reads its aggregate as of that event and rewrites only what the
/// aggregate contributes, with the domain's own rules — a site its turnover (<see cref="TeamRoster.TurnoverIn"/>), a
/// protocol its spans in force (<see cref="ProtocolState.VersionInForceOn"/>), a cycle its entries in the site-year
/// documents (<see cref="StageVisit.LengthWithoutPauses"/>), a meeting series its adherence per year
/// (<see cref="MeetingAgenda.CadenceKept"/>), a programme its sites.
/// </summary>
internal sealed class ProgrammeComparisonProjection(IDateTimeZoneProvider zones, AggregateSource current)
    : DocumentProjection<ComparisonDocument>(new ProgrammeComparisonJson(ReadModelJson.Options()).ComparisonDocument)
{
    /// <summary>The projection's name.</summary>
    public const string ProjectionName = "coproduction.programme-comparison";

    /// <summary>The index of protocol documents by each site a version in force named.</summary>
    public const string BySite = "site";

    /// <summary>How far a held meeting may have moved from its planned start and still count as kept.</summary>
    public static readonly Duration CadenceTolerance = Duration.FromDays(7);

    public override string Name => ProjectionName;

    public override int Version => 1;

    /// <summary>The key of a site-year document: <c>site␟year</c>, so a site's years sort together and in order.</summary>
    public static string SiteYearKey(SiteId site, int year) => DocumentIndexEntry.Compose(site.Value, year.ToString("D4", CultureInfo.InvariantCulture));

    public static string ProgrammeKey(ProgrammeId programme) => "programme:" + programme.Value;

    public static string SiteKey(SiteId site) => "site:" + site.Value;

    protected override async ValueTask ApplyAsync(ProjectedEvent e, DocumentBatch<ComparisonDocument> documents, CancellationToken cancellationToken)
    {
        var stream = e.Stored.Stream.Value;
        if (StreamId.IsOf(stream, Cycle.StreamCategory))
        {
            await CycleAsync(await documents.AggregateAsync<Cycle>(e, cancellationToken).ConfigureAwait(false), documents, cancellationToken).ConfigureAwait(false);
        }
        else if (StreamId.IsOf(stream, MeetingSeries.StreamCategory))
        {
            await SeriesAsync((await documents.AggregateAsync<MeetingSeries>(e, cancellationToken).ConfigureAwait(false)).State, documents, cancellationToken).ConfigureAwait(false);
        }
        else if (StreamId.IsOf(stream, LearningSite.StreamCategory))
        {
            Site((await documents.AggregateAsync<LearningSite>(e, cancellationToken).ConfigureAwait(false)).State, e.Stored.RecordedAt, documents);
        }
        else if (StreamId.IsOf(stream, Protocol.StreamCategory))
        {
            ProtocolSpans((await documents.AggregateAsync<Protocol>(e, cancellationToken).ConfigureAwait(false)).State, documents);
        }
        else if (StreamId.IsOf(stream, Programme.StreamCategory))
        {
            var programme = (await documents.AggregateAsync<Programme>(e, cancellationToken).ConfigureAwait(false)).State;
            documents.Put(ProgrammeKey(programme.Id), new ComparisonProgramme(programme.Id, programme.Name, programme.Period, programme.Sites));
        }
    }

    protected override IEnumerable<DocumentIndexEntry> Index(ComparisonDocument document)
        => document is ComparisonProtocol protocol
            ? protocol.Spans.SelectMany(s => s.Sites).Distinct().Select(site => new DocumentIndexEntry(BySite, site.Value))
            : [];


    /// <summary>A cycle's entries: the year it started, the year it was completed, and per year the stages that ended then.</summary>
    private async ValueTask CycleAsync(Cycle aggregate, DocumentBatch<ComparisonDocument> documents, CancellationToken cancellationToken)
    {
        var cycle = aggregate.State;
        if (!cycle.IsStarted)
        {
            return;
        }

        var id = aggregate.Id;
        var zone = TimeZoneIds.Find(zones, cycle.TimeZoneId);
        var entries = new SortedDictionary<int, CycleYear>();
        CycleYear In(int year) => entries.TryGetValue(year, out var entry) ? entry : new CycleYear(id, false, false, 0, Duration.Zero);

        entries[cycle.StartedOn.Year] = In(cycle.StartedOn.Year) with { Started = true };
        foreach (var visit in cycle.Timeline)
        {
            if (visit.Left is { } left)
            {
                var year = left.InZone(zone).Year;
                var entry = In(year);
                entries[year] = entry with { StagesEnded = entry.StagesEnded + 1, StageTime = entry.StageTime + visit.LengthWithoutPauses(left) };
            }
        }

        if (cycle.Stage == CycleStage.Completed && cycle.CurrentVisit?.Left is { } completed)
        {
            var year = completed.InZone(zone).Year;
            entries[year] = In(year) with { Completed = true };
        }

        var key = "cycle:" + id.Value;
        var before = (await documents.GetAsync(key, cancellationToken).ConfigureAwait(false)) as ComparisonCycle;
        await PutEntriesAsync(
            documents,
            cycle.Site,
            before?.Years ?? [],
            entries,
            id.Value,
            static y => y.Cycles,
            static (y, list) => y with { Cycles = list },
            static c => c.Cycle.Value,
            cancellationToken).ConfigureAwait(false);
        documents.Put(key, new ComparisonCycle(id, cycle.Site, [.. entries.Keys]));
    }

    /// <summary>A series' entries: per year from its first to the one after its last date, the meetings planned to start in the year and how they went.</summary>
    private async ValueTask SeriesAsync(MeetingSeriesState series, DocumentBatch<ComparisonDocument> documents, CancellationToken cancellationToken)
    {
        var plan = series.Plan;
        var entries = new SortedDictionary<int, SeriesYear>();
        if (await WithBasesAsync(series, cancellationToken).ConfigureAwait(false) is { } states)
        {
            // CadenceKept counts from the series' start up to an instant, so a year's meetings are the difference between its two ends.
            var agenda = new MeetingAgenda(states);
            var first = plan.FirstDate.Year;
            var last = Math.Min(plan.LastDate.Year + 1, 9998);
            var upTo = Kept(agenda, plan, first);
            for (var year = first; year <= last; year++)
            {
                var next = Kept(agenda, plan, year + 1);
                var inYear = new CadenceAdherence(
                    plan.Series, next.Due - upTo.Due, next.Kept - upTo.Kept, next.HeldLate - upTo.HeldLate, next.Missed - upTo.Missed, next.Cancelled - upTo.Cancelled, next.Unrecorded - upTo.Unrecorded);
                if (inYear.Due > 0)
                {
                    entries[year] = new SeriesYear(plan.Series, inYear);
                }

                upTo = next;
            }
        }

        var key = "series:" + plan.Series.Value;
        var before = (await documents.GetAsync(key, cancellationToken).ConfigureAwait(false)) as ComparisonSeries;
        await PutEntriesAsync(
            documents,
            plan.Site,
            before?.Years ?? [],
            entries,
            plan.Series.Value,
            static y => y.Series,
            static (y, list) => y with { Series = list },
            static s => s.Series.Value,
            cancellationToken).ConfigureAwait(false);
        documents.Put(key, new ComparisonSeries(plan.Series, plan.Site, [.. entries.Keys]));
    }

    private static CadenceAdherence Kept(MeetingAgenda agenda, MeetingSeriesPlan plan, int year)
    {
        var at = new LocalDate(year, 1, 1).AtStartOfDayInZone(plan.Zone).ToInstant();
        return agenda.CadenceKept(at, CadenceTolerance).First(a => a.Series == plan.Series);
    }

    /// <summary>
    /// The series with the series its cadence follows, for an agenda that can place its meetings. A base's meetings
    /// come from its plan alone, fixed when it was planned, so the base as stored now gives the same answer as the
    /// base as of this event. <see langword="null"/> while a base is missing: the series has no entries until its next event.
    /// </summary>
    private async ValueTask<List<MeetingSeriesState>?> WithBasesAsync(MeetingSeriesState series, CancellationToken cancellationToken)
    {
        var states = new List<MeetingSeriesState> { series };
        for (var link = series.Plan.Cadence.LinkedTo; link is { } baseId && states.TrueForAll(s => s.Plan.Series != baseId);)
        {
            var found = await current.Of<MeetingSeries>().CurrentAsync(StreamId.For(MeetingSeries.StreamCategory, baseId), cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return null;
            }

            states.Add(found.State);
            link = found.State.Plan.Cadence.LinkedTo;
        }

        return states;
    }

    /// <summary>Replaces one cycle's or series' entries in the site-year documents it had or now has; a document left empty is removed.</summary>
    private static async ValueTask PutEntriesAsync<TEntry>(
        DocumentBatch<ComparisonDocument> documents,
        SiteId site,
        ValueList<int> before,
        SortedDictionary<int, TEntry> after,
        string id,
        Func<ComparisonSiteYear, ValueList<TEntry>> entriesOf,
        Func<ComparisonSiteYear, ValueList<TEntry>, ComparisonSiteYear> withEntries,
        Func<TEntry, string> idOf,
        CancellationToken cancellationToken)
        where TEntry : class
    {
        foreach (var year in before.Concat(after.Keys).Distinct())
        {
            var key = SiteYearKey(site, year);
            var document = (await documents.GetAsync(key, cancellationToken).ConfigureAwait(false)) as ComparisonSiteYear ?? new ComparisonSiteYear(site, year, [], []);
            var old = entriesOf(document).FirstOrDefault(x => idOf(x) == id);
            var now = after.GetValueOrDefault(year);
            if (Equals(old, now))
            {
                continue;
            }

            var entries = entriesOf(document).Where(x => idOf(x) != id);
            if (now is not null)
            {
                entries = entries.Append(now);
            }

            var changed = withEntries(document, [.. entries.OrderBy(idOf, StringComparer.Ordinal)]);
            if (changed.Cycles.IsEmpty && changed.Series.IsEmpty)
            {
                documents.Remove(key);
            }
            else
            {
                documents.Put(key, changed);
            }
        }
    }

    /// <summary>A site's turnover for every year from the one before its earliest tenure date to the one after its latest.</summary>
    private static void Site(LearningSiteState site, Instant recordedAt, DocumentBatch<ComparisonDocument> documents)
    {
        int? earliest = null, latest = null;
        foreach (var member in site.Members)
        {
            foreach (var tenure in member.Tenures)
            {
                foreach (var date in (ReadOnlySpan<LocalDate?>)[tenure.Joined, tenure.Left])
                {
                    if (date is { } d)
                    {
                        earliest = Math.Min(earliest ?? d.Year, d.Year);
                        latest = Math.Max(latest ?? d.Year, d.Year);
                    }
                }
            }
        }

        var from = Math.Max((earliest ?? recordedAt.InUtc().Year) - 1, 1);
        var to = Math.Min((latest ?? recordedAt.InUtc().Year) + 1, 9998);
        var roster = TeamRoster.Of(site);
        var turnover = new List<SiteTurnover>(to - from + 1);
        for (var year = from; year <= to; year++)
        {
            turnover.Add(new SiteTurnover(year, roster.TurnoverIn(site.Id, year), roster.TurnoverIn(site.Id, year, RoleKind.Manager)));
        }

        documents.Put(SiteKey(site.Id), new ComparisonSite(site.Id, site.Name, site.Country, site.Level, [.. turnover]));
    }

    /// <summary>
    /// A protocol's spans in force: the domain's <see cref="ProtocolState.VersionInForceOn"/> asked on each date where its
    /// answer can change (an approval period's start and the day after its end, a dated standing change, a version coming
    /// into force), each answer holding until the next such date.
    /// </summary>
    private static void ProtocolSpans(ProtocolState protocol, DocumentBatch<ComparisonDocument> documents)
    {
        var dates = new SortedSet<LocalDate>();
        foreach (var period in protocol.Approvals)
        {
            dates.Add(period.Start);
            if (period.End < LocalDate.MaxIsoValue)
            {
                dates.Add(period.End.PlusDays(1));
            }
        }

        foreach (var change in protocol.Timeline)
        {
            dates.Add(change.On);
        }

        foreach (var version in protocol.Versions)
        {
            dates.Add(version.InForceFrom);
        }

        var points = dates.ToList();
        var spans = new List<ProtocolSpan>();
        for (var i = 0; i < points.Count; i++)
        {
            if (protocol.VersionInForceOn(points[i]) is not { } version)
            {
                continue;
            }

            LocalDate? to = i + 1 < points.Count ? points[i + 1].PlusDays(-1) : null;
            var sites = version.Scope.Sites;
            if (spans.Count > 0 && spans[^1] is var last && last.Version == version.Number && last.To == points[i].PlusDays(-1) && last.Sites == sites)
            {
                spans[^1] = last with { To = to };
            }
            else
            {
                spans.Add(new ProtocolSpan(version.Number, points[i], to, sites));
            }
        }

        documents.Put("protocol:" + protocol.Id.Value, new ComparisonProtocol(protocol.Id, protocol.Title, [.. spans]));
    }
}
