using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Streams;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace CoProduction.Samples.Board.Pages;

/// <summary>
/// A protocol from the register: status, approval end, versions, the difference between two versions and its
/// amendments. A site member proposes an amendment (drafted and submitted in turn); the protocol's committee
/// reviewers — and only they — see the review and approve forms; the library refuses anyone else behind them.
/// </summary>
public sealed class ProtocolModel(
    IProtocolRegister register,
    IStreamIndex streams,
    AggregateRepository<Amendment> amendments,
    AggregateRepository<Protocol> protocols,
    IAggregateCommands<Amendment> amendmentCommands,
    AmendmentWorkflow workflow,
    ProtocolCommands protocolCommands,
    ICurrentActor actor,
    ISiteBoard board,
    IClock clock) : BoardPage
{
    private static readonly Dictionary<string, string> ProposalFields = new(StringComparer.Ordinal) { ["rationale"] = nameof(Rationale) };

    public ProtocolEntry? Entry { get; private set; }

    public IReadOnlyList<AmendmentState> Amendments { get; private set; } = [];

    public bool IsReviewer { get; private set; }

    public LocalDate Today { get; private set; }

    public string CommandId { get; } = Guid.NewGuid().ToString("N");

    [BindProperty(SupportsGet = true)] public int? From { get; set; }

    [BindProperty(SupportsGet = true)] public int? To { get; set; }

    public ScopeDiff? Diff { get; private set; }

    [BindProperty] public string? Rationale { get; set; }

    [BindProperty] public string? AddMethod { get; set; }

    [BindProperty] public string? AddGroup { get; set; }

    public Task OnGetAsync(string id) => LoadAsync(id);

    public async Task<IActionResult> OnPostProposeAsync(string id, string commandId)
    {
        var done = await TryAsync(
            async () =>
            {
                var protocol = await protocols.LoadAsync(AggregateRepository<Protocol>.StreamOf(new ProtocolId(id)), HttpContext.RequestAborted);
                var items = new List<ScopeItem>();
                if (!string.IsNullOrEmpty(AddMethod))
                {
                    items.Add(ScopeItem.Of(DataCollectionMethod.Named(AddMethod)));
                }

                if (!string.IsNullOrEmpty(AddGroup))
                {
                    items.Add(ScopeItem.Of(RespondentGroup.Named(AddGroup)));
                }

                var today = await TodayAtAsync(protocol.State.CurrentScope.Sites);
                var rules = await protocolCommands.RulesForAsync(protocol.State.CurrentScope.Sites, HttpContext.RequestAborted);
                var number = (await AmendmentsOfAsync(protocol.Id)).Count + 1;
                var draft = new AmendmentDraft(new AmendmentId($"{id}-A{number}"), Rationale ?? "", AmendmentChanges.Adding([.. items]));
                await amendmentCommands.CreateAsync(
                    ctx => Amendment.Draft(draft, protocol, today, new ProtocolContext(ctx.Stamp, rules)),
                    new CommandId($"board/{commandId}/draft"), cancellationToken: HttpContext.RequestAborted);
                var submitted = await workflow.SubmitAsync(draft.Id, new CommandId($"board/{commandId}/submit"), cancellationToken: HttpContext.RequestAborted);
                return submitted.Append?.LastPosition ?? 0;
            },
            ProposalFields,
            () => RedirectToPage(new { id }));
        return done ?? await ReloadAsync(id);
    }

    public async Task<IActionResult> OnPostSubmitAsync(string id, string amendment, string commandId)
        => await TryAsync(async () => (await workflow.SubmitAsync(new AmendmentId(amendment), new CommandId($"board/{commandId}"), cancellationToken: HttpContext.RequestAborted)).Append?.LastPosition ?? 0,
            ProposalFields, () => RedirectToPage(new { id })) ?? await ReloadAsync(id);

    public async Task<IActionResult> OnPostStartReviewAsync(string id, string amendment, string commandId)
        => await TryAsync(async () => (await amendmentCommands.ExecuteAsync(new AmendmentId(amendment), (a, c) => a.StartReview(c.Stamp), new CommandId($"board/{commandId}"), cancellationToken: HttpContext.RequestAborted)).Append?.LastPosition ?? 0,
            ProposalFields, () => RedirectToPage(new { id })) ?? await ReloadAsync(id);

    public async Task<IActionResult> OnPostApproveAsync(string id, string amendment, string commandId)
        => await TryAsync(
            async () =>
            {
                var entry = await register.GetAsync(new ProtocolId(id), HttpContext.RequestAborted);
                var result = await workflow.ApproveAsync(new AmendmentId(amendment), await TodayAtAsync(entry?.Sites ?? default), new CommandId($"board/{commandId}"), cancellationToken: HttpContext.RequestAborted);
                return result.Append?.LastPosition ?? 0;
            },
            ProposalFields, () => RedirectToPage(new { id })) ?? await ReloadAsync(id);

    private async Task<IActionResult> ReloadAsync(string id)
    {
        await LoadAsync(id);
        return Page();
    }

    /// <summary>Today in the zone of the protocol's first site (the site board knows it), so a date a committee records is the date where the work happens.</summary>
    private async Task<LocalDate> TodayAtAsync(ValueList<SiteId> sites)
        => sites.Count > 0 && await board.GetAsync(sites[0], HttpContext.RequestAborted) is { } site
            ? site.Today
            : clock.GetCurrentInstant().InUtc().Date;

    /// <summary>
    /// The protocol's amendments, found in the stream index by the ids this page gives them (<c>{protocol}-A{n}</c>), so a
    /// page loads its own protocol's amendments only, not every amendment in the store.
    /// </summary>
    private async Task<List<AmendmentState>> AmendmentsOfAsync(ProtocolId protocol)
    {
        var prefix = AggregateRepository<Amendment>.StreamOf(new AmendmentId($"{protocol}-A1")).Value[..^1];
        var found = new List<AmendmentState>();
        foreach (var entry in await streams.ListAsync(Amendment.StreamCategory, limit: 1000, cancellationToken: HttpContext.RequestAborted))
        {
            if (entry.Stream.Value.StartsWith(prefix, StringComparison.Ordinal)
                && await amendments.TryLoadAsync(entry.Stream, HttpContext.RequestAborted) is { } amendment && amendment.State.Protocol == protocol)
            {
                found.Add(amendment.State);
            }
        }

        return found;
    }

    private async Task LoadAsync(string id)
    {
        Entry = await register.GetAsync(new ProtocolId(id), HttpContext.RequestAborted);
        if (Entry is null)
        {
            Response.StatusCode = 404;
            return;
        }

        Today = await TodayAtAsync(Entry.Sites);
        IsReviewer = Seed.Roster.IsReviewer(Entry.Committee, actor.Current, Today);
        Amendments = await AmendmentsOfAsync(Entry.Id);
        var last = Entry.Versions.Count;
        if (last >= 1)
        {
            var from = Math.Clamp(From ?? Math.Max(1, last - 1), 1, last);
            var to = Math.Clamp(To ?? last, 1, last);
            (From, To) = (from, to);
            var versions = Entry.Versions;
            Diff = versions.First(v => v.Number == from).Scope.DiffTo(versions.First(v => v.Number == to).Scope);
        }
    }
}
