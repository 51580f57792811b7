using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <content>
/// Mitchell's Plain (DIALHS, with the universities of Cape Town and the Western Cape): annual cycles of action, learning
/// and reflection under the original protocol (Table 1), a sub-study with its own protocol when the inquiry into
/// facility managers' experiences brought a new data-collection approach (journaling, 2014), researchers reflecting
/// monthly and then quarterly (Box 2), and a yearly reflection with managers.
/// </content>
public sealed partial class LearningSiteScenario
{
    private static readonly ProtocolId Dialhs = new("UCT-DIALHS");
    private static readonly ProtocolId JournalingStudy = new("UCT-DIALHS-J");
    private static readonly CommitteePolicy UctPolicy = CommitteePolicies.SouthAfricanUniversityCommittee;
    private static readonly SeriesId MitchellsPlainResearchersMonthly = new("mp-researchers-reflection-monthly");
    private static readonly SeriesId MitchellsPlainResearchersQuarterly = new("mp-researchers-reflection-quarterly");
    private static readonly SeriesId MitchellsPlainManagers = new("mp-reflection-with-managers");
    private static readonly ActivityId SubDistrictMeetings = new("observe-subdistrict-management-meetings");
    private static readonly ActivityId FacilityManagerDiscussions = new("reflective-discussions-facility-managers");
    private static readonly ActivityId ManagerJournals = new("facility-manager-journals");

    private Cycle? _mitchellsPlain;

    private static CommitteeId UctCommitteeId { get; } = new("uct-hrec");

    private static CycleId MitchellsPlainCycle(int year) => new($"mitchells-plain-{year}");

    /// <summary>Researchers reflect monthly until 2015 and quarterly from 2016; the team reflects with managers once a year, in September.</summary>
    private IEnumerable<MeetingSeriesPlan> MitchellsPlainRhythm()
    {
        var zone = ZoneOf(Cast.MitchellsPlain);
        ValueList<MemberId> researchers = [Cast.MitchellsPlainLeadResearcher];
        yield return new MeetingSeriesPlan(MitchellsPlainResearchersMonthly, MeetingKind.ResearcherReflection, "Mitchell's Plain researchers' reflection (monthly)",
            Cast.MitchellsPlain, zone, new LocalTime(14, 0), Duration.FromHours(2), new LocalDate(2012, 2, 1), new LocalDate(2015, 12, 31), researchers, Cadence.Monthly(DayAround(8)));
        yield return new MeetingSeriesPlan(MitchellsPlainResearchersQuarterly, MeetingKind.ResearcherReflection, "Mitchell's Plain researchers' reflection (quarterly)",
            Cast.MitchellsPlain, zone, new LocalTime(14, 0), Duration.FromHours(3), new LocalDate(2016, 1, 1), SeriesEnd, researchers, Cadence.Quarterly(DayAround(8)));
        yield return new MeetingSeriesPlan(MitchellsPlainManagers, MeetingKind.ManagerReflection, "Mitchell's Plain reflection with managers", Cast.MitchellsPlain,
            zone, new LocalTime(9, 0), Duration.FromHours(4), new LocalDate(2012, 9, 1), SeriesEnd,
            [Cast.MitchellsPlainLeadResearcher, Cast.MitchellsPlainSubDistrictManager, Cast.MitchellsPlainFacilityManager], Cadence.EveryMonths(12, DayAround(12)));
    }

    /// <summary>The DIALHS protocol approved by UCT's committee and renewed every January; each year's cycle from the last one's revisions.</summary>
    private async IAsyncEnumerable<Instant> MitchellsPlainYears(int first, int last, [EnumeratorCancellation] CancellationToken ct)
    {
        var site = Cast.MitchellsPlain;
        var by = Cast.Member(Cast.MitchellsPlainLeadResearcher);
        yield return When(site, new LocalDate(first, 1, DayAround(9)));
        var draft = new ProtocolDraft(Dialhs, "District Innovation and Action Learning for Health Systems development (DIALHS)", UctCommitteeId,
            new ProtocolScope(
                [DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview, DataCollectionMethod.ReflectivePracticeDiscussion],
                [RespondentGroup.SubDistrictManagers, RespondentGroup.FacilityManagers, RespondentGroup.HealthWorkers],
                [site]))
        {
            Institution = "School of Public Health and Family Medicine, University of Cape Town",
        };
        var protocol = await ApproveAsync(draft, by, Cast.UctCommittee, UctPolicy, site, ct).ConfigureAwait(false);
        Note(site, TimelineKind.Ethics, $"Protocol {Dialhs} approved by UCT's committee until {Format(protocol.State.ApprovalEnd!.Value)}: cycles of action, learning and reflection");

        for (var year = first; year <= last; year++)
        {
            if (year > first)
            {
                yield return When(site, new LocalDate(year, 1, 6), 11);
                await RenewAsync(protocol, site, Cast.UctCommittee, year, ct).ConfigureAwait(false);
            }

            if (year == 2014)
            {
                await ApproveJournalingStudyAsync(ct).ConfigureAwait(false);
            }

            await foreach (var t in MitchellsPlainYear(year, _mitchellsPlain, ct).ConfigureAwait(false))
            {
                yield return t;
            }

            if (year == 2014)
            {
                var study = _protocols[JournalingStudy];
                study.Close(Today(site), "Twelve facility managers kept journals for six months; findings fed back in the September reflection", StampBy(by));
                Note(site, TimelineKind.Ethics, $"Sub-study {JournalingStudy} closed with its final report");
                await SaveAsync(study, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The journaling inquiry: a new data-collection approach, so a sub-study with its own protocol (Table 1), under DIALHS.</summary>
    private async Task ApproveJournalingStudyAsync(CancellationToken ct)
    {
        var site = Cast.MitchellsPlain;
        var by = Cast.Member(Cast.MitchellsPlainLeadResearcher);
        var draft = new ProtocolDraft(JournalingStudy, "Primary health care facility managers' experiences, through journaling", UctCommitteeId,
            new ProtocolScope([DataCollectionMethod.Journaling, DataCollectionMethod.Interview], [RespondentGroup.FacilityManagers], [site]))
        {
            Kind = ProtocolKind.SubStudy,
            Parent = Dialhs,
            Institution = "School of Public Health, University of the Western Cape",
        };
        var study = await ApproveAsync(draft, by, Cast.UctCommittee, UctPolicy, site, ct).ConfigureAwait(false);
        Note(site, TimelineKind.Ethics, $"Sub-study {JournalingStudy} (journaling with facility managers) approved under {Dialhs} until {Format(study.State.ApprovalEnd!.Value)}");
    }

    /// <summary>Mitchell's Plain's annual cycles: what they are about, what the first plans, who reflects with whom, what they learn.</summary>
    private AnnualStory MitchellsPlainStory => new(
        Cast.MitchellsPlain,
        Cast.MitchellsPlainLeadResearcher,
        Cast.MitchellsPlainSubDistrictManager,
        MitchellsPlainCycle,
        year => year switch
        {
            2014 => "Facility managers' everyday leadership, in their own words",
            >= 2017 => "Extending the learning to Area South",
            _ => "Strengthening the sub-district's management practices",
        },
        year => year == 2014
            ? [(ManagerJournals, "facility managers keep journals of their everyday leadership", new DataCollection(DataCollectionMethod.Journaling, RespondentGroup.FacilityManagers))]
            : [],
        [
            (SubDistrictMeetings, "observation of the sub-district management team's meetings", new DataCollection(DataCollectionMethod.Observation, RespondentGroup.SubDistrictManagers)),
            (FacilityManagerDiscussions, "reflective practice discussions with facility managers", new DataCollection(DataCollectionMethod.ReflectivePracticeDiscussion, RespondentGroup.FacilityManagers)),
        ],
        MitchellsPlainManagers,
        9,
        _ => [Cast.MitchellsPlainLeadResearcher, Cast.MitchellsPlainSubDistrictManager, Cast.MitchellsPlainFacilityManager],
        year => year switch
        {
            2014 => "Facility managers lead through relationships more than through the rules they are given",
            2015 => "Managers' leadership grows when they have room to reflect with peers",
            _ => "Rotating the chair and opening and closing rounds make meetings more open",
        },
        "Learning takes root where managers choose the questions");

    private async IAsyncEnumerable<Instant> MitchellsPlainYear(int year, Cycle? previous, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var t in AnnualCycleAsync(MitchellsPlainStory, year, previous, c => _mitchellsPlain = c, ct).ConfigureAwait(false))
        {
            yield return t;
        }
    }

    /// <summary>
    /// One annual cycle of a site's story: planned in February (what the last one carried forward, then what is new), endorsed by
    /// the lead researcher and the site's manager, acted on from March, reflected on with managers at that month's meeting of
    /// the site's series (recorded as held), evaluated, revised, completed; hands the completed cycle to <paramref name="completed"/>.
    /// </summary>
    private async IAsyncEnumerable<Instant> AnnualCycleAsync(AnnualStory story, int year, Cycle? previous, System.Action<Cycle> completed, [EnumeratorCancellation] CancellationToken ct)
    {
        var site = story.Site;
        var lead = story.Lead;
        var by = Cast.Member(lead);
        var focus = story.Focus(year);

        yield return When(site, new LocalDate(year, 2, DayAround(3)));
        var rules = Rules.At(new Stamp(Now, by));
        var cycle = previous is null
            ? Cycle.Start(new CycleOpening(story.Id(year), site, 1, focus), rules)
            : previous.StartNext(story.Id(year), focus, rules);
        Note(site, TimelineKind.Cycle, $"Cycle {cycle.State.Number} ({cycle.Id}) starts: {focus}");
        if (previous is not null)
        {
            await SaveAsync(previous, ct).ConfigureAwait(false);
        }

        foreach (var proposal in cycle.State.Proposals)
        {
            cycle.PlanProposedActivity(proposal.Id, new LocalDate(year, 3, DayAround(10)), lead, rules);
        }

        var day = 10;
        foreach (var (id, title, collection) in (previous is null ? story.FirstPlan : []).Concat(story.NewThisYear(year)))
        {
            cycle.PlanActivity(new PlannedActivity(id, title, ActivityKind.Research, collection, new LocalDate(year, 3, DayAround(day)), lead), rules);
            day += 6;
        }

        yield return When(site, new LocalDate(year, 2, DayAround(20)));
        cycle.EndorsePlan(lead, Rules.At(new Stamp(Now, by)));
        cycle.EndorsePlan(story.Manager, Rules.At(new Stamp(Now, Cast.Member(story.Manager))));
        await SaveAsync(cycle, ct).ConfigureAwait(false);

        yield return When(site, new LocalDate(year, 3, 2));
        cycle.StartActing(Rules.At(new Stamp(Now, by)));
        foreach (var activity in cycle.State.Activities.OrderBy(a => a.PlannedOn))
        {
            yield return When(site, activity.PlannedOn, 15);
            cycle.RecordAction(new CycleAction(activity.Id, activity.PlannedOn, "carried out: " + activity.Title, ["field notes " + activity.Id.Value]), Rules.At(new Stamp(Now, by)));
        }

        await SaveAsync(cycle, ct).ConfigureAwait(false);

        // The reflection with managers is that month's meeting of the site's series.
        var meeting = OccurrencesOf(story.ManagersSeries, new LocalDate(year, story.ReflectionMonth, 1), new LocalDate(year, story.ReflectionMonth, 1).PlusMonths(1));
        var heldOn = meeting.Count > 0 ? meeting[0].Start.LocalDateTime : new LocalDate(year, story.ReflectionMonth, 15).At(new LocalTime(9, 0));
        yield return When(site, heldOn.Date.PlusDays(-7));
        cycle.StartReflecting(Rules.At(new Stamp(Now, by)));
        yield return heldOn.PlusHours(5).InZoneLeniently(ZoneOf(site)).ToInstant();
        var attendees = story.Attendees(year);
        if (meeting.Count > 0)
        {
            await HeldAsync(meeting[0], attendees, cycle.Id, ct).ConfigureAwait(false);
        }

        cycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, heldOn.Date, attendees, [story.Insight(year)]), Rules.At(new Stamp(Now, by)));
        Note(site, TimelineKind.Cycle, "Reflection with managers held: insights recorded");

        yield return When(site, heldOn.Date.PlusDays(14));
        cycle.StartEvaluating(Rules.At(new Stamp(Now, by)));
        foreach (var activity in cycle.State.Activities)
        {
            cycle.RecordEvaluation(new Evaluation(activity.Id, EvaluationOutcome.Achieved, "team review of " + activity.Title), Rules.At(new Stamp(Now, by)));
        }

        yield return When(site, Today(site).PlusDays(7));
        cycle.StartRevising(Rules.At(new Stamp(Now, by)));
        var firstIds = story.FirstPlan.Select(a => a.Id).ToHashSet();
        cycle.RecordRevision(new Revision(
            [.. cycle.State.Activities.Select(a => firstIds.Contains(a.Id)
                ? new ActivityRevision(a.Id, RevisionDecision.Adopt, "managers asked to keep it")
                : new ActivityRevision(a.Id, RevisionDecision.Abandon, "this year's inquiry is done"))],
            [],
            [story.Lesson]), Rules.At(new Stamp(Now, by)));
        yield return When(site, Today(site).PlusDays(7));
        cycle.Complete(Rules.At(new Stamp(Now, by)));
        Completed(cycle);
        Note(site, TimelineKind.Cycle, $"Cycle {cycle.State.Number} completed");
        await SaveAsync(cycle, ct).ConfigureAwait(false);
        completed(cycle);
    }

    /// <summary>A site's annual cycles as a story: see <see cref="AnnualCycleAsync"/>.</summary>
    private sealed record AnnualStory(
        SiteId Site,
        MemberId Lead,
        MemberId Manager,
        System.Func<int, CycleId> Id,
        System.Func<int, string> Focus,
        System.Func<int, IReadOnlyList<(ActivityId Id, string Title, DataCollection Collection)>> NewThisYear,
        IReadOnlyList<(ActivityId Id, string Title, DataCollection Collection)> FirstPlan,
        SeriesId ManagersSeries,
        int ReflectionMonth,
        System.Func<int, ValueList<MemberId>> Attendees,
        System.Func<int, string> Insight,
        string Lesson);
}
