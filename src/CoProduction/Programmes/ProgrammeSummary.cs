using NodaTime;

namespace CoProduction.Programmes;

/// <summary>
/// A programme's learning sites compared for one calendar year: for each site, the cycles started and completed,
/// the mean stage length without paused time, cadence adherence, member and manager turnover and the protocols in
/// force. Plain, value-equal data an app can render or serialize; built from the store by the programme comparison
/// read model (<c>IProgrammeComparison.CompareAsync</c> in <c>CoProduction.Extensions</c>), never assembled by hand.
/// </summary>
/// <param name="Programme">The programme.</param>
/// <param name="Name">Its name.</param>
/// <param name="Period">Its period.</param>
/// <param name="Year">The calendar year compared (each site's own calendar).</param>
/// <param name="Sites">One entry per site of the programme, in the programme's order.</param>
public sealed record ProgrammeSummary(
    ProgrammeId Programme,
    string Name,
    DateInterval Period,
    int Year,
    ValueList<SiteYearFigures> Sites);
