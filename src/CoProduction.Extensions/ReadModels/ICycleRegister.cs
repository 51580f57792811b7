using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Projections;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// Queries of the cycle register (projection <c>coproduction.cycle-register</c>): one cycle, a site's cycles by
/// stage, a site's open cycles, and the open stages whose expected length has run out by an instant.
/// </summary>
/// <remarks>
/// <para>The register answers as far as the projection has folded the feed: after a command, wait for its position
/// with <c>ProjectionRunner.WaitForAsync(result.Position, timeout)</c> to read your own write.</para>
/// <para>Why a trigger is blocked depends on the site's rules at a moment, so the register does not store it: a
/// cycle's buttons and their reasons come from <c>CycleCommands.AvailabilityAsync(cycleId)</c> (scoped, like every command).</para>
/// <para>Pages are in index order; pass a page's <see cref="DocumentPage{TDocument}.Next"/> as <c>after</c> for the next one.
/// A page holds 1 to 10,000 entries (<c>limit</c>); another limit throws <see cref="System.ArgumentOutOfRangeException"/>.</para>
/// </remarks>
public interface ICycleRegister
{
    /// <summary>Reads one cycle's entry.</summary>
    /// <param name="cycle">The cycle's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entry, or <see langword="null"/> when the register holds no such cycle.</returns>
    /// <exception cref="System.ArgumentException">A default id.</exception>
    ValueTask<CycleEntry?> GetAsync(CycleId cycle, CancellationToken cancellationToken = default);

    /// <summary>A site's cycles in a stage, by number; or, with no stage, all of them by stage name, then number.</summary>
    /// <param name="site">The site.</param>
    /// <param name="stage">The stage; <see langword="null"/> for every stage.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    /// <exception cref="System.ArgumentException">A default site, or an undefined stage.</exception>
    ValueTask<DocumentPage<CycleEntry>> AtSiteAsync(
        SiteId site, CycleStage? stage = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>A site's cycles that are not completed or abandoned (paused ones included), by number.</summary>
    /// <param name="site">The site.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    /// <exception cref="System.ArgumentException">A default site.</exception>
    ValueTask<DocumentPage<CycleEntry>> OpenAtSiteAsync(SiteId site, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>The open cycles whose current stage's expected length (paused time added) runs out by an instant, earliest first.</summary>
    /// <param name="by">The instant, included; for example the clock's now for the stages overrunning now.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page; a paused cycle is not in it (its stage's clock is stopped).</returns>
    ValueTask<DocumentPage<CycleEntry>> StageDueByAsync(Instant by, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);
}
