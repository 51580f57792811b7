using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// Questions about protocols, answered from the protocol register (<see cref="ProtocolRegister"/>): one protocol,
/// approvals ending soon, what was approved for a site on a date, pending amendments, sub-studies, umbrella protocols
/// and the protocols of a site. Registered by <c>AddCoProduction</c> on every store.
/// </summary>
/// <remarks>
/// Answers come from the committed model, which follows the store within moments; after a command, wait for its
/// position with <see cref="ProjectionRunner.WaitForProjectionsAsync"/> to read your own write. Lists that grow are
/// paged: pass a page's <see cref="DocumentPage{TDocument}.Next"/> as <c>after</c>; <c>limit</c> is 1 to 10,000.
/// </remarks>
public interface IProtocolRegister
{
    /// <summary>Reads one protocol's entry.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entry, or <see langword="null"/> when the register knows no such protocol.</returns>
    ValueTask<ProtocolEntry?> GetAsync(ProtocolId protocol, CancellationToken cancellationToken = default);

    /// <summary>
    /// The approved, suspended or expired protocols whose approval ends from today to <paramref name="days"/> days after
    /// it, soonest first; today is the clock's date in <c>CoProductionOptions.DefaultTimeZone</c>.
    /// </summary>
    /// <param name="days">How many days ahead, 0 (ending today) to 3,660.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A page of entries, by approval end then id.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="days"/> is not 0 to 3,660.</exception>
    ValueTask<DocumentPage<ProtocolEntry>> EndingWithinAsync(int days, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// What was approved for a site on a date: each protocol naming the site whose version in force that day
    /// (<see cref="ProtocolState.VersionInForceOn"/>) includes the site, with that version's number and scope.
    /// </summary>
    /// <param name="site">The site.</param>
    /// <param name="date">The date.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The approvals, by protocol id; empty when nothing permitted research at the site that day.</returns>
    ValueTask<IReadOnlyList<SiteApproval>> ApprovedOnAsync(SiteId site, LocalDate date, CancellationToken cancellationToken = default);

    /// <summary>The protocols with amendments awaiting a decision, the longest-waiting first.</summary>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A page of entries, by earliest lodging then id; each entry lists its pending amendments.</returns>
    ValueTask<DocumentPage<ProtocolEntry>> PendingAmendmentsAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The sub-studies of a protocol: the protocols whose parent it is.</summary>
    /// <param name="parent">The parent protocol.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A page of entries, by id.</returns>
    ValueTask<DocumentPage<ProtocolEntry>> SubStudiesAsync(ProtocolId parent, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The umbrella protocols, shared across sites; each entry's <see cref="ProtocolEntry.Sites"/> are its sites.</summary>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A page of entries, by id.</returns>
    ValueTask<DocumentPage<ProtocolEntry>> UmbrellasAsync(DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The protocols of a site: every protocol a version or the proposed scope of which names it.</summary>
    /// <param name="site">The site.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A page of entries, by id.</returns>
    ValueTask<DocumentPage<ProtocolEntry>> OfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The protocols a committee reviews.</summary>
    /// <param name="committee">The committee.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A page of entries, by id.</returns>
    ValueTask<DocumentPage<ProtocolEntry>> OfCommitteeAsync(CommitteeId committee, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);
}
