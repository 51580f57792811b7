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
    /// <summary>Gets the cross-site comparison of the last twelve months (the table under the pictures).</summary>
    public IReadOnlyList<SiteComparisonRow> Comparison { get; private set; } = [];

    /// <summary>The programme timeline of the last twelve months as a PNG (the page's picture), drawn from the read models on each request.</summary>
    public Task<IActionResult> OnGetTimelineAsync() => PictureAsync(ReportKind.Timeline);

    /// <summary>The cross-site comparison chart of the last twelve months as a PNG.</summary>
    public Task<IActionResult> OnGetComparisonAsync() => PictureAsync(ReportKind.Comparison);

    private async Task<IActionResult> PictureAsync(ReportKind kind)
        => File(renderer.Png(await LastYearAsync(), kind), "image/png");

    private async Task<ProgrammeReportData> LastYearAsync()
    {
        var today = clock.GetCurrentInstant().InUtc().Date;
        return await reports.BuildAsync(new ProgrammeReportScope("RESYST learning sites", today.PlusYears(-1), today), HttpContext.RequestAborted);
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
        if (sites.Count > 0)
        {
            Comparison = (await LastYearAsync()).Comparison;
        }
    }
}
