using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Persistence;
using CoProduction.Protocols;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace CoProduction.Samples.Board.Pages;

/// <summary>
/// A cycle: its stage, and one form per command the board offers, each enabled or blocked as
/// <see cref="Cycle.Availability"/> says, with the reasons beside a blocked button. Every form carries the version
/// the page was drawn from and a command id: a command on a cycle changed since is refused, and a form sent twice
/// is recorded once.
/// </summary>
public sealed class CycleModel(AggregateRepository<Cycle> repository, ICycleRulesProvider rules, CycleCommands commands, ICurrentActor actor, IClock clock, IDateTimeZoneProvider zones) : BoardPage
{
    private static readonly Dictionary<string, string> PlanFields = new(StringComparer.Ordinal)
    {
        ["Title"] = nameof(PlanTitle), ["title"] = nameof(PlanTitle), ["PlannedOn"] = nameof(PlanOn), ["plannedOn"] = nameof(PlanOn),
    };

    private static readonly Dictionary<string, string> PauseFields = new(StringComparer.Ordinal) { ["description"] = nameof(PauseDescription) };

    /// <summary>The triggers that have a form on this page, in the order they are shown.</summary>
    public static IReadOnlyList<CycleTrigger> WithForms { get; } =
        [CycleTrigger.PlanActivity, CycleTrigger.EndorsePlan, CycleTrigger.StartActing, CycleTrigger.Pause, CycleTrigger.Resume];

    /// <summary>The data-collection methods the plan form offers.</summary>
    public static IReadOnlyList<DataCollectionMethod> Methods { get; } =
    [
        DataCollectionMethod.Interview, DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview,
        DataCollectionMethod.ReflectivePracticeDiscussion, DataCollectionMethod.Journaling, DataCollectionMethod.Diary, DataCollectionMethod.FocusGroup,
    ];

    /// <summary>The respondent groups the plan form offers.</summary>
    public static IReadOnlyList<RespondentGroup> Groups { get; } =
    [
        RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers, RespondentGroup.FacilityManagers, RespondentGroup.HealthWorkers,
    ];

    public string Id { get; private set; } = "";

    public CycleState? State { get; private set; }

    public long Version { get; private set; }

    /// <summary>A fresh command id for each form drawn.</summary>
    public string CommandId { get; } = Guid.NewGuid().ToString("N");

    public IReadOnlyList<TriggerAvailability<CycleTrigger>> Availability { get; private set; } = [];

    public LocalDate Today { get; private set; }

    [BindProperty] public string? PlanTitle { get; set; }

    [BindProperty] public string? PlanMethod { get; set; }

    [BindProperty] public string? PlanGroup { get; set; }

    [BindProperty] public LocalDate? PlanOn { get; set; }

    [BindProperty] public ShockKind PauseShock { get; set; }

    [BindProperty] public string? PauseDescription { get; set; }

    public TriggerAvailability<CycleTrigger>? Of(CycleTrigger trigger) => Availability.FirstOrDefault(a => a.Trigger == trigger);

    public Task OnGetAsync(string id) => LoadAsync(id);

    public Task<IActionResult> OnPostPlanAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, PlanFields, (cycle, ctx) =>
        {
            var method = DataCollectionMethod.Named(PlanMethod ?? "");
            var group = RespondentGroup.Named(PlanGroup ?? "");
            cycle.PlanActivity(
                new PlannedActivity(new ActivityId("activity-" + commandId[..8]), PlanTitle ?? "", ActivityKind.Research,
                    new DataCollection(method, group), PlanOn ?? TodayOf(cycle.State), actor.Current.MemberId ?? default),
                ctx.Context);
        });

    public Task<IActionResult> OnPostEndorseAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, PlanFields, (cycle, ctx) => cycle.EndorsePlan(actor.Current.MemberId ?? default, ctx.Context));

    public Task<IActionResult> OnPostStartActingAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, PlanFields, (cycle, ctx) => cycle.StartActing(ctx.Context));

    public Task<IActionResult> OnPostPauseAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, PauseFields, (cycle, ctx) => cycle.Pause(PauseShock, PauseDescription ?? "", ctx.Context));

    public Task<IActionResult> OnPostResumeAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, PauseFields, (cycle, ctx) => cycle.Resume(ctx.Context));

    private async Task<IActionResult> RunAsync(string id, long version, string commandId, IReadOnlyDictionary<string, string> fields, Action<Cycle, CycleCommandContext> command)
    {
        var done = await TryAsync(
            async () =>
            {
                var result = await commands.ExecuteAsync(new CycleId(id), (cycle, ctx) =>
                {
                    // Decided on the cycle as it is now (again after a conflict): refused when another user changed it since the page was drawn.
                    if (cycle.Version != version)
                    {
                        throw new ChangedSinceOpenedException("Cycle " + id, version, cycle.Version);
                    }

                    command(cycle, ctx);
                }, new CommandId("board/" + commandId), cancellationToken: HttpContext.RequestAborted);
                return result.Append?.LastPosition ?? 0;
            },
            fields,
            () => RedirectToPage(new { id }));
        if (done is not null)
        {
            return done;
        }

        await LoadAsync(id);
        return Page();
    }

    private LocalDate TodayOf(CycleState state)
        => clock.GetCurrentInstant().InZone(zones.GetZoneOrNull(state.TimeZoneId) ?? DateTimeZone.Utc).Date.PlusDays(7);

    private async Task LoadAsync(string id)
    {
        Id = id;
        var cycle = await repository.TryLoadAsync(AggregateRepository<Cycle>.StreamOf(new CycleId(id)), HttpContext.RequestAborted);
        if (cycle is null)
        {
            Response.StatusCode = 404;
            return;
        }

        State = cycle.State;
        Version = cycle.Version;
        Today = TodayOf(cycle.State);
        Availability = cycle.Availability(clock.GetCurrentInstant(), await rules.GetRulesAsync(cycle.State.Site, HttpContext.RequestAborted));
    }
}
