using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;
using CoProduction.ReadModels;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduction.Benchmarks.Scale;

/// <summary>The two register queries the scale benchmark times, as an app asks them: every page of the answer.</summary>
internal sealed class ScaleQueries(IServiceProvider services)
{
    private readonly IProtocolRegister protocols = services.GetRequiredService<IProtocolRegister>();
    private readonly ICycleRegister cycles = services.GetRequiredService<ICycleRegister>();

    /// <summary>How many protocols' approval ends within <paramref name="days"/> days of the clock's today.</summary>
    public async Task<int> ProtocolsEndingWithinAsync(int days, CancellationToken cancellationToken)
    {
        var found = 0;
        DocumentCursor? after = null;
        do
        {
            var page = await protocols.EndingWithinAsync(days, after, 1000, cancellationToken).ConfigureAwait(false);
            found += page.Items.Count;
            after = page.Next;
        }
        while (after is not null);

        return found;
    }

    /// <summary>What a screen of protocols ending within <paramref name="days"/> days reads: the first page of 100.</summary>
    public async Task<int> EndingWithinScreenAsync(int days, CancellationToken cancellationToken)
    {
        var page = await protocols.EndingWithinAsync(days, null, 100, cancellationToken).ConfigureAwait(false);
        return page.Items.Count;
    }

    /// <summary>How many cycles of a site are not completed or abandoned.</summary>
    public async Task<int> OpenCyclesOfSiteAsync(SiteId site, CancellationToken cancellationToken)
    {
        var found = 0;
        DocumentCursor? after = null;
        do
        {
            var page = await cycles.OpenAtSiteAsync(site, after, 1000, cancellationToken).ConfigureAwait(false);
            found += page.Items.Count;
            after = page.Next;
        }
        while (after is not null);

        return found;
    }
}
