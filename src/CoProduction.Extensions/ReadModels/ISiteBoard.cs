using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// Queries of the site board (projection <c>coproduction.site-board</c>): a site's team as of today, the sites, and
/// the core managers not engaged since a date.
/// </summary>
/// <remarks>
/// <para>"Today" is the registered <see cref="IClock"/>'s now in each site's own zone; who holds which role on it, and
/// who is a core manager, is decided by the domain's <see cref="Sites.TeamRoster"/> over the stored team.</para>
/// <para>The board answers as far as the projection has folded the feed: after a command, wait for its position with
/// <c>ProjectionRunner.WaitForAsync(result.Position, timeout)</c>. Pages hold 1 to 10,000 entries (<c>limit</c>);
/// another limit throws <see cref="System.ArgumentOutOfRangeException"/>.</para>
/// </remarks>
public interface ISiteBoard
{
    /// <summary>A site's board as of today in its zone: members with the roles they hold today, core managers with their last engagement.</summary>
    /// <param name="site">The site.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The board, or <see langword="null"/> when the board holds no such site.</returns>
    /// <exception cref="System.ArgumentException">A default id.</exception>
    ValueTask<SiteBoardToday?> GetAsync(SiteId site, CancellationToken cancellationToken = default);

    /// <summary>The sites, by stream id (<c>site-{id}</c>).</summary>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<SiteBoardEntry>> ListAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// The core managers (as of today at their site) whose last engagement is on or before a date, or who were never
    /// engaged: never engaged first, then by last engagement, then site and member.
    /// </summary>
    /// <param name="date">The date, included, in the sites' calendars.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page. It may hold fewer than <paramref name="limit"/> managers while <c>Next</c> is set: the index also
    /// lists core members who no longer hold a manager role today, and those are left out.</returns>
    ValueTask<DocumentPage<SiteBoardManager>> CoreManagersNotEngagedSinceAsync(
        LocalDate date, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);
}
