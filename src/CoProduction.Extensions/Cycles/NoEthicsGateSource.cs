using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Ethics;

namespace CoProduction.Cycles;

/// <summary>The fallback gate source: covers nothing and says how to fix that. Replaced by the protocols' source when they are in the store.</summary>
internal sealed class NoEthicsGateSource : IEthicsGateSource, IEthicsGate
{
    public ValueTask<IEthicsGate> GetGateAsync(SiteId site, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IEthicsGate>(this);

    public EthicsGateDecision Check(ResearchActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return EthicsGateDecision.NotCovered(
            activity,
            ["No approved protocol is known to this app, so no data-collecting activity is covered."],
            ["Register an IEthicsGate or an IEthicsGateSource with the container."]);
    }
}
