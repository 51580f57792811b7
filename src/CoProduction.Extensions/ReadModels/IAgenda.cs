using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// The agenda's queries: meetings due and overdue per site and series, and how well each series kept its cadence.
/// "Now" is the registered <see cref="IClock"/>'s. Candidates come from the read model's <c>next-due</c> index (only
/// series whose first meeting still to be held starts by the instant asked); the domain's <see cref="MeetingAgenda"/>
/// decides over those series' current state. As recent as the projection's checkpoint.
/// </summary>
public interface IAgenda
{
    /// <summary>Finds one series.</summary>
    /// <param name="series">The series.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Its document, or <see langword="null"/> when the agenda has not seen it.</returns>
    ValueTask<AgendaSeries?> GetAsync(SeriesId series, CancellationToken cancellationToken = default);

    /// <summary>Lists a site's series, a page at a time, by series.</summary>
    /// <param name="site">The site.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<AgendaSeries>> OfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// The meetings still to be held (scheduled or moved) whose current start is from now up to <paramref name="until"/>
    /// (exclusive), per series, a page of series at a time in order of their first open meeting.
    /// </summary>
    /// <param name="until">The window's end; after now.</param>
    /// <param name="site">Only this site's series; <see langword="null"/> for every site.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">How many series a page reads, 1 to 10,000; a page holds only those with a meeting due, so it may hold fewer.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page; read on while <see cref="DocumentPage{TDocument}.Next"/> is not <see langword="null"/>.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="until"/> is not after now, or the limit is out of range.</exception>
    ValueTask<DocumentPage<AgendaMeetings>> DueAsync(
        Instant until, SiteId? site = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// The meetings whose current end has passed with nothing recorded, per series, a page of series at a time in
    /// order of their first open meeting.
    /// </summary>
    /// <param name="site">Only this site's series; <see langword="null"/> for every site.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">How many series a page reads, 1 to 10,000; a page holds only those with a meeting overdue, so it may hold fewer.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page; read on while <see cref="DocumentPage{TDocument}.Next"/> is not <see langword="null"/>.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">The limit is out of range.</exception>
    ValueTask<DocumentPage<AgendaMeetings>> OverdueAsync(
        SiteId? site = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>How well a series kept its cadence up to now (the domain's <see cref="MeetingAgenda.CadenceKept"/>).</summary>
    /// <param name="series">The series.</param>
    /// <param name="tolerance">How far a held meeting may have moved from its planned start and still count as kept; not negative.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Its adherence, or <see langword="null"/> when the agenda has not seen the series.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative.</exception>
    ValueTask<CadenceAdherence?> AdherenceAsync(SeriesId series, Duration tolerance, CancellationToken cancellationToken = default);

    /// <summary>How well each series of a site kept its cadence up to now, a page of series at a time, by series.</summary>
    /// <param name="site">The site.</param>
    /// <param name="tolerance">How far a held meeting may have moved from its planned start and still count as kept; not negative.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative, or the limit is out of range.</exception>
    ValueTask<DocumentPage<CadenceAdherence>> AdherenceOfSiteAsync(
        SiteId site, Duration tolerance, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);
}
