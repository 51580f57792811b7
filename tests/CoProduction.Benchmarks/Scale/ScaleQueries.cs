using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Streams;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CoProduction.Benchmarks.Scale;

/// <summary>
/// The seam for the two register queries the scale benchmark times. Until <c>IProtocolRegister</c> and
/// <c>ICycleRegister</c> (in <c>CoProduction.ReadModels</c>) are merged, it answers as an app had to before them:
/// the stream index lists the category's streams and each aggregate is loaded from the store. After the merge,
/// these two methods call the registers, and the table's columns measure them.
/// </summary>
internal sealed class ScaleQueries(IServiceProvider services)
{
    private readonly IStreamIndex index = services.GetRequiredService<IStreamIndex>();
    private readonly AggregateRepository<Protocol> protocols = new(services.GetRequiredService<IEventStore>(), services.GetRequiredService<EventSerializer>());
    private readonly AggregateRepository<Cycle> cycles = new(services.GetRequiredService<IEventStore>(), services.GetRequiredService<EventSerializer>());

    /// <summary>How many protocols' approval ends within <paramref name="days"/> days of the benchmark's today.</summary>
    public async Task<int> ProtocolsEndingWithinAsync(int days, CancellationToken cancellationToken)
    {
        var today = ScaleSeed.Now.InZone(ScaleSeed.Zone).Date;
        var until = today.PlusDays(days);
        var found = 0;
        await foreach (var stream in StreamsAsync(Protocol.StreamCategory, cancellationToken).ConfigureAwait(false))
        {
            var protocol = await protocols.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            if (protocol.State.ApprovalEnd is { } end && end >= today && end <= until)
            {
                found++;
            }
        }

        return found;
    }

    /// <summary>How many cycles of a site are not completed or abandoned.</summary>
    public async Task<int> OpenCyclesOfSiteAsync(SiteId site, CancellationToken cancellationToken)
    {
        var found = 0;
        await foreach (var stream in StreamsAsync(Cycle.StreamCategory, cancellationToken).ConfigureAwait(false))
        {
            var cycle = await cycles.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
            if (cycle.State.Site == site && !cycle.State.IsFinal)
            {
                found++;
            }
        }

        return found;
    }

    private async IAsyncEnumerable<StreamId> StreamsAsync(string category, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StreamId? after = null;
        while (true)
        {
            var page = await index.ListAsync(category, after, 500, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                yield return entry.Stream;
            }

            if (page.Count < 500)
            {
                yield break;
            }

            after = page[^1].Stream;
        }
    }
}
