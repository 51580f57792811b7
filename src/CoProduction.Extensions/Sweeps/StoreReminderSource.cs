using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.ReadModels;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Streams;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CoProduction.Sweeps;

/// <summary>
/// The library's reminder inputs, read on each sweep: the open cycles whose stage's expected length has run out (the
/// cycle register's <c>stage-due</c>), the meetings starting within the meeting lead, and the core managers not
/// engaged for the policy's days (the site board's <c>engagement</c>), and the protocol deviations still to be reported
/// whose deadline has come (the deviation register's <c>open-due</c>), in their site's zone.
/// </summary>
internal sealed class StoreReminderSource(
    ICycleRegister register,
    SiteBoard board,
    AgendaQueries agenda,
    ProjectionRunner runner,
    IDateTimeZoneProvider zones,
    ReminderPolicy policy,
    IDeviationRegister deviations,
    IEventStoreReader store,
    IOptionsMonitor<CoProductionOptions> options) : IReminderSource
{
    private const int PageSize = 1000;

    private static readonly StreamCategories Categories = new(StreamCategories.Library);

    // The meetings' agenda of the last pass, kept while no series changed and no new one became a candidate.
    private readonly StreamChanges changes = new(store);
    private (IReadOnlySet<SeriesId> Candidates, MeetingAgenda? Agenda, long Count)? meetings;

    private static readonly string[] Models =
        [CycleRegisterProjection.ProjectionName, SiteBoardProjection.ProjectionName, AgendaProjection.ProjectionName, DeviationProjection.ProjectionName];

    public async ValueTask<ReminderInputs> CollectAsync(Instant now, CancellationToken cancellationToken)
    {
        // The cycle register, the agenda and the site board, caught up with the store, give the due stages, meetings and disengaged managers.
        var position = await runner.RequireCurrentAsync(Models, "the sweep's reminders", cancellationToken).ConfigureAwait(false);
        var stages = new List<CycleStageInput>();
        await foreach (var entry in DocumentPages.AllAsync(after => register.StageDueByAsync(now, after, PageSize, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            if (entry.ExpectedStageLengths.FirstOrDefault(e => e.Stage == entry.Stage) is { } expected && !entry.Timeline.IsEmpty)
            {
                stages.Add(new CycleStageInput(entry.Cycle, entry.Stage.ToString(), entry.Timeline[^1].Entered, expected.Length, zones[entry.TimeZoneId], entry.Site));
            }
        }

        // Meetings: only the series the agenda says have an open meeting starting by the lead's end, loaded current.
        var upcoming = await MeetingsAsync(position, now, now + policy.MeetingLead, cancellationToken).ConfigureAwait(false);

        // A manager's reminder falls due on (last engagement + the policy's days) in the site's zone; no zone's date is
        // past UTC's next day, so the managers last engaged up to then minus the days hold every one due now.
        var engagements = new List<EngagementInput>();
        var lastDue = now.InUtc().Date.PlusDays(1 - policy.NotEngagedDays);
        await foreach (var (site, zoneId, manager) in DocumentPages.AllAsync(after => board.CoreManagersNotEngagedSinceAsync(lastDue, now, after, PageSize, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            if (manager.LastEngaged is { } last)
            {
                engagements.Add(new EngagementInput(manager.Member, manager.NameInReminders, last, TimeZoneIds.Find(zones, zoneId), site));
            }
        }

        // Deviations: the open ones due by UTC's next day (no zone's date is later), in their site's zone.
        var open = new List<DeviationInput>();
        await foreach (var entry in DocumentPages.AllAsync(after => deviations.DeviationsDueByAsync(now.InUtc().Date.PlusDays(1), after, PageSize, cancellationToken), cancellationToken).ConfigureAwait(false))
        {
            var zone = entry.TimeZoneId is { } id && zones.GetZoneOrNull(id) is { } siteZone ? siteZone : zones[options.CurrentValue.DefaultTimeZone];
            open.Add(new DeviationInput(entry.Deviation, entry.Protocol, entry.Site, entry.Activity, entry.ReportDueOn, zone));
        }

        return new ReminderInputs
        {
            CycleStages = [.. stages],
            Meetings = [.. upcoming],
            Engagements = [.. engagements],
            Deviations = [.. open],
        };
    }

    /// <summary>
    /// The open meetings starting in a window, from the agenda of the series whose first open meeting starts by its end: the
    /// last pass's agenda when no meeting series changed since and no other series became a candidate (their count is the
    /// same), else read again. A failed read forgets it.
    /// </summary>
    private async ValueTask<IReadOnlyList<AgendaEntry>> MeetingsAsync(long position, Instant from, Instant to, CancellationToken cancellationToken)
    {
        try
        {
            var changed = await changes.SinceLastAsync(position, cancellationToken).ConfigureAwait(false);
            var count = await agenda.CountDueAsync(to, cancellationToken).ConfigureAwait(false);
            if (meetings is not { } kept
                || changed is null
                || kept.Count != count
                || changed.Any(s => string.Equals(Categories.Classify(s).Category, MeetingSeries.StreamCategory, StringComparison.Ordinal)))
            {
                var (candidates, read) = await agenda.DueAgendaAsync(to, cancellationToken).ConfigureAwait(false);
                kept = (candidates, read, count);
                meetings = kept;
            }

            return AgendaQueries.Due(kept.Candidates, kept.Agenda, from, to);
        }
        catch
        {
            meetings = null;
            changes.Forget();
            throw;
        }
    }
}
