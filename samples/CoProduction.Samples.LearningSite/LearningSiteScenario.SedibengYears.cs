using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <content>
/// Sedibeng before the workshops (Table 1): from 2014 an action-learning process with the district's managers and
/// traditional research on district management and staff performance management — interviews, document review,
/// observation — under the first Wits protocol, with feedback to the district manager and collective reflection once a year.
/// </content>
public sealed partial class LearningSiteScenario
{
    private static readonly ProtocolId SedibengFirstProtocol = new("WITS-SED-1");
    private static readonly SeriesId SedibengManagers = new("sedibeng-reflection-with-managers");
    private static readonly ActivityId PerformanceInterviews = new("interview-managers-performance-management");
    private static readonly ActivityId PerformanceRecords = new("review-performance-management-records");
    private static readonly ActivityId DistrictTeamMeetings = new("observe-district-management-team");

    private Cycle? _sedibeng;

    private static CycleId SedibengCycle(int year) => new($"sedibeng-{year}");

    /// <summary>The yearly feedback and reflection with the district's managers, 2014–2015 (from 2016 the workshop debriefs take its place).</summary>
    private IEnumerable<MeetingSeriesPlan> SedibengRhythm()
    {
        yield return new MeetingSeriesPlan(SedibengManagers, MeetingKind.ManagerReflection, "Sedibeng feedback and reflection with the district's managers", Cast.Sedibeng,
            ZoneOf(Cast.Sedibeng), new LocalTime(10, 0), Duration.FromHours(3), new LocalDate(2014, 9, 1), new LocalDate(2015, 12, 31),
            [Cast.SedibengLeadResearcher, Cast.SedibengDistrictManager, Cast.SedibengSubDistrictManager], Cadence.EveryMonths(12, DayAround(10)));
    }

    private AnnualStory SedibengStory => new(
        Cast.Sedibeng,
        Cast.SedibengLeadResearcher,
        Cast.SedibengDistrictManager,
        SedibengCycle,
        year => year == 2014 ? "District management and staff performance management" : "Supporting the district's own development through managerial change",
        _ => [],
        [
            (PerformanceInterviews, "interviews with district managers on staff performance management", new DataCollection(DataCollectionMethod.Interview, RespondentGroup.DistrictManagers)),
            (PerformanceRecords, "review of the district's performance management documents", new DataCollection(DataCollectionMethod.DocumentReview, RespondentGroup.DistrictManagers)),
            (DistrictTeamMeetings, "observation of the district management team's meetings", new DataCollection(DataCollectionMethod.Observation, RespondentGroup.SubDistrictManagers)),
        ],
        SedibengManagers,
        9,
        _ => [Cast.SedibengLeadResearcher, Cast.SedibengDistrictManager, Cast.SedibengSubDistrictManager],
        year => year == 2014
            ? "Staff experience performance management as compliance rather than as support"
            : "Instability in the district's governance keeps managers and researchers focused on the district's own development",
        "Feedback to the district manager opens the next round of activities");

    /// <summary>The first Wits protocol (January 2014, renewed in January 2015), then the annual cycles of 2014 and 2015.</summary>
    private async IAsyncEnumerable<Instant> SedibengYears([EnumeratorCancellation] CancellationToken ct)
    {
        var site = Cast.Sedibeng;
        var by = Cast.Member(Cast.SedibengLeadResearcher);
        yield return When(site, new LocalDate(2014, 1, DayAround(13)));
        var draft = new ProtocolDraft(SedibengFirstProtocol, "District management, accountability and staff performance management in Sedibeng", WitsCommitteeId,
            new ProtocolScope([DataCollectionMethod.Interview, DataCollectionMethod.DocumentReview, DataCollectionMethod.Observation, DataCollectionMethod.ReflectivePracticeDiscussion],
                [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers], [site]))
        {
            Institution = "Centre for Health Policy, University of the Witwatersrand",
        };
        var protocol = await ApproveAsync(draft, by, Cast.WitsCommittee, WitsPolicy, site, ct).ConfigureAwait(false);
        Note(site, TimelineKind.Ethics, $"Protocol {SedibengFirstProtocol} approved by the Wits committee until {Format(protocol.State.ApprovalEnd!.Value)}: action learning with the district's managers");

        for (var year = 2014; year <= 2015; year++)
        {
            if (year > 2014)
            {
                yield return When(site, new LocalDate(year, 1, 6), 11);
                await RenewAsync(protocol, site, Cast.WitsCommittee, year, ct).ConfigureAwait(false);
            }

            await foreach (var t in AnnualCycleAsync(SedibengStory, year, _sedibeng, c => _sedibeng = c, ct).ConfigureAwait(false))
            {
                yield return t;
            }
        }
    }
}
