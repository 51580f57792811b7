using CoProduction.Cycles;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Sites;
using CoProduction.Streams;
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
/// never registered (no site stream, or unknown to the app's roster) is refused with <see cref="UnknownSiteException"/>:
/// nothing is decided or written.
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
            // A site never registered has no roster: refused here, before anything is decided or written.
            var stored = await aggregates.Of<LearningSite>().CurrentAsync(AggregateRepository<LearningSite>.StreamOf(site), cancellationToken).ConfigureAwait(false)
                ?? throw new UnknownSiteException($"decide a cycle's command at site '{site}'", [site], await RegisteredSitesAsync(cancellationToken).ConfigureAwait(false));
            siteRoster = TeamRoster.Of(stored.State);
        }
        else if (siteRoster.TimeZoneIdOf(site) is null)
        {
            throw new UnknownSiteException($"decide a cycle's command at site '{site}'", [site], []);
        }

        var siteGate = gate ?? await gates.GetGateAsync(site, cancellationToken).ConfigureAwait(false);
        return new CycleRules(siteGate, siteRoster, zones, policy);
    }

    /// <summary>The first registered sites the stream index lists, for the refusal's text (only read on that path).</summary>
    private async ValueTask<IReadOnlyList<SiteId>> RegisteredSitesAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<IStreamIndex>() is not { } index)
        {
            return [];
        }

        var prefix = LearningSite.StreamCategory + "-";
        var listed = await index.ListAsync(LearningSite.StreamCategory, null, 100, cancellationToken).ConfigureAwait(false);
        return [.. listed.Where(e => e.Stream.Value.StartsWith(prefix, StringComparison.Ordinal)).Select(e => new SiteId(e.Stream.Value[prefix.Length..]))];
    }
}
