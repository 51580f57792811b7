using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Programmes;

namespace CoProduction.ReadModels;

/// <summary>
/// The programme comparison: a programme's learning sites compared for one calendar year, and one site across years —
/// cycles started and completed, mean stage length without paused time, cadence adherence, member and manager
/// turnover, protocols in force. Kept by the <c>coproduction.programme-comparison</c> projection from the store, so it
/// is as recent as the projection's checkpoint (wait for a command's position to read your own writes).
/// </summary>
/// <remarks>
/// Years are the sites' own calendar years. A series' meeting counts as kept when held within seven days of its
/// planned start; a year still running counts its meetings still to come as unrecorded. A stage counts in the year it
/// ended; a stage still open is not measured.
/// </remarks>
public interface IProgrammeComparison
{
    /// <summary>Compares a programme's sites for one year.</summary>
    /// <param name="programme">The programme.</param>
    /// <param name="year">The calendar year, 1 to 9998.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The summary, one entry per site of the programme in its order (sites the store has not registered are left out); <see langword="null"/> when the programme is unknown.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="year"/> is outside 1 to 9998.</exception>
    ValueTask<ProgrammeSummary?> CompareAsync(ProgrammeId programme, int year, CancellationToken cancellationToken = default);

    /// <summary>One site's figures across a span of years.</summary>
    /// <param name="site">The site.</param>
    /// <param name="fromYear">The first year, 1 to 9998.</param>
    /// <param name="toYear">The last year, included: from <paramref name="fromYear"/> to 100 years after it, and at most 9998.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One entry per year, oldest first; empty when the site is unknown.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException">A year is out of range, or the span is longer than 100 years.</exception>
    ValueTask<IReadOnlyList<SiteYearFigures>> AcrossYearsAsync(SiteId site, int fromYear, int toYear, CancellationToken cancellationToken = default);
}
