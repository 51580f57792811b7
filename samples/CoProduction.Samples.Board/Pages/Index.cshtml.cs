using System.Collections.Generic;
using System.Threading.Tasks;
using CoProduction.ReadModels;
using CoProduction.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace CoProduction.Samples.Board.Pages;

/// <summary>The programme overview: the timeline picture of the last year, and each site with its open cycles and its protocols, from the read models.</summary>
public sealed class IndexModel(ISiteBoard board, ICycleRegister cycles, IProtocolRegister protocols, IProgrammeReports reports, ReportRenderer renderer, IClock clock) : PageModel
{
    /// <summary>The programme timeline of the last twelve months as a PNG (the page's picture), drawn from the read models on each request.</summary>
    public async Task<IActionResult> OnGetTimelineAsync()
    {
        var today = clock.GetCurrentInstant().InUtc().Date;
        var data = await reports.BuildAsync(new ProgrammeReportScope("RESYST learning sites", today.PlusYears(-1), today), HttpContext.RequestAborted);
        return File(renderer.Png(data, ReportKind.Timeline), "image/png");
    }

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
