using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Ledger;
using CoProduction.Persistence;
using CoProduction.ReadModels;
using Microsoft.AspNetCore.Mvc;

namespace CoProduction.Samples.Board.Pages;

/// <summary>
/// A site's co-production ledger from the ledger read model: its insights, engagements, outputs and impacts with what
/// each draws on, the impacts by kind and level, the share of outputs with a manager co-author, and the trail from a
/// record forward (what it led to) or back (what it came from). A site member records an insight here.
/// </summary>
public sealed class LedgerModel(ILedger ledger, ISiteBoard board, IAggregateCommands<Insight> insights, ICurrentActor actor) : BoardPage
{
    private static readonly Dictionary<string, string> InsightFields = new(StringComparer.Ordinal)
    {
        ["statement"] = nameof(Statement), ["Statement"] = nameof(Statement), ["Authors"] = nameof(Statement),
    };

    public string Site { get; private set; } = "";

    public SiteBoardToday? Today { get; private set; }

    public IReadOnlyList<LedgerRecord> Records { get; private set; } = [];

    public IReadOnlyList<ImpactCount> Impacts { get; private set; } = [];

    public CoAuthorship? CoAuthorship { get; private set; }

    public LedgerTrail? Trail { get; private set; }

    public string CommandId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The record to trace, as <c>Kind:id</c> (for example <c>Impact:kilifi-fif-act</c>).</summary>
    [BindProperty(SupportsGet = true)] public string? Trace { get; set; }

    [BindProperty(SupportsGet = true)] public TrailDirection Direction { get; set; }

    [BindProperty] public string? Statement { get; set; }

    public Task OnGetAsync(string site) => LoadAsync(site);

    public async Task<IActionResult> OnPostInsightAsync(string site, string commandId)
    {
        var done = await TryAsync(
            async () =>
            {
                var today = (await board.GetAsync(new SiteId(site), HttpContext.RequestAborted))?.Today ?? default;
                var result = await insights.CreateAsync(
                    ctx => Insight.Record(
                        new InsightRecording(new InsightId("insight-" + commandId[..12]), new SiteId(site), Statement ?? "", today)
                        {
                            Authors = actor.Current.MemberId is { } member ? [member] : [],
                            Source = InsightSourceKind.Observation,
                            SourceReference = "the board",
                        },
                        ctx.Stamp),
                    new CommandId("board/" + commandId), cancellationToken: HttpContext.RequestAborted);
                return result.Append?.LastPosition ?? 0;
            },
            InsightFields,
            () => RedirectToPage(new { site }));
        if (done is not null)
        {
            return done;
        }

        await LoadAsync(site);
        return Page();
    }

    private async Task LoadAsync(string site)
    {
        Site = site;
        var id = new SiteId(site);
        var ct = HttpContext.RequestAborted;
        Today = await board.GetAsync(id, ct);
        if (Today is null)
        {
            Response.StatusCode = 404;
            return;
        }

        Records = (await ledger.AtSiteAsync(id, cancellationToken: ct)).Items;
        Impacts = await ledger.ImpactsAsync(id, ct);
        CoAuthorship = await ledger.CoAuthorshipAsync(id, ct);
        if (Trace?.Split(':', 2) is [var kind, var record] && Enum.TryParse<LedgerRecordKind>(kind, out var recordKind) && record.Length > 0)
        {
            Trail = await ledger.TraceAsync(new LedgerReference(recordKind, record), Direction, ct);
        }
    }
}
