using System.Collections.Generic;
using System.Threading.Tasks;
using CoProduction.ReadModels;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CoProduction.Samples.Board.Pages;

/// <summary>The programme overview: each site with its open cycles and its protocols, from the read models.</summary>
public sealed class IndexModel(ISiteBoard board, ICycleRegister cycles, IProtocolRegister protocols) : PageModel
{
    public IReadOnlyList<(SiteBoardEntry Site, IReadOnlyList<CycleEntry> Open, IReadOnlyList<ProtocolEntry> Protocols)> Sites { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var sites = new List<(SiteBoardEntry, IReadOnlyList<CycleEntry>, IReadOnlyList<ProtocolEntry>)>();
        foreach (var site in (await board.ListAsync(cancellationToken: ct)).Items)
        {
            sites.Add((site, (await cycles.OpenAtSiteAsync(site.Site, cancellationToken: ct)).Items, (await protocols.OfSiteAsync(site.Site, cancellationToken: ct)).Items));
        }

        Sites = sites;
    }
}
