using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Persistence;
using CoProduction.Scheduling;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Sweeps;

/// <summary>
/// The library's reminder inputs, read from the store on each sweep: the current stage of every open
/// cycle that has an expected length, the meetings starting within the meeting lead, and every core
/// manager's last engagement.
/// </summary>
internal sealed class StoreReminderSource(
    StreamCatalogue catalogue,
    AggregateRepository<Cycle> cycles,
    ReadModels.AgendaQueries agenda,
    Projections.ProjectionRunner runner,
    IEventStoreReader store,
    AggregateRepository<LearningSite> sites,
    IDateTimeZoneProvider zones,
    ReminderPolicy policy) : IReminderSource
{
    /// <summary>How long a sweep waits for the agenda to reach the store's end before reading it as it stands.</summary>
    private static readonly System.TimeSpan AgendaCatchUp = System.TimeSpan.FromSeconds(30);

    public async ValueTask<ReminderInputs> CollectAsync(Instant now, CancellationToken cancellationToken)
    {
        var stages = new List<CycleStageInput>();
        foreach (var stream in await catalogue.StreamsAsync(Cycle.StreamCategory, cancellationToken).ConfigureAwait(false))
        {
            if (await cycles.TryLoadAsync(stream, cancellationToken).ConfigureAwait(false) is { State: { IsFinal: false } state } cycle
                && state.ExpectedStageLengths.FirstOrDefault(e => e.Stage == state.Stage) is { } expected
                && state.CurrentVisit is { } visit)
            {
                stages.Add(new CycleStageInput(cycle.Id, state.Stage.ToString(), visit.Entered, expected.Length, zones[state.TimeZoneId], state.Site));
            }
        }

        // Meetings: only the series the agenda says have an open meeting starting by the lead's end, loaded current.
        await runner.WaitForProjectionsAsync(
            [ReadModels.AgendaProjection.ProjectionName],
            await store.ReadLastPositionAsync(cancellationToken).ConfigureAwait(false),
            AgendaCatchUp,
            cancellationToken).ConfigureAwait(false);
        var meetings = await agenda.DueAsync(now, now + policy.MeetingLead, cancellationToken).ConfigureAwait(false);

        var engagements = new List<EngagementInput>();
        foreach (var stream in await catalogue.StreamsAsync(LearningSite.StreamCategory, cancellationToken).ConfigureAwait(false))
        {
            if (await sites.TryLoadAsync(stream, cancellationToken).ConfigureAwait(false) is not { } site)
            {
                continue;
            }

            var zone = site.State.ZoneIn(zones);
            foreach (var manager in TeamRoster.Of(site.State).CoreManagerEngagements(site.Id, now.InZone(zone).Date))
            {
                if (manager.LastEngaged is { } last)
                {
                    engagements.Add(new EngagementInput(manager.Member, manager.DisplayName, last, zone, site.Id));
                }
            }
        }

        return new ReminderInputs
        {
            CycleStages = [.. stages],
            Meetings = [.. meetings],
            Engagements = [.. engagements],
        };
    }
}
