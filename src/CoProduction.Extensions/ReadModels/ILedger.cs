using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Programmes;
using CoProduction.Projections;

namespace CoProduction.ReadModels;

/// <summary>
/// Queries of the co-production ledger (projection <c>coproduction.ledger</c>): one record, the trail from a record forward
/// or back, a site's or a programme's records a page at a time, effort and cost per site per year by engagement kind,
/// impacts by kind and level, and the share of outputs with a manager co-author.
/// </summary>
/// <remarks>
/// <para>The ledger answers as far as the projection has folded the feed: after a command, wait for its position with
/// <c>ProjectionRunner.WaitForAsync(result.Position, timeout)</c> to read your own write.</para>
/// <para>Retracted records are left out of every total but stay in the ledger: a trail and a page show them with
/// <see cref="LedgerRecord.IsRetracted"/> set. A link to an id the ledger does not hold is shown as unresolved, never
/// followed and never an error (<see cref="LedgerTrail.Unresolved"/>).</para>
/// <para>A programme's queries read the sites the programme names now; an unknown programme gives an empty page or
/// <see langword="null"/>. Years are the records' own calendar days (<see cref="LedgerRecord.On"/>): no zone is involved.</para>
/// <para>Pages are in index order; pass a page's <see cref="DocumentPage{TDocument}.Next"/> as <c>after</c> for the next one.
/// A page holds 1 to 10,000 entries (<c>limit</c>); another limit throws <see cref="System.ArgumentOutOfRangeException"/>.</para>
/// </remarks>
public interface ILedger
{
    /// <summary>The most records one trail reaches: 10,000. A longer trail stops there, with <see cref="LedgerTrail.IsComplete"/> false.</summary>
    const int MaxTrailRecords = 10_000;

    /// <summary>The longest span of years one totals query reads: 100.</summary>
    const int MaxYears = 100;

    /// <summary>Reads one record.</summary>
    /// <param name="record">The record's kind and id, for example <c>LedgerReference.Of(new InsightId("kilifi-user-fees"))</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/> when the ledger holds none with that kind and id.</returns>
    /// <exception cref="System.ArgumentException">An undefined kind or a blank id.</exception>
    ValueTask<LedgerRecord?> GetAsync(LedgerReference record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows the links from a record: <see cref="TrailDirection.Forward"/> from an insight to the insights built on it, the
    /// engagements that carried it, the outputs that draw on it and the impacts linked to any of them;
    /// <see cref="TrailDirection.Back"/> from an impact to its outputs, engagements and insights and on down the insights'
    /// "builds on" chain. Across sites: the trail goes wherever the links go.
    /// </summary>
    /// <param name="start">The record to start from; any kind.</param>
    /// <param name="direction">Which way to follow the links.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The trail; <see langword="null"/> when the ledger does not hold <paramref name="start"/>.</returns>
    /// <exception cref="System.ArgumentException">An undefined kind or direction, or a blank id.</exception>
    ValueTask<LedgerTrail?> TraceAsync(LedgerReference start, TrailDirection direction, CancellationToken cancellationToken = default);

    /// <summary>A site's records, each with what it draws on: by kind (insights, engagements, outputs, impacts), then day. An engagement is listed at every site it involves.</summary>
    /// <param name="site">The site.</param>
    /// <param name="kind">One kind of record; <see langword="null"/> for every kind.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page, retracted records included.</returns>
    /// <exception cref="System.ArgumentException">A default site or an undefined kind.</exception>
    ValueTask<DocumentPage<LedgerRecord>> AtSiteAsync(
        SiteId site, LedgerRecordKind? kind = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>A programme's records: each of its sites in the programme's order, as <see cref="AtSiteAsync"/> lists them, but each record once, under the site that recorded it.</summary>
    /// <param name="programme">The programme.</param>
    /// <param name="kind">One kind of record; <see langword="null"/> for every kind.</param>
    /// <param name="after">Where the previous page ended; <see langword="null"/> for the first page.</param>
    /// <param name="limit">The page size, 1 to 10,000.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page; empty when the programme is unknown.</returns>
    /// <exception cref="System.ArgumentException">A default programme or an undefined kind.</exception>
    ValueTask<DocumentPage<LedgerRecord>> InProgrammeAsync(
        ProgrammeId programme, LedgerRecordKind? kind = null, DocumentCursor? after = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>A site's effort (person-hours) and cost (per currency, never converted) per year by engagement kind, retracted engagements left out.</summary>
    /// <param name="site">The site.</param>
    /// <param name="fromYear">The first year, 1 to 9998.</param>
    /// <param name="toYear">The last year, included: from <paramref name="fromYear"/> to 99 years after it, at most 9998.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// One entry per year and kind that has an engagement involving the site, by year then kind (enum order); at most four
    /// per year, so not paged. An engagement involving several sites counts at each, with the effort and cost entries of that site.
    /// </returns>
    /// <exception cref="System.ArgumentException">A default site.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A year out of range, or a span longer than 100 years.</exception>
    ValueTask<IReadOnlyList<EngagementTotals>> EffortAsync(SiteId site, int fromYear, int toYear, CancellationToken cancellationToken = default);

    /// <summary>Each of a programme's sites' effort and cost per year by engagement kind, as <see cref="EffortAsync(SiteId, int, int, CancellationToken)"/> gives them, site by site in the programme's order.</summary>
    /// <param name="programme">The programme.</param>
    /// <param name="fromYear">The first year, 1 to 9998.</param>
    /// <param name="toYear">The last year, included: from <paramref name="fromYear"/> to 99 years after it, at most 9998.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries; <see langword="null"/> when the programme is unknown. Adding the sites' entries counts each effort and cost entry once: an entry belongs to one site.</returns>
    /// <exception cref="System.ArgumentException">A default programme.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A year out of range, or a span longer than 100 years.</exception>
    ValueTask<IReadOnlyList<EngagementTotals>?> EffortInProgrammeAsync(ProgrammeId programme, int fromYear, int toYear, CancellationToken cancellationToken = default);

    /// <summary>A site's impacts by kind and level, claimed and corroborated counted apart, retracted impacts left out.</summary>
    /// <param name="site">The site the impacts are claimed for.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One entry per kind and level that has an impact, by kind then level (enum order); at most ten, so not paged.</returns>
    /// <exception cref="System.ArgumentException">A default site.</exception>
    ValueTask<IReadOnlyList<ImpactCount>> ImpactsAsync(SiteId site, CancellationToken cancellationToken = default);

    /// <summary>A programme's impacts by kind and level: its sites' counts added together.</summary>
    /// <param name="programme">The programme.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The counts, as for a site; <see langword="null"/> when the programme is unknown.</returns>
    /// <exception cref="System.ArgumentException">A default programme.</exception>
    ValueTask<IReadOnlyList<ImpactCount>?> ImpactsInProgrammeAsync(ProgrammeId programme, CancellationToken cancellationToken = default);

    /// <summary>A site's outputs and how many have a manager co-author, retracted outputs left out.</summary>
    /// <param name="site">The site.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The counts and their <see cref="CoAuthorship.Rate"/>.</returns>
    /// <exception cref="System.ArgumentException">A default site.</exception>
    ValueTask<CoAuthorship> CoAuthorshipAsync(SiteId site, CancellationToken cancellationToken = default);

    /// <summary>A programme's outputs and how many have a manager co-author: its sites' counts added together.</summary>
    /// <param name="programme">The programme.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The counts and their <see cref="CoAuthorship.Rate"/>; <see langword="null"/> when the programme is unknown.</returns>
    /// <exception cref="System.ArgumentException">A default programme.</exception>
    ValueTask<CoAuthorship?> CoAuthorshipInProgrammeAsync(ProgrammeId programme, CancellationToken cancellationToken = default);
}
