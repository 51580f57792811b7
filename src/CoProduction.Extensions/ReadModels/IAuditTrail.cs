using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;

namespace CoProduction.ReadModels;

/// <summary>
/// Who did what, when, in which role — for a protocol, a cycle or a site, over the whole history: every recorded
/// event, oldest first, from the audit projection (one document per event, on every store).
/// </summary>
/// <remarks>The role is read from the rosters as they are now (site tenures and committee tenures are dated, so a role held then is found).</remarks>
public interface IAuditTrail
{
    /// <summary>Everything recorded on a protocol, its amendments and its deviations.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="after">Where the previous page stopped.</param>
    /// <param name="limit">At most this many entries (1–10,000).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The entries, oldest first.</returns>
    ValueTask<DocumentPage<AuditRecord>> OfProtocolAsync(ProtocolId protocol, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Everything recorded on a cycle and the deviations opened from it.</summary>
    /// <param name="cycle">The cycle.</param>
    /// <param name="after">Where the previous page stopped.</param>
    /// <param name="limit">At most this many entries (1–10,000).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The entries, oldest first.</returns>
    ValueTask<DocumentPage<AuditRecord>> OfCycleAsync(CycleId cycle, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Everything recorded on a site, its cycles, its meeting series and dilemmas, and the protocols whose scope names it.</summary>
    /// <param name="site">The site.</param>
    /// <param name="after">Where the previous page stopped.</param>
    /// <param name="limit">At most this many entries (1–10,000).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The entries, oldest first.</returns>
    ValueTask<DocumentPage<AuditRecord>> OfSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);
}
