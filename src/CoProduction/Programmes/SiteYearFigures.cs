using CoProduction.Scheduling;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Programmes;

/// <summary>
/// One learning site's figures for one calendar year of its own calendar, as the programme comparison computes them
/// from the domain's own rules: the cycles' timelines, the meeting series' agenda, the team roster and the protocols'
/// dated standing.
/// </summary>
/// <param name="Site">The site.</param>
/// <param name="Name">The site's name.</param>
/// <param name="Country">The country.</param>
/// <param name="Level">The level of the health system.</param>
/// <param name="Year">The calendar year.</param>
/// <param name="CyclesStarted">Cycles whose start date falls in the year.</param>
/// <param name="CyclesCompleted">Cycles completed in the year (abandoned cycles are not counted).</param>
/// <param name="StagesEnded">Stage visits that ended in the year (by the next stage, completion or abandonment), those <paramref name="MeanStageLength"/> averages.</param>
/// <param name="MeanStageLength">The mean of those stages' <see cref="Cycles.StageVisit.LengthWithoutPauses"/>; <see langword="null"/> when none ended.</param>
/// <param name="Cadence">Per meeting series of the site, the meetings planned to start in the year and how they went (see <see cref="CadenceAdherence"/>), by series id.</param>
/// <param name="Members">Turnover of the whole team in the year (<see cref="TeamRoster.TurnoverIn"/>).</param>
/// <param name="Managers">Turnover of the managers' roles in the year.</param>
/// <param name="ProtocolsInForce">The protocol versions in force at the site on at least one day of the year, scope naming the site, by protocol id then first day.</param>
public sealed record SiteYearFigures(
    SiteId Site,
    string Name,
    CountryCode Country,
    SiteLevel Level,
    int Year,
    int CyclesStarted,
    int CyclesCompleted,
    int StagesEnded,
    Duration? MeanStageLength,
    ValueList<CadenceAdherence> Cadence,
    YearTurnover Members,
    YearTurnover Managers,
    ValueList<ProtocolInForceSummary> ProtocolsInForce)
{
    /// <summary>Gets the share of the year's due meetings kept, across the site's series, from 0 to 1; 1 when none was due.</summary>
    public double CadenceRatio
    {
        get
        {
            int due = 0, kept = 0;
            foreach (var series in Cadence)
            {
                due += series.Due;
                kept += series.Kept;
            }

            return due == 0 ? 1.0 : (double)kept / due;
        }
    }
}
