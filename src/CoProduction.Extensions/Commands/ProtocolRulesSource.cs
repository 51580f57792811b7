using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;

namespace CoProduction.Commands;

/// <summary>
/// Builds the <see cref="ProtocolRules"/> a protocol, amendment or deviation command decides with: the sites it names
/// that are registered in the store, the registered committee policies (<see cref="ICommitteePolicies"/>) and the
/// working-day calendar of its site (<c>builder.AddWorkingDayCalendar</c>; Monday to Friday otherwise).
/// </summary>
internal sealed class ProtocolRulesSource(AggregateSource aggregates, ICommitteePolicies committees, IEnumerable<WorkingDayCalendarRegistration> calendars)
{
    private readonly Dictionary<SiteId, WorkingDayCalendar> calendars = calendars.GroupBy(c => c.Site).ToDictionary(g => g.Key, g => g.Last().Calendar);

    /// <summary>Gets the registered committee policies.</summary>
    public ICommitteePolicies Committees => committees;

    /// <summary>The working-day calendar of a site.</summary>
    public WorkingDayCalendar CalendarOf(SiteId site) => calendars.GetValueOrDefault(site) ?? WorkingDayCalendar.MondayToFriday;

    /// <summary>The rules for a command naming <paramref name="sites"/>, with the calendar of <paramref name="calendarSite"/> (else of the first site).</summary>
    public async ValueTask<ProtocolRules> ForSitesAsync(IEnumerable<SiteId> sites, SiteId? calendarSite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var known = new List<SiteId>();
        SiteId? first = null;
        foreach (var site in sites.Distinct())
        {
            first ??= site;
            if (await aggregates.Of<LearningSite>().CurrentAsync(AggregateRepository<LearningSite>.StreamOf(site), cancellationToken).ConfigureAwait(false) is not null)
            {
                known.Add(site);
            }
        }

        var calendar = (calendarSite ?? first) is { } s ? CalendarOf(s) : WorkingDayCalendar.MondayToFriday;
        return ProtocolRules.Over(known, committees, calendar);
    }
}
