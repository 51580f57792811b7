using System.Threading;
using System.Threading.Tasks;
using CoProduction.Ethics;
using CoProduction.Projections;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// The deviation register's queries: protocol deviations open, due by a date, overdue, of a protocol or a site; ethical
/// dilemmas open, of a protocol or a site. Every list is paged. "Today" is the registered <see cref="IClock"/>'s date in
/// the deviation's site zone (recorded with it; <c>CoProductionOptions.DefaultTimeZone</c> for deviations recorded without
/// one). <see cref="DeviationsDueByAsync"/> is the agenda of deviation deadlines. As recent as the projections' checkpoints.
/// </summary>
public interface IDeviationRegister
{
    /// <summary>Finds one deviation.</summary>
    /// <param name="deviation">The deviation.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Its entry, or <see langword="null"/> when the register has not seen it.</returns>
    ValueTask<DeviationEntry?> DeviationAsync(DeviationId deviation, CancellationToken cancellationToken = default);

    /// <summary>The deviations still to be reported, by due date (then id).</summary>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<DeviationEntry>> OpenDeviationsAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The deviations still to be reported whose report is due on or before a date (overdue ones included), by due date.</summary>
    /// <param name="date">The date.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<DeviationEntry>> DeviationsDueByAsync(LocalDate date, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The deviations still to be reported after their deadline passed (due before today in their site's zone), by due date; a page may hold fewer than <paramref name="limit"/> entries while <see cref="DocumentPage{TDocument}.Next"/> goes on.</summary>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<DeviationEntry>> OverdueDeviationsAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Every deviation from a protocol, by due date.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<DeviationEntry>> DeviationsOfProtocolAsync(ProtocolId protocol, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Every deviation at a site, by due date.</summary>
    /// <param name="site">The site.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<DeviationEntry>> DeviationsOfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Finds one dilemma.</summary>
    /// <param name="dilemma">The dilemma.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Its entry, or <see langword="null"/> when the register has not seen it.</returns>
    ValueTask<DilemmaEntry?> DilemmaAsync(DilemmaId dilemma, CancellationToken cancellationToken = default);

    /// <summary>The dilemmas still open (raised or discussed), oldest first.</summary>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<DilemmaEntry>> OpenDilemmasAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Every dilemma concerning a protocol, oldest first.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<DilemmaEntry>> DilemmasOfProtocolAsync(ProtocolId protocol, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Every dilemma raised at a site, oldest first.</summary>
    /// <param name="site">The site.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page.</returns>
    ValueTask<DocumentPage<DilemmaEntry>> DilemmasOfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);
}
