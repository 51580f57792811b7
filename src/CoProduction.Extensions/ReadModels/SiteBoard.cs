using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>The <see cref="ISiteBoard"/> over the board's documents, "today" from the registered clock in each site's zone.</summary>
internal sealed class SiteBoard(IDocumentStore store, SiteBoardProjection projection, IClock clock, IDateTimeZoneProvider zones) : ISiteBoard
{
    private readonly DocumentReader<SiteBoardEntry> documents = new(store, projection);

    public async ValueTask<SiteBoardToday?> GetAsync(SiteId site, CancellationToken cancellationToken = default)
    {
        var stream = AggregateRepository<LearningSite>.StreamOf(Preconditions.CheckId(site, nameof(site))).Value;
        if (await documents.GetAsync(stream, cancellationToken).ConfigureAwait(false) is not { } entry)
        {
            return null;
        }

        var (roster, today) = Today(entry, clock.GetCurrentInstant());
        return new SiteBoardToday(entry, today, roster.ActiveOn(entry.Site, today), roster.CoreManagerEngagements(entry.Site, today));
    }

    public ValueTask<DocumentPage<SiteBoardEntry>> ListAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => documents.QueryAsync(null, DocumentRange.All, after, limit, cancellationToken);

    public ValueTask<DocumentPage<SiteBoardManager>> CoreManagersNotEngagedSinceAsync(
        LocalDate date, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default)
        => CoreManagersNotEngagedSinceAsync(date, clock.GetCurrentInstant(), after, limit, cancellationToken);

    /// <summary>The core managers not engaged since a date, each site's "today" taken at <paramref name="now"/> (the sweep's instant).</summary>
    internal async ValueTask<DocumentPage<SiteBoardManager>> CoreManagersNotEngagedSinceAsync(
        LocalDate date, Instant now, DocumentCursor? after, int limit, CancellationToken cancellationToken)
    {
        var found = await store.QueryDocumentsAsync(
            projection, SiteBoardProjection.EngagementIndex, SiteBoardProjection.EngagedUpTo(date), after, limit, cancellationToken).ConfigureAwait(false);
        var managers = new List<SiteBoardManager>(found.Count);
        var boards = new Dictionary<string, (TeamRoster Roster, LocalDate Today, IReadOnlyList<CoreManagerEngagement> Managers)>(System.StringComparer.Ordinal);
        foreach (var hit in found)
        {
            var entry = (SiteBoardEntry)hit.Document;
            if (!boards.TryGetValue(hit.Key, out var board))
            {
                var (roster, today) = Today(entry, now);
                board = (roster, today, roster.CoreManagerEngagements(entry.Site, today));
                boards[hit.Key] = board;
            }

            var member = SiteBoardProjection.MemberOf(hit.Value);
            foreach (var manager in board.Managers)
            {
                if (manager.Member == member && (manager.LastEngaged is not { } last || last <= date))
                {
                    managers.Add(new SiteBoardManager(entry.Site, entry.TimeZoneId, manager));
                }
            }
        }

        return new DocumentPage<SiteBoardManager>(managers, found.Count == limit ? new DocumentCursor(found[^1].Value, found[^1].Key) : null);
    }

    private (TeamRoster Roster, LocalDate Today) Today(SiteBoardEntry entry, Instant now)
    {
        var state = SiteBoardProjection.StateOf(entry);
        return (TeamRoster.Of(state), state.DateAt(now, zones));
    }
}
