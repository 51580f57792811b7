using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

// INTERIM: replaced by the library's protocols, amendments and ProtocolEthicsGate as soon as they merge.
public sealed partial class LearningSiteScenario
{
    private readonly List<(ProtocolId Id, HashSet<DataCollectionMethod> Methods, HashSet<RespondentGroup> Groups, SiteId Site, List<DateInterval> Periods)> _interim = [];

    private IEthicsGate Gate => new InterimGate(_interim);

    private async IAsyncEnumerable<Instant> ApproveProtocols([EnumeratorCancellation] CancellationToken ct)
    {
        yield return When(Cast.Kilifi, new LocalDate(2012, 2, 1));
        _interim.Add((new ProtocolId("KWTRP-2"),
            [DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview, DataCollectionMethod.ReflectivePracticeDiscussion],
            [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers], Cast.Kilifi,
            [new DateInterval(new LocalDate(2012, 2, 1), new LocalDate(2013, 1, 31))]));
        Note(Cast.Kilifi, TimelineKind.Ethics, "Protocol KWTRP-2 approved until 2013-01-31");
        _interim.Add((new ProtocolId("UCT-HREC-LS"),
            [DataCollectionMethod.WorkshopObservation, DataCollectionMethod.ReflectivePracticeDiscussion],
            [RespondentGroup.SubDistrictManagers, RespondentGroup.FacilityManagers], Cast.MitchellsPlain,
            [new DateInterval(new LocalDate(2012, 2, 1), new LocalDate(2018, 12, 31))]));
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async IAsyncEnumerable<Instant> RenewKilifiProtocol(int year, bool showReminders, [EnumeratorCancellation] CancellationToken ct)
    {
        if (showReminders)
        {
            var end = _interim[0].Periods[^1].End;
            CollectReminders(new ApprovalWindowInput(new ProtocolId("KWTRP-2"), "Micro-practices of governance (KWTRP-2)", Cast.Kilifi, end, ZoneOf(Cast.Kilifi)),
                end.PlusDays(-90), new LocalDate(year, 1, 25));
        }

        yield return When(Cast.Kilifi, new LocalDate(year, 1, showReminders ? 25 : 5));
        _interim[0].Periods.Add(new DateInterval(new LocalDate(year, 1, 5), new LocalDate(year + 1, 1, 31)));
        Note(Cast.Kilifi, TimelineKind.Ethics, $"Protocol KWTRP-2 renewed until {year + 1}-01-31");
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private async IAsyncEnumerable<Instant> BlockThenAmend(Cycle cycle, [EnumeratorCancellation] CancellationToken ct)
    {
        var at = _clock.GetCurrentInstant();
        Capture("Kilifi 2016: the plan needs journaling with facility managers", cycle, at);
        try
        {
            cycle.StartActing(at, Cast.Member(Cast.KilifiLeadResearcher), Rules);
        }
        catch (CommandRejectedException e)
        {
            _journalingBlocked.AddRange(e.Reasons);
            Note(Cast.Kilifi, TimelineKind.Blocked, "Acting refused by the ethics gate: " + string.Join(" ", e.Reasons));
        }

        yield return When(Cast.Kilifi, new LocalDate(2016, 3, 21));
        at = Now;
        _interim[0].Methods.Add(DataCollectionMethod.Journaling);
        _interim[0].Groups.Add(RespondentGroup.FacilityManagers);
        Note(Cast.Kilifi, TimelineKind.Ethics, "Amendment A1 to KWTRP-2 approved: journaling with facility managers added (version 2)");
        Capture("Kilifi 2016: after the amendment is approved", cycle, at);
        _journalingPermitted = cycle.PermittedTriggers(at, Rules).Contains(CycleTrigger.StartActing);
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private sealed class InterimGate(List<(ProtocolId Id, HashSet<DataCollectionMethod> Methods, HashSet<RespondentGroup> Groups, SiteId Site, List<DateInterval> Periods)> protocols) : IEthicsGate
    {
        public EthicsGateDecision Check(ResearchActivity activity)
        {
            foreach (var p in protocols)
            {
                if (p.Site == activity.Site && p.Methods.Contains(activity.Method) && p.Groups.Contains(activity.RespondentGroup) && p.Periods.Any(x => x.Contains(activity.Date)))
                {
                    return EthicsGateDecision.Covered(activity, p.Id, 1);
                }
            }

            return EthicsGateDecision.NotCovered(activity, [$"Planned activity '{activity.Title}' is not covered by any approved protocol on {activity.Date:yyyy-MM-dd}."], ["amend protocol 'KWTRP-2'"]);
        }
    }

    private IEnumerable<ApprovalWindowInput> ApprovalWindows()
    {
        yield return new ApprovalWindowInput(new ProtocolId("KWTRP-2"), "Micro-practices of governance (KWTRP-2)", Cast.Kilifi, _interim[0].Periods[^1].End, ZoneOf(Cast.Kilifi));
    }
}
