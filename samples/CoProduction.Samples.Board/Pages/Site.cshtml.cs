using System.Collections.Generic;
using System.Threading.Tasks;
using CoProduction.ReadModels;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CoProduction.Samples.Board.Pages;

public sealed class SiteModel(ISiteBoard board, IAuditTrail audit) : PageModel
{
    public SiteBoardToday? Today { get; private set; }

    public IReadOnlyList<AuditRecord> Audit { get; private set; } = [];

    public async Task OnGetAsync(string id)
    {
        var site = new SiteId(id);
        Today = await board.GetAsync(site);
        Audit = (await audit.OfSiteAsync(site)).Items;
    }
}
