using System.Collections.Generic;
using System.Threading.Tasks;
using CoProduction.Access;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace CoProduction.Samples.Board.Pages;

public sealed class CycleModel(AggregateRepository<Cycle> repository, ICycleRulesProvider rules, CycleCommands commands, ICurrentActor actor, IClock clock) : PageModel
{
    public string Id { get; private set; } = "";

    public CycleState? State { get; private set; }

    public IReadOnlyList<TriggerAvailability<CycleTrigger>> Availability { get; private set; } = [];

    public string? Error { get; private set; }

    public Task OnGetAsync(string id) => LoadAsync(id);

    public Task<IActionResult> OnPostEndorseAsync(string id)
        => RunAsync(id, (cycle, ctx) => cycle.EndorsePlan(actor.Current.MemberId ?? default, ctx.Context));

    public Task<IActionResult> OnPostPlanAsync(string id, string description)
        => RunAsync(id, (cycle, ctx) => cycle.PlanActivity(
            new PlannedActivity(new ActivityId("activity-" + System.Guid.NewGuid().ToString("N")[..8]), description, ActivityKind.Research,
                new DataCollection(DataCollectionMethod.Interview, RespondentGroup.DistrictManagers),
                ctx.Now.InUtc().Date.PlusDays(7), actor.Current.MemberId ?? default), ctx.Context));

    public Task<IActionResult> OnPostStartActingAsync(string id)
        => RunAsync(id, (cycle, ctx) => cycle.StartActing(ctx.Context));

    private async Task<IActionResult> RunAsync(string id, System.Action<Cycle, CycleCommandContext> command)
    {
        try
        {
            await commands.ExecuteAsync(new CycleId(id), command);
            return RedirectToPage(new { id });
        }
        catch (AccessDeniedException e)
        {
            Response.StatusCode = 403;
            Error = e.Message;
        }
        catch (CommandRejectedException e)
        {
            Error = e.Message;
        }

        await LoadAsync(id);
        return Page();
    }

    private async Task LoadAsync(string id)
    {
        Id = id;
        var cycle = await repository.TryLoadAsync(AggregateRepository<Cycle>.StreamOf(new CycleId(id)));
        if (cycle is null)
        {
            return;
        }

        State = cycle.State;
        Availability = cycle.Availability(clock.GetCurrentInstant(), await rules.GetRulesAsync(cycle.State.Site));
    }
}
