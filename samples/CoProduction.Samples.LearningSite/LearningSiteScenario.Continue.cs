using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduction.Samples.LearningSites;

/// <content>A second run on the same folder: load the stored history back and go on for one more year.</content>
public sealed partial class LearningSiteScenario
{
    private bool _continuing;

    /// <summary>
    /// Loads the sites, protocols, meeting series and Kilifi's last cycle from the store (every one
    /// replayed and checked against its machine), puts the clock at the last stored event, renews the
    /// protocol and runs the next annual cycle from the last one's revisions.
    /// </summary>
    private async Task ContinueAsync(CancellationToken ct)
    {
        _continuing = true;
        var last = await LastEventAsync(ct).ConfigureAwait(false);
        _clock.Reset(last.RecordedAt);

        foreach (var id in new[] { Cast.Kilifi, Cast.MitchellsPlain, Cast.Sedibeng })
        {
            _sites[id] = await Load<LearningSite, SiteId>(id, ct).ConfigureAwait(false);
        }

        foreach (var id in new[] { Kwtrp2, SedibengFirstProtocol, SedibengProtocol, Dialhs, JournalingStudy })
        {
            _protocols[id] = await Load<Protocol, ProtocolId>(id, ct).ConfigureAwait(false);
        }

        foreach (var id in new[] { KilifiResearchers, KilifiManagers, SedibengResearchers, CrossSite, SedibengWorkshops, SedibengBefore, SedibengAfter, MitchellsPlainResearchersMonthly, MitchellsPlainResearchersQuarterly, MitchellsPlainManagers, SedibengManagers })
        {
            _series[id] = await Load<MeetingSeries, SeriesId>(id, ct).ConfigureAwait(false);
        }

        var cycles = _services.GetRequiredService<AggregateRepository<Cycle>>();
        var year = 2013;
        while (await cycles.TryLoadAsync(AggregateRepository<Cycle>.StreamOf(KilifiCycle(year)), ct).ConfigureAwait(false) is { } cycle)
        {
            _kilifi = cycle;
            year++;
        }

        Note(Cast.Kilifi, TimelineKind.Setup,
            $"Continuing from {DatabaseFileName}: {last.Position} events loaded back; the last Kilifi cycle is {_kilifi!.Id} ({_kilifi.Stage})");
        await RunAsync(KilifiYears(year, year, ct), ct).ConfigureAwait(false);
    }

    private static CycleId KilifiCycle(int year) => new("kilifi-" + year.ToString(CultureInfo.InvariantCulture));

    private async Task<TAggregate> Load<TAggregate, TId>(TId id, CancellationToken ct)
        where TAggregate : class, Events.IEventSourcedAggregate<TAggregate>
        where TId : struct, IStringId<TId>
        => await _services.GetRequiredService<AggregateRepository<TAggregate>>().LoadAsync(AggregateRepository<TAggregate>.StreamOf(id), ct).ConfigureAwait(false);

    private async Task<StoredEvent> LastEventAsync(CancellationToken ct)
    {
        StoredEvent? last = null;
        var position = 0L;
        while (await _store.ReadAllAsync(position, 1000, ct).ConfigureAwait(false) is { Count: > 0 } page)
        {
            last = page[^1];
            position = last.Position;
        }

        return last!;
    }
}
