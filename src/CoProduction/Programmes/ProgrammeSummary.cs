using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Programmes;

/// <summary>
/// A programme at a glance on a date, across its sites: members per site, open cycles and their
/// stages, and the protocols in force. Plain, value-equal data an app can render or serialize.
/// </summary>
/// <param name="Programme">The programme.</param>
/// <param name="Name">Its name.</param>
/// <param name="Period">Its period.</param>
/// <param name="On">The date summarized.</param>
/// <param name="Sites">One entry per site of the programme, in the programme's order.</param>
/// <param name="ProtocolsInForce">The protocols whose approval runs to <paramref name="On"/> or later, by id then version.</param>
public sealed record ProgrammeSummary(
    ProgrammeId Programme,
    string Name,
    DateInterval Period,
    LocalDate On,
    ValueList<SiteSummary> Sites,
    ValueList<ProtocolInForceSummary> ProtocolsInForce)
{
    /// <summary>Builds the summary of a programme on a date.</summary>
    /// <param name="programme">The programme's state.</param>
    /// <param name="roster">A roster holding every site of the programme (it may hold others).</param>
    /// <param name="openCycles">Open cycles from the cycles' read side; those of sites outside the programme are ignored.</param>
    /// <param name="protocols">Approved protocol versions from the protocols' read side; those that lapsed before <paramref name="on"/> are left out.</param>
    /// <param name="on">The date (each site's own calendar date; sites of one programme rarely differ by more than hours).</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A site of the programme is not in <paramref name="roster"/>.</exception>
    public static ProgrammeSummary Create(
        ProgrammeState programme,
        TeamRoster roster,
        IEnumerable<OpenCycleSummary> openCycles,
        IEnumerable<ProtocolInForceSummary> protocols,
        LocalDate on)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(openCycles);
        ArgumentNullException.ThrowIfNull(protocols);

        var cycles = openCycles.ToList();
        var sites = new List<SiteSummary>(programme.Sites.Count);
        foreach (var siteId in programme.Sites)
        {
            var site = roster.Site(siteId);
            var active = roster.ActiveOn(siteId, on);
            var byRole = Enum.GetValues<RoleKind>()
                .Select(kind => new RoleHeadcount(kind, active.Count(m => m.Roles.Any(r => r.Kind == kind))))
                .Where(h => h.Count > 0)
                .ToValueList();
            sites.Add(new SiteSummary(
                siteId,
                site.Name,
                site.Country,
                site.Level,
                site.TimeZoneId,
                active.Count,
                active.Count(m => m.IsCore),
                byRole,
                cycles.Where(c => c.Site == siteId).OrderBy(c => c.Number).ToValueList()));
        }

        var inForce = protocols
            .Where(p => p.ValidUntil >= on)
            .OrderBy(p => p.Protocol.Value, StringComparer.Ordinal)
            .ThenBy(p => p.Version)
            .ToValueList();
        return new ProgrammeSummary(programme.Id, programme.Name, programme.Period, on, sites.ToValueList(), inForce);
    }
}
