using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.ReadModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace CoProduction.Samples.Board.Pages;

/// <summary>
/// A site's board, all from the read models: members and roles today, core managers and when each last engaged,
/// open cycles with their stage and what blocks the next step, the protocols with the days left on each approval,
/// the reflection agenda (due in the next 60 days and overdue) and the audit trail.
/// </summary>
public sealed class SiteModel(ISiteBoard board, IAuditTrail audit, ICycleRegister cycles, CycleCommands commands, IProtocolRegister protocols, IAgenda agenda, IClock clock) : PageModel
{
    /// <summary>Approvals ending within this many days are listed as reminders.</summary>
    public const int ReminderDays = 90;

    public SiteBoardToday? Today { get; private set; }

    public IReadOnlyList<AuditRecord> Audit { get; private set; } = [];

    public IReadOnlyList<(CycleEntry Cycle, IReadOnlyList<TriggerAvailability<CycleTrigger>> Blocked)> OpenCycles { get; private set; } = [];

    public IReadOnlyList<ProtocolEntry> Protocols { get; private set; } = [];

    public IReadOnlyList<AgendaMeetings> Due { get; private set; } = [];

    public IReadOnlyList<AgendaMeetings> Overdue { get; private set; } = [];

    public int? DaysLeft(ProtocolEntry protocol)
        => protocol.ApprovalEnd is { } end && Today is not null ? Period.DaysBetween(Today.Today, end) : null;

    public async Task OnGetAsync(string id)
    {
        var site = new SiteId(id);
        var ct = HttpContext.RequestAborted;
        Today = await board.GetAsync(site, ct);
        if (Today is null)
        {
            Response.StatusCode = 404;
            return;
        }

        Audit = (await audit.OfSiteAsync(site, cancellationToken: ct)).Items;
        var open = new List<(CycleEntry, IReadOnlyList<TriggerAvailability<CycleTrigger>>)>();
        foreach (var cycle in (await cycles.OpenAtSiteAsync(site, cancellationToken: ct)).Items)
        {
            var availability = await commands.AvailabilityAsync(cycle.Cycle, ct);
            // What blocks the next step: the stage moves whose guards or rules are unmet (not those the stage never allows).
            open.Add((cycle, availability.Where(a => a.Refusal is { Kind: not RefusalKind.NotPossibleInState }
                && a.Trigger is CycleTrigger.StartActing or CycleTrigger.StartReflecting or CycleTrigger.StartEvaluating or CycleTrigger.StartRevising or CycleTrigger.Complete or CycleTrigger.Resume).ToList()));
        }

        OpenCycles = open;
        Protocols = (await protocols.OfSiteAsync(site, cancellationToken: ct)).Items;
        var now = clock.GetCurrentInstant();
        Due = (await agenda.DueAsync(now.Plus(Duration.FromDays(60)), site, cancellationToken: ct)).Items;
        Overdue = (await agenda.OverdueAsync(site, cancellationToken: ct)).Items;
    }
}
