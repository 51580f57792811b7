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

/// <content>Science/ethics protocols: reviewed, approved, renewed every year, amended when the plan needs a new respondent group.</content>
public sealed partial class LearningSiteScenario
{
    private static readonly ProtocolId Kwtrp2 = new("KWTRP-2");
    private static readonly ProtocolId SedibengProtocol = new("WITS-SED-2");
    private static readonly AmendmentId FacilityManagersAmendment = new("KWTRP-2-A1");
    private static readonly CommitteePolicy KenyaPolicy = CommitteePolicies.KenyaNationalCommittee;
    private static readonly CommitteePolicy WitsPolicy = CommitteePolicies.SouthAfricanUniversityCommittee;

    private readonly Dictionary<ProtocolId, Protocol> _protocols = [];

    /// <summary>The library's ethics gate over the protocols as they stand: rebuilt on every use, because it is a snapshot.</summary>
    private ProtocolEthicsGate Gate => ProtocolEthicsGate.From(_protocols.Values);

    /// <summary>The protocol rules as they stand: the registered sites and the committees' policies.</summary>
    private ProtocolRules ProtocolRules => new(
        _sites.Keys,
        new Dictionary<CommitteeId, CommitteePolicy> { [KenyaCommittee] = KenyaPolicy, [WitsCommitteeId] = WitsPolicy, [UctCommitteeId] = UctPolicy });

    private static CommitteeId KenyaCommittee { get; } = new("kemri-seru");

    private static CommitteeId WitsCommitteeId { get; } = new("wits-hrec");

    private Stamp StampBy(Actor by) => new(Now, by);

    private ProtocolContext ProtocolContext(Actor by) => new(StampBy(by), ProtocolRules);

    /// <summary>KWTRP-2 for Kilifi: drafted, reviewed, changes requested, resubmitted, approved for a year.</summary>
    private async IAsyncEnumerable<Instant> ApproveProtocols([EnumeratorCancellation] CancellationToken ct)
    {
        var by = Cast.Member(Cast.KilifiLeadResearcher);
        yield return When(Cast.Kilifi, new LocalDate(2012, 1, 16));
        var scope = new ProtocolScope(
            [DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview, DataCollectionMethod.ReflectivePracticeDiscussion],
            [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers],
            [Cast.Kilifi]);
        var draft = new ProtocolDraft(Kwtrp2, "Micro-practices of governance in Kilifi County", KenyaCommittee, scope)
        {
            Institution = "KEMRI-Wellcome Trust Research Programme",
        };
        var protocol = Protocol.Draft(draft, ProtocolContext(by));
        protocol.Submit(StampBy(by));
        protocol.StartReview(StampBy(Cast.KenyaCommittee));
        _protocols[Kwtrp2] = protocol;
        Note(Cast.Kilifi, TimelineKind.Ethics, "Protocol KWTRP-2 submitted to the committee");

        yield return When(Cast.Kilifi, new LocalDate(2012, 1, 24));
        protocol.RequestChanges("Explain how managers' confidentiality is protected in reports", StampBy(Cast.KenyaCommittee));
        Note(Cast.Kilifi, TimelineKind.Ethics, "Committee requests changes: how managers' confidentiality is protected");
        yield return When(Cast.Kilifi, new LocalDate(2012, 1, 26));
        protocol.Submit(StampBy(by));
        protocol.StartReview(StampBy(Cast.KenyaCommittee));

        yield return When(Cast.Kilifi, new LocalDate(2012, 2, 1));
        protocol.Approve(Today(Cast.Kilifi), KenyaPolicy.ApprovalPeriodFrom(Today(Cast.Kilifi)), StampBy(Cast.KenyaCommittee));
        Note(Cast.Kilifi, TimelineKind.Ethics, $"Protocol KWTRP-2 approved (version 1) until {Format(protocol.State.ApprovalEnd!.Value)}");
        await SaveAsync(protocol, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sedibeng's second science/ethics protocol (2016), approved by the Wits committee: monthly leadership
    /// support workshops with senior and middle managers and an external facilitator, with diaries and observations.
    /// </summary>
    private async Task ApproveWorkshopProtocolAsync(CancellationToken ct)
    {
        var by = Cast.Member(Cast.SedibengLeadResearcher);
        var scope = new ProtocolScope(
            [DataCollectionMethod.WorkshopObservation, DataCollectionMethod.Observation, DataCollectionMethod.Diary, DataCollectionMethod.ReflectivePracticeDiscussion],
            [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers],
            [Cast.Sedibeng]);
        var draft = new ProtocolDraft(SedibengProtocol, "Leadership support intervention workshops in Sedibeng District", WitsCommitteeId, scope)
        {
            Institution = "Centre for Health Policy, University of the Witwatersrand",
        };
        var protocol = await ApproveAsync(draft, by, Cast.WitsCommittee, WitsPolicy, Cast.Sedibeng, ct).ConfigureAwait(false);
        Note(Cast.Sedibeng, TimelineKind.Ethics, $"Protocol {SedibengProtocol} (the workshops) reviewed and approved until {Format(protocol.State.ApprovalEnd!.Value)}");
    }

    /// <summary>A protocol drafted by a site's researcher, submitted, reviewed and approved today by its committee for the policy's period; kept and saved.</summary>
    private async Task<Protocol> ApproveAsync(ProtocolDraft draft, Actor by, Actor committee, CommitteePolicy policy, SiteId site, CancellationToken ct)
    {
        var protocol = Protocol.Draft(draft, ProtocolContext(by));
        protocol.Submit(StampBy(by));
        protocol.StartReview(StampBy(committee));
        protocol.Approve(Today(site), policy.ApprovalPeriodFrom(Today(site)), StampBy(committee));
        _protocols[draft.Id] = protocol;
        await SaveAsync(protocol, ct).ConfigureAwait(false);
        return protocol;
    }

    /// <summary>A protocol's continuing review in January: renewed today until the end of next January.</summary>
    private async Task RenewAsync(Protocol protocol, SiteId site, Actor committee, int year, CancellationToken ct)
    {
        protocol.Renew(Today(site), new LocalDate(year + 1, 1, 31), ProtocolContext(committee));
        Note(site, TimelineKind.Ethics, $"Protocol {protocol.Id} renewed until {Format(protocol.State.ApprovalEnd!.Value)}");
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
        await RenewAsync(protocol, Cast.Kilifi, Cast.KenyaCommittee, year, ct).ConfigureAwait(false);
    }

    /// <summary>The plan needs interviews with facility managers on facility financing: the gate refuses acting until the amendment is approved.</summary>
    private async IAsyncEnumerable<Instant> BlockThenAmend(Cycle cycle, [EnumeratorCancellation] CancellationToken ct)
    {
        var site = Cast.Kilifi;
        var by = Cast.Member(Cast.KilifiLeadResearcher);
        Capture("Kilifi 2016: the plan needs interviews with facility managers", cycle, Now);
        try
        {
            cycle.StartActing(Rules.At(new Stamp(Now, by)));
        }
        catch (CommandRejectedException e)
        {
            // The full reasons (each with its remedies) are in the availability table; the timeline keeps the first sentence.
            _blockedBeforeAmendment.AddRange(e.Reasons);
            var first = e.Reasons[0];
            var cut = first.IndexOf(" (", System.StringComparison.Ordinal);
            Note(site, TimelineKind.Blocked, "Acting refused by the ethics gate: " + (cut > 0 ? first[..cut] : first)
                + (e.Reasons.Count > 1 ? $" (and {e.Reasons.Count - 1} more)" : string.Empty));
        }

        // The remedy the gate names: amend KWTRP-2 (a sub-study protocol would do too).
        var protocol = _protocols[Kwtrp2];
        var facilityManagers = new AmendmentDraft(
            FacilityManagersAmendment,
            "Facility managers interviewed on how their facilities are financed",
            AmendmentChanges.Adding(ScopeItem.Of(RespondentGroup.FacilityManagers)));
        var amendment = Amendment.Draft(facilityManagers, protocol, Today(site), ProtocolContext(by));
        amendment.Submit(StampBy(by));
        protocol.LodgeAmendment(amendment, StampBy(by));
        Note(site, TimelineKind.Ethics, $"Amendment {FacilityManagersAmendment} submitted: add facility managers to KWTRP-2");
        await SaveAsync(amendment, ct).ConfigureAwait(false);
        await SaveAsync(protocol, ct).ConfigureAwait(false);

        yield return When(site, Today(site).PlusDays(4));
        amendment.StartReview(StampBy(Cast.KenyaCommittee));
        yield return When(site, new LocalDate(2016, 3, 21));
        amendment.Approve(Today(site), StampBy(Cast.KenyaCommittee));
        protocol.ApplyAmendment(amendment, StampBy(Cast.KenyaCommittee));
        Note(site, TimelineKind.Ethics, $"Amendment {FacilityManagersAmendment} approved: KWTRP-2 version {protocol.State.CurrentVersion!.Number} covers interviews with facility managers");
        await SaveAsync(amendment, ct).ConfigureAwait(false);
        await SaveAsync(protocol, ct).ConfigureAwait(false);

        Capture("Kilifi 2016: after the amendment is approved", cycle, Now);
        _permittedAfterAmendment = cycle.PermittedTriggers(Now, Rules).Contains(CycleTrigger.StartActing);
    }

    private ApprovalWindowInput ApprovalWindow(Protocol protocol, SiteId site, CommitteePolicy policy)
    {
        var end = protocol.State.ApprovalEnd!.Value;
        return new ApprovalWindowInput(protocol.Id, protocol.State.Title, site, end, ZoneOf(site), policy.RenewalDueOn(end));
    }

    private IEnumerable<ApprovalWindowInput> ApprovalWindows()
    {
        yield return ApprovalWindow(_protocols[Kwtrp2], Cast.Kilifi, KenyaPolicy);
        if (_protocols.TryGetValue(SedibengProtocol, out var sedibeng))
        {
            yield return ApprovalWindow(sedibeng, Cast.Sedibeng, WitsPolicy);
        }
    }
}
