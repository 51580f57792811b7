using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.ReadModels;

namespace CoProduction.Commands;

/// <summary>
/// The default <see cref="IEthicsGateSource"/>: one <see cref="ProtocolEthicsGate"/> over every protocol the protocol
/// register knows (umbrella protocols included), with the registered committee policies (a lapsed protocol whose
/// committee pauses late renewals pauses data collection), kept between commands and rebuilt only when the register moved.
/// </summary>
/// <remarks>
/// Before deciding, it waits until the register has folded everything committed before the command, so a protocol
/// approved just before is seen. It learns which protocols changed from the register's <c>changed</c> index since the
/// position it last folded, and brings only those up to date from the command side's cached aggregates: a command
/// after which no protocol changed reads no protocol stream. The gate indexes its protocols by site, so its cost per
/// activity does not grow with the programme.
/// </remarks>
internal sealed class StoreEthicsGateSource(
    ProtocolRegister register,
    IDocumentStore documents,
    AggregateSource aggregates,
    ProjectionRunner runner,
    ICommitteePolicies committees) : IEthicsGateSource
{
    private readonly DocumentReader<ProtocolEntry> reader = new(documents, register);
    private readonly SemaphoreSlim gate = new(1, 1);

    // Ordinal by stream id: the gate's order of preference, as it was when every protocol stream was loaded.
    private readonly SortedDictionary<string, Protocol> protocols = new(StringComparer.Ordinal);
    private ProtocolEthicsGate current = new([]);
    private long folded;

    public async ValueTask<IEthicsGate> GetGateAsync(SiteId site, CancellationToken cancellationToken = default)
    {
        await runner.RequireCurrentAsync(ProtocolRegister.Self, "the ethics gate", cancellationToken).ConfigureAwait(false);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var changed = false;
            var range = DocumentRange.Between(DocumentIndexEntry.Of(folded + 1), DocumentRange.Highest);
            await foreach (var entry in reader.ReadAllAsync(ProtocolRegister.ByChange, range, cancellationToken).ConfigureAwait(false))
            {
                var stream = AggregateRepository<Protocol>.StreamOf(entry.Id);
                if (await aggregates.Of<Protocol>().CurrentAsync(stream, cancellationToken).ConfigureAwait(false) is { } protocol)
                {
                    protocols[stream.Value] = protocol;
                }

                folded = Math.Max(folded, entry.Position);
                changed = true;
            }

            if (changed)
            {
                // The gate keeps each protocol's state as it stands now; the cache may fold newer events into the aggregate later.
                current = new ProtocolEthicsGate(protocols.Values, committees);
            }

            return current;
        }
        finally
        {
            gate.Release();
        }
    }
}
