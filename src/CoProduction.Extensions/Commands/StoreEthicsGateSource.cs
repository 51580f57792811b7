using CoProduction.Cycles;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sweeps;

namespace CoProduction.Commands;

/// <summary>
/// The default <see cref="IEthicsGateSource"/>: a <see cref="ProtocolEthicsGate"/> over every protocol in
/// the store, loaded as they stand now (the gate itself checks each activity's site and date).
/// </summary>
internal sealed class StoreEthicsGateSource(StreamCatalogue catalogue, AggregateRepository<Protocol> protocols) : IEthicsGateSource
{
    public async ValueTask<IEthicsGate> GetGateAsync(SiteId site, CancellationToken cancellationToken = default)
    {
        var loaded = new List<Protocol>();
        foreach (var stream in await catalogue.StreamsAsync(Protocol.StreamCategory, cancellationToken).ConfigureAwait(false))
        {
            if (await protocols.TryLoadAsync(stream, cancellationToken).ConfigureAwait(false) is { } protocol)
            {
                loaded.Add(protocol);
            }
        }

        return new ProtocolEthicsGate(loaded);
    }
}
