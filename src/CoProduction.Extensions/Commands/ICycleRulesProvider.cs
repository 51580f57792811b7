using CoProduction.Cycles;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Commands;

/// <summary>
/// Builds the <see cref="CycleRules"/> a cycle's command decides with at a site: the ethics gate, the
/// site's roster, the time-zone provider and the policy, as the store knows them now.
/// </summary>
/// <remarks>
/// The default loads the site's <see cref="Sites.LearningSite"/> for the roster (unless the app
/// registered an <see cref="Sites.ITeamRoster"/>) and uses the registered <see cref="Ethics.IEthicsGate"/>
/// (or, when none is registered, one built from the protocols in the store). Register your own to
/// decide otherwise, for example from a read model.
/// </remarks>
public interface ICycleRulesProvider
{
    /// <summary>Builds the rules for a command on a cycle at a site.</summary>
    /// <param name="site">The cycle's site.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>The rules, current as of the call.</returns>
    ValueTask<CycleRules> GetRulesAsync(SiteId site, CancellationToken cancellationToken = default);
}
