using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace CoProduction.Samples.Board.Pages;

/// <summary>
/// A cycle: its stage, and one form per command the board offers, each enabled or blocked as
/// <see cref="Cycle.Availability"/> says, with the reasons beside a blocked button. Every form carries the version
/// the page was drawn from and a command id: a command on a cycle changed since is refused, and a form sent twice
/// is recorded once.
/// </summary>
public sealed class CycleModel(
    AggregateRepository<Cycle> repository, ICycleRulesProvider rules, CycleCommands commands, ISiteBoard board, ICurrentActor actor, IClock clock, IDateTimeZoneProvider zones) : BoardPage
{
    private static readonly Dictionary<string, string> PlanFields = new(StringComparer.Ordinal)
    {
        ["Title"] = nameof(PlanTitle), ["title"] = nameof(PlanTitle), ["PlannedOn"] = nameof(PlanOn), ["plannedOn"] = nameof(PlanOn),
    };

    private static readonly Dictionary<string, string> PauseFields = new(StringComparer.Ordinal) { ["description"] = nameof(PauseDescription) };

    private static readonly Dictionary<string, string> LaterFields = new(StringComparer.Ordinal)
    {
        ["whatWasDone"] = nameof(WhatWasDone), ["WhatWasDone"] = nameof(WhatWasDone), ["insights"] = nameof(Insights), ["Insights"] = nameof(Insights),
        ["attendees"] = nameof(Attendees), ["Attendees"] = nameof(Attendees), ["evidence"] = nameof(Evidence), ["Evidence"] = nameof(Evidence),
        ["focus"] = nameof(NextFocus), ["lessons"] = nameof(Lessons), ["Lessons"] = nameof(Lessons), ["rationale"] = nameof(Rationale), ["Rationale"] = nameof(Rationale),
    };

    /// <summary>The triggers that have a form on this page, in the order they are shown.</summary>
    public static IReadOnlyList<CycleTrigger> WithForms { get; } =
    [
        CycleTrigger.PlanActivity, CycleTrigger.EndorsePlan, CycleTrigger.StartActing, CycleTrigger.RecordAction, CycleTrigger.StartReflecting,
        CycleTrigger.RecordReflection, CycleTrigger.StartEvaluating, CycleTrigger.RecordEvaluation, CycleTrigger.StartRevising,
        CycleTrigger.RecordRevision, CycleTrigger.DecideNoChange, CycleTrigger.Complete, CycleTrigger.StartNextCycle, CycleTrigger.Pause, CycleTrigger.Resume,
    ];

    /// <summary>The page handler of each trigger's form.</summary>
    public static string HandlerOf(CycleTrigger trigger) => trigger switch
    {
        CycleTrigger.PlanActivity => "Plan",
        CycleTrigger.EndorsePlan => "Endorse",
        _ => trigger.ToString(),
    };

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

    /// <summary>Gets today in the site's zone (the default date of an action, a reflection).</summary>
    public LocalDate Today { get; private set; }

    /// <summary>Gets the default date of a planned activity: a week from today.</summary>
    public LocalDate PlanDefault { get; private set; }

    [BindProperty] public string? PlanTitle { get; set; }

    [BindProperty] public string? PlanMethod { get; set; }

    [BindProperty] public string? PlanGroup { get; set; }

    [BindProperty] public LocalDate? PlanOn { get; set; }

    [BindProperty] public ShockKind PauseShock { get; set; }

    [BindProperty] public string? PauseDescription { get; set; }

    /// <summary>The site's members today, for the attendance of a reflection.</summary>
    public IReadOnlyList<CoProduction.Sites.ActiveMember> Members { get; private set; } = [];

    [BindProperty] public string? ActivityId { get; set; }

    [BindProperty] public LocalDate? On { get; set; }

    [BindProperty] public string? WhatWasDone { get; set; }

    [BindProperty] public string? DataGenerated { get; set; }

    [BindProperty] public ReflectionMeetingKind ReflectionKind { get; set; }

    [BindProperty] public List<string> Attendees { get; set; } = [];

    [BindProperty] public string? Insights { get; set; }

    [BindProperty] public EvaluationOutcome Outcome { get; set; }

    [BindProperty] public string? Evidence { get; set; }

    [BindProperty] public RevisionDecision Decision { get; set; }

    [BindProperty] public string? Rationale { get; set; }

    [BindProperty] public string? Lessons { get; set; }

    [BindProperty] public string? NextFocus { get; set; }

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

    public async Task<IActionResult> OnPostRecordActionAsync(string id, long version, string commandId)
    {
        // Recording an action may open a protocol deviation with it (one write of both), so it goes through the workflow;
        // the version the page was drawn from is checked first.
        var done = await TryAsync(
            async () =>
            {
                var cycle = await repository.LoadAsync(AggregateRepository<Cycle>.StreamOf(new CycleId(id)), HttpContext.RequestAborted);
                RequireVersion(cycle, version);

                var action = new CycleAction(new ActivityId(ActivityId ?? ""), On ?? TodayOf(cycle.State, 0), WhatWasDone ?? "", Lines(DataGenerated));
                var result = await commands.RecordActionAsync(new CycleId(id), action, new CommandId("board/" + commandId), cancellationToken: HttpContext.RequestAborted);
                return result.Append?.LastPosition ?? 0;
            },
            LaterFields,
            () => RedirectToPage(new { id }));
        return done ?? await ReloadAsync(id);
    }

    public Task<IActionResult> OnPostStartReflectingAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, LaterFields, (cycle, ctx) => cycle.StartReflecting(ctx.Context));

    public Task<IActionResult> OnPostRecordReflectionAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, LaterFields, (cycle, ctx) => cycle.RecordReflection(
            new Reflection(ReflectionKind, On ?? TodayOf(cycle.State, 0), [.. Attendees.Select(a => new MemberId(a))], Lines(Insights)), ctx.Context));

    public Task<IActionResult> OnPostStartEvaluatingAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, LaterFields, (cycle, ctx) => cycle.StartEvaluating(ctx.Context));

    public Task<IActionResult> OnPostRecordEvaluationAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, LaterFields, (cycle, ctx) => cycle.RecordEvaluation(new Evaluation(new ActivityId(ActivityId ?? ""), Outcome, Evidence ?? ""), ctx.Context));

    public Task<IActionResult> OnPostStartRevisingAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, LaterFields, (cycle, ctx) => cycle.StartRevising(ctx.Context));

    public Task<IActionResult> OnPostRecordRevisionAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, LaterFields, (cycle, ctx) =>
        {
            ValueList<ActivityRevision> decisions = string.IsNullOrEmpty(ActivityId) ? [] : [new ActivityRevision(new ActivityId(ActivityId), Decision, Rationale ?? "")];
            cycle.RecordRevision(new Revision(decisions, [], Lines(Lessons)), ctx.Context);
        });

    public Task<IActionResult> OnPostDecideNoChangeAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, LaterFields, (cycle, ctx) => cycle.DecideNoChange(Rationale ?? "", ctx.Context));

    public Task<IActionResult> OnPostCompleteAsync(string id, long version, string commandId)
        => RunAsync(id, version, commandId, LaterFields, (cycle, ctx) => cycle.Complete(ctx.Context));

    public async Task<IActionResult> OnPostStartNextCycleAsync(string id, long version, string commandId)
    {
        // The completed cycle and its successor are written together (the workflow), the successor numbered next: "{site}-{number}".
        CycleId next = default;
        var done = await TryAsync(
            async () =>
            {
                var cycle = await repository.LoadAsync(AggregateRepository<Cycle>.StreamOf(new CycleId(id)), HttpContext.RequestAborted);
                RequireVersion(cycle, version);

                next = new CycleId($"{cycle.State.Site}-{cycle.State.Number + 1}");
                var result = await commands.StartNextAsync(cycle.Id, next, NextFocus ?? "", new CommandId("board/" + commandId), cancellationToken: HttpContext.RequestAborted);
                return result.Append?.LastPosition ?? 0;
            },
            LaterFields,
            () => RedirectToPage(new { id = next.Value }));
        return done ?? await ReloadAsync(id);
    }

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
                    RequireVersion(cycle, version);

                    command(cycle, ctx);
                }, new CommandId("board/" + commandId), cancellationToken: HttpContext.RequestAborted);
                return result.Append?.LastPosition ?? 0;
            },
            fields,
            () => RedirectToPage(new { id }));
        return done ?? await ReloadAsync(id);
    }

    /// <summary>Refuses a command drawn from another version of the cycle than the one it would change.</summary>
    private static void RequireVersion(Cycle cycle, long version)
    {
        if (cycle.Version != version)
        {
            throw new ChangedSinceOpenedException("Cycle " + cycle.Id, version, cycle.Version);
        }
    }

    /// <summary>One entry per non-blank line of a text area.</summary>
    private static ValueList<string> Lines(string? text)
        => [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private async Task<IActionResult> ReloadAsync(string id)
    {
        await LoadAsync(id);
        return Page();
    }

    /// <summary>A date in the cycle's site zone: today plus <paramref name="days"/> (a plan's default is a week ahead).</summary>
    private LocalDate TodayOf(CycleState state, int days = 7)
        => clock.GetCurrentInstant().InZone(zones.GetZoneOrNull(state.TimeZoneId) ?? DateTimeZone.Utc).Date.PlusDays(days);

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
        Today = TodayOf(cycle.State, 0);
        PlanDefault = TodayOf(cycle.State);
        Members = (await board.GetAsync(cycle.State.Site, HttpContext.RequestAborted))?.Members ?? [];
        Availability = cycle.Availability(clock.GetCurrentInstant(), await rules.GetRulesAsync(cycle.State.Site, HttpContext.RequestAborted));
    }
}
