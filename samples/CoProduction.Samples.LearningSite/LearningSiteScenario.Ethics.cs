using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.Samples.LearningSites;

/// <content>Science/ethics protocols: reviewed, approved, renewed every year, amended when the plan needs journaling.</content>
public sealed partial class LearningSiteScenario
{
    private static readonly ProtocolId Kwtrp2 = new("KWTRP-2");
    private static readonly ProtocolId CapeTownProtocol = new("UCT-HREC-LS");
    private static readonly AmendmentId JournalingAmendment = new("KWTRP-2-A1");
    private static readonly CommitteePolicy KenyaPolicy = CommitteePolicies.KenyaNationalCommittee;
    private static readonly CommitteePolicy CapeTownPolicy = CommitteePolicies.SouthAfricanUniversityCommittee;

    private readonly Dictionary<ProtocolId, Protocol> _protocols = [];

    /// <summary>The library's ethics gate over the protocols as they stand: rebuilt on every use, because it is a snapshot.</summary>
    private ProtocolEthicsGate Gate => ProtocolEthicsGate.From(_protocols.Values);

    private HashSet<SiteId> KnownSites => [.. _sites.Keys];

    /// <summary>KWTRP-2 for Kilifi: drafted, reviewed, changes requested, resubmitted, approved for a year.</summary>
    private async IAsyncEnumerable<Instant> ApproveProtocols([EnumeratorCancellation] CancellationToken ct)
    {
        var by = Cast.Member(Cast.KilifiLeadResearcher);
        yield return When(Cast.Kilifi, new LocalDate(2012, 1, 16));
        var protocol = Protocol.Draft(Kwtrp2, ProtocolKind.Main, "Micro-practices of governance in Kilifi County", "KEMRI-Wellcome Trust Research Programme",
            new CommitteeId("kemri-seru"),
            new ProtocolScope(
                [DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview, DataCollectionMethod.ReflectivePracticeDiscussion],
                [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers],
                [Cast.Kilifi]),
            KnownSites, Now, by);
        protocol.Submit(Now, by);
        protocol.StartReview(Now, Cast.KenyaCommittee);
        _protocols[Kwtrp2] = protocol;
        Note(Cast.Kilifi, TimelineKind.Ethics, "Protocol KWTRP-2 submitted to the committee");

        yield return When(Cast.Kilifi, new LocalDate(2012, 1, 24));
        protocol.RequestChanges("Explain how managers' confidentiality is protected in reports", Now, Cast.KenyaCommittee);
        Note(Cast.Kilifi, TimelineKind.Ethics, "Committee requests changes: how managers' confidentiality is protected");
        yield return When(Cast.Kilifi, new LocalDate(2012, 1, 26));
        protocol.Submit(Now, by);
        protocol.StartReview(Now, Cast.KenyaCommittee);

        yield return When(Cast.Kilifi, new LocalDate(2012, 2, 1));
        protocol.Approve(Today(Cast.Kilifi), KenyaPolicy.ApprovalPeriodFrom(Today(Cast.Kilifi)), Now, Cast.KenyaCommittee);
        Note(Cast.Kilifi, TimelineKind.Ethics, $"Protocol KWTRP-2 approved (version 1) until {Format(protocol.State.ApprovalEnd!.Value)}");
        await SaveAsync(protocol, ct).ConfigureAwait(false);
    }

    /// <summary>The Cape Town protocol for the workshops at Mitchell's Plain, approved for 2016.</summary>
    private async Task ApproveWorkshopProtocolAsync(CancellationToken ct)
    {
        var by = Cast.Member(Cast.MitchellsPlainLeadResearcher);
        var protocol = Protocol.Draft(CapeTownProtocol, ProtocolKind.Main, "Leadership development as action learning in Mitchell's Plain",
            "University of Cape Town", new CommitteeId("uct-hrec"),
            new ProtocolScope(
                [DataCollectionMethod.WorkshopObservation, DataCollectionMethod.ReflectivePracticeDiscussion, DataCollectionMethod.Interview],
                [RespondentGroup.SubDistrictManagers, RespondentGroup.FacilityManagers],
                [Cast.MitchellsPlain]),
            KnownSites, Now, by);
        protocol.Submit(Now, by);
        protocol.StartReview(Now, Cast.CapeTownCommittee);
        var today = Today(Cast.MitchellsPlain);
        protocol.Approve(today, CapeTownPolicy.ApprovalPeriodFrom(today), Now, Cast.CapeTownCommittee);
        _protocols[CapeTownProtocol] = protocol;
        Note(Cast.MitchellsPlain, TimelineKind.Ethics, $"Protocol {CapeTownProtocol} reviewed and approved until {Format(protocol.State.ApprovalEnd!.Value)}");
        await SaveAsync(protocol, ct).ConfigureAwait(false);
    }

    /// <summary>The yearly continuing review of KWTRP-2; in 2018 the reminders are followed day by day until the renewal.</summary>
    private async IAsyncEnumerable<Instant> RenewKilifiProtocol(int year, bool showReminders, [EnumeratorCancellation] CancellationToken ct)
    {
        var protocol = _protocols[Kwtrp2];
        var end = protocol.State.ApprovalEnd!.Value;
        var renewOn = new LocalDate(year, 1, showReminders ? 25 : 5);
        if (showReminders)
        {
            CollectReminders(ApprovalWindow(protocol, Cast.Kilifi, KenyaPolicy), end.PlusDays(-90), renewOn);
        }

        yield return When(Cast.Kilifi, renewOn, 11);
        protocol.Renew(Today(Cast.Kilifi), new LocalDate(year + 1, 1, 31), KenyaPolicy, Now, Cast.KenyaCommittee);
        Note(Cast.Kilifi, TimelineKind.Ethics, $"Protocol KWTRP-2 renewed until {Format(protocol.State.ApprovalEnd!.Value)}");
        await SaveAsync(protocol, ct).ConfigureAwait(false);
    }

    /// <summary>The plan needs journaling with facility managers: the gate refuses acting until the amendment is approved.</summary>
    private async IAsyncEnumerable<Instant> BlockThenAmend(Cycle cycle, [EnumeratorCancellation] CancellationToken ct)
    {
        var site = Cast.Kilifi;
        var by = Cast.Member(Cast.KilifiLeadResearcher);
        Capture("Kilifi 2016: the plan needs journaling with facility managers", cycle, Now);
        try
        {
            cycle.StartActing(Rules.At(new Stamp(Now, by)));
        }
        catch (CommandRejectedException e)
        {
            // The full reasons (each with its remedies) are in the availability table; the timeline keeps the first sentence.
            _journalingBlocked.AddRange(e.Reasons);
            var first = e.Reasons[0];
            var cut = first.IndexOf(" (", System.StringComparison.Ordinal);
            Note(site, TimelineKind.Blocked, "Acting refused by the ethics gate: " + (cut > 0 ? first[..cut] : first)
                + (e.Reasons.Count > 1 ? $" (and {e.Reasons.Count - 1} more)" : string.Empty));
        }

        // The remedy the gate names: amend KWTRP-2 (a sub-study protocol would do too).
        var protocol = _protocols[Kwtrp2];
        var amendment = Amendment.Draft(JournalingAmendment, protocol, Today(site),
            "Facility managers asked to keep journals of their everyday decisions", substantial: true,
            AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling), ScopeItem.Of(RespondentGroup.FacilityManagers)),
            KnownSites, Now, by);
        amendment.Submit(Now, by);
        protocol.LodgeAmendment(amendment, Now, by);
        Note(site, TimelineKind.Ethics, $"Amendment {JournalingAmendment} submitted: add journaling and facility managers to KWTRP-2");
        await SaveAsync(amendment, ct).ConfigureAwait(false);
        await SaveAsync(protocol, ct).ConfigureAwait(false);

        yield return When(site, Today(site).PlusDays(4));
        amendment.StartReview(Now, Cast.KenyaCommittee);
        yield return When(site, new LocalDate(2016, 3, 21));
        amendment.Approve(Today(site), Now, Cast.KenyaCommittee);
        protocol.ApplyAmendment(amendment, Now, Cast.KenyaCommittee);
        Note(site, TimelineKind.Ethics, $"Amendment {JournalingAmendment} approved: KWTRP-2 version {protocol.State.CurrentVersion!.Number} covers journaling with facility managers");
        await SaveAsync(amendment, ct).ConfigureAwait(false);
        await SaveAsync(protocol, ct).ConfigureAwait(false);

        Capture("Kilifi 2016: after the amendment is approved", cycle, Now);
        _journalingPermitted = cycle.PermittedTriggers(Now, Rules).Contains(CycleTrigger.StartActing);
    }

    private ApprovalWindowInput ApprovalWindow(Protocol protocol, SiteId site, CommitteePolicy policy)
    {
        var end = protocol.State.ApprovalEnd!.Value;
        return new ApprovalWindowInput(protocol.Id, protocol.State.Title, site, end, ZoneOf(site), policy.RenewalDueOn(end));
    }

    private IEnumerable<ApprovalWindowInput> ApprovalWindows()
    {
        yield return ApprovalWindow(_protocols[Kwtrp2], Cast.Kilifi, KenyaPolicy);
        if (_protocols.TryGetValue(CapeTownProtocol, out var capeTown))
        {
            yield return ApprovalWindow(capeTown, Cast.MitchellsPlain, CapeTownPolicy);
        }
    }
}
