using CoProduction.Cycles;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Ethics;

namespace CoProduction.Commands;

/// <summary>
/// Builds the <see cref="IEthicsGate"/> for a site from what the store knows now, when the app has not
/// registered a gate of its own. Register your own to answer from elsewhere.
/// </summary>
public interface IEthicsGateSource
{
    /// <summary>Builds the gate that decides for activities at a site.</summary>
    /// <param name="site">The site.</param>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>The gate, current as of the call.</returns>
    ValueTask<IEthicsGate> GetGateAsync(SiteId site, CancellationToken cancellationToken = default);
}
