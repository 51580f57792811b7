using CoProduction.Cycles;
using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CoProduction.Commands;

/// <summary>
/// The default <see cref="ICycleRulesProvider"/>: the registered <see cref="ITeamRoster"/> or, when none
/// is registered, the roster of the site as stored; the registered <see cref="IEthicsGate"/> or, when
/// none is registered, the <see cref="IEthicsGateSource"/>'s gate for the site; the policy from the options.
/// </summary>
/// <remarks>
/// The site comes from the command side's <see cref="AggregateSource"/>: cached, and brought up to date with only
/// the events stored since it was last read, so a command's cost does not grow with the site's history. A site
/// never registered gives an empty roster, which refuses starting a cycle there (<see cref="Protocols.UnknownSiteException"/>).
/// </remarks>
internal sealed class StoreCycleRulesProvider(
    IServiceProvider services,
    AggregateSource aggregates,
    IEthicsGateSource gates,
    IDateTimeZoneProvider zones,
    CyclePolicy policy) : ICycleRulesProvider
{
    private readonly ITeamRoster? roster = services.GetService<ITeamRoster>();
    private readonly IEthicsGate? gate = services.GetService<IEthicsGate>();

    public async ValueTask<CycleRules> GetRulesAsync(SiteId site, CancellationToken cancellationToken = default)
    {
        var siteRoster = roster;
        if (siteRoster is null)
        {
            var stored = await aggregates.Of<LearningSite>().CurrentAsync(AggregateRepository<LearningSite>.StreamOf(site), cancellationToken).ConfigureAwait(false);
            siteRoster = stored is null ? TeamRoster.Of() : TeamRoster.Of(stored.State);
        }

        var siteGate = gate ?? await gates.GetGateAsync(site, cancellationToken).ConfigureAwait(false);
        return new CycleRules(siteGate, siteRoster, zones, policy);
    }
}
