using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>The agenda's queries over the document store, deciding with the domain's <see cref="MeetingAgenda"/> over the series the index names.</summary>
internal sealed class AgendaQueries(IDocumentStore store, AgendaProjection projection, AggregateSource aggregates, IClock clock) : IAgenda
{
    private readonly DocumentReader<AgendaSeries> documents = new(store, projection);

    /// <inheritdoc/>
    public ValueTask<AgendaSeries?> GetAsync(SeriesId series, CancellationToken cancellationToken = default)
        => documents.GetAsync(KeyOf(series), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<DocumentPage<AgendaSeries>> OfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        CheckLimit(limit);
        return documents.QueryAsync(AgendaProjection.SiteIndex, DocumentRange.Equal(site.Value), after, limit, cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<DocumentPage<AgendaMeetings>> DueAsync(
        Instant until, SiteId? site = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        CheckLimit(limit);
        var now = clock.GetCurrentInstant();
        if (until <= now)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"The window of meetings due runs from now ({now}) to a later instant.");
        }

        var page = await documents.QueryAsync(IndexOf(site), RangeUpTo(until, site), after, limit, cancellationToken).ConfigureAwait(false);
        var agenda = await AgendaOfAsync(page.Items, cancellationToken).ConfigureAwait(false);
        return new DocumentPage<AgendaMeetings>(Group(page.Items, agenda?.Due(now, until)), page.Next);
    }

    /// <inheritdoc/>
    public async ValueTask<DocumentPage<AgendaMeetings>> OverdueAsync(
        SiteId? site = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        CheckLimit(limit);
        var now = clock.GetCurrentInstant();
        var page = await documents.QueryAsync(IndexOf(site), RangeUpTo(now, site), after, limit, cancellationToken).ConfigureAwait(false);
        var agenda = await AgendaOfAsync(page.Items, cancellationToken).ConfigureAwait(false);
        return new DocumentPage<AgendaMeetings>(Group(page.Items, agenda?.Overdue(now)), page.Next);
    }

    /// <inheritdoc/>
    public async ValueTask<CadenceAdherence?> AdherenceAsync(SeriesId series, Duration tolerance, CancellationToken cancellationToken = default)
    {
        CheckTolerance(tolerance);
        var agenda = await AgendaOfAsync([series], cancellationToken).ConfigureAwait(false);
        return agenda?.Timetable.Contains(series) == true
            ? agenda.CadenceKept(clock.GetCurrentInstant(), tolerance).Single(a => a.Series == series)
            : null;
    }

    /// <inheritdoc/>
    public async ValueTask<DocumentPage<CadenceAdherence>> AdherenceOfSiteAsync(
        SiteId site, Duration tolerance, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        CheckTolerance(tolerance);
        var page = await OfSiteAsync(site, after, limit, cancellationToken).ConfigureAwait(false);
        var agenda = await AgendaOfAsync(page.Items, cancellationToken).ConfigureAwait(false);
        var ids = page.Items.Select(d => d.Series).ToHashSet();
        var kept = agenda is null ? [] : agenda.CadenceKept(clock.GetCurrentInstant(), tolerance).Where(a => ids.Contains(a.Series)).ToList();
        return new DocumentPage<CadenceAdherence>(kept, page.Next);
    }

    /// <summary>
    /// The series whose first open meeting starts by <paramref name="to"/>, with the domain's agenda of them (and of the series
    /// they are linked to) as the store holds them now: the candidates of "meetings due by then", what the reminder sweep keeps
    /// while none of them changes.
    /// </summary>
    internal async ValueTask<(IReadOnlySet<SeriesId> Candidates, MeetingAgenda? Agenda)> DueAgendaAsync(Instant to, CancellationToken cancellationToken)
    {
        var candidates = new List<AgendaSeries>();
        await foreach (var document in documents.ReadAllAsync(AgendaProjection.NextDueIndex, RangeUpTo(to, null), cancellationToken).ConfigureAwait(false))
        {
            candidates.Add(document);
        }

        var agenda = await AgendaOfAsync(candidates, cancellationToken).ConfigureAwait(false);
        return (candidates.Select(c => c.Series).ToHashSet(), agenda);
    }

    /// <summary>How many index entries name a series whose first open meeting starts by <paramref name="to"/>: the size of <see cref="DueAgendaAsync"/>'s candidates, counted without reading them.</summary>
    internal ValueTask<long> CountDueAsync(Instant to, CancellationToken cancellationToken)
        => documents.CountAsync(AgendaProjection.NextDueIndex, RangeUpTo(to, null), cancellationToken);

    /// <summary>Every meeting still to be held whose current start is in a window, of the candidates: what the reminder sweep asks.</summary>
    internal static IReadOnlyList<AgendaEntry> Due(IReadOnlySet<SeriesId> candidates, MeetingAgenda? agenda, Instant from, Instant to)
        => agenda?.Due(from, to) is { } due ? [.. due.Where(e => candidates.Contains(e.Occurrence.Series))] : [];

    /// <summary>The domain's agenda of every series of a site (the programme comparison's adherence), or <see langword="null"/> when it has none.</summary>
    internal async ValueTask<MeetingAgenda?> AgendaOfSiteAsync(SiteId site, CancellationToken cancellationToken)
    {
        var series = new List<SeriesId>();
        await foreach (var document in documents.ReadAllAsync(AgendaProjection.SiteIndex, DocumentRange.Equal(site.Value), cancellationToken).ConfigureAwait(false))
        {
            series.Add(document.Series);
        }

        return await AgendaOfAsync(series, cancellationToken).ConfigureAwait(false);
    }

    private static string KeyOf(SeriesId series) => AggregateRepository<MeetingSeries>.StreamOf(series).Value;

    private static string IndexOf(SiteId? site) => site is null ? AgendaProjection.NextDueIndex : AgendaProjection.SiteNextDueIndex;

    private static DocumentRange RangeUpTo(Instant until, SiteId? site)
        => site is { } s
            ? DocumentRange.Between(DocumentIndexEntry.Compose(s.Value, string.Empty), DocumentIndexEntry.Compose(s.Value, DocumentIndexEntry.Of(until)))
            : DocumentRange.UpTo(DocumentIndexEntry.Of(until));

    private static void CheckLimit(int limit)
    {
        if (limit is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A page holds 1 to 10,000 series.");
        }
    }

    private static void CheckTolerance(Duration tolerance)
    {
        if (tolerance < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "A tolerance is zero or more.");
        }
    }

    /// <summary>The found meetings grouped under the page's series, in the page's order; series with none are left out.</summary>
    private static List<AgendaMeetings> Group(IReadOnlyList<AgendaSeries> page, IReadOnlyList<AgendaEntry>? found)
    {
        var result = new List<AgendaMeetings>();
        if (found is null)
        {
            return result;
        }

        foreach (var document in page)
        {
            var meetings = found.Where(e => e.Occurrence.Series == document.Series).ToList();
            if (meetings.Count > 0)
            {
                result.Add(new AgendaMeetings(document, meetings));
            }
        }

        return result;
    }

    private ValueTask<MeetingAgenda?> AgendaOfAsync(IReadOnlyList<AgendaSeries> documents, CancellationToken cancellationToken)
        => AgendaOfAsync([.. documents.Select(d => d.Series)], cancellationToken);

    /// <summary>The domain's agenda of some series as the store holds them now, with the series they are linked to (a linked series is timetabled with its base).</summary>
    private async ValueTask<MeetingAgenda?> AgendaOfAsync(IReadOnlyList<SeriesId> series, CancellationToken cancellationToken)
    {
        var states = new Dictionary<SeriesId, MeetingSeriesState>();
        var pending = new Queue<SeriesId>(series);
        var cache = aggregates.Of<MeetingSeries>();
        while (pending.TryDequeue(out var id))
        {
            if (states.ContainsKey(id))
            {
                continue;
            }

            if (await cache.CurrentAsync(AggregateRepository<MeetingSeries>.StreamOf(id), cancellationToken).ConfigureAwait(false) is not { } loaded)
            {
                continue;
            }

            states[id] = loaded.State;
            if (loaded.State.Plan.Cadence.LinkedTo is { } linked)
            {
                pending.Enqueue(linked);
            }
        }

        return states.Count == 0 ? null : new MeetingAgenda(states.Values);
    }
}
