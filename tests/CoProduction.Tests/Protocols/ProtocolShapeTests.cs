using System;
using System.Linq;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Tests.Kernel;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

/// <summary>The one aggregate shape for protocols, amendments and deviations: the pipeline's checks, the machines held equal to Stateless, availability on a date, the gate's later coverage.</summary>
public sealed class ProtocolShapeTests
{
    private static readonly LocalDate Within = new(2015, 6, 1);
    private static readonly LocalDate Lapsed = new(2016, 4, 1);

    [Fact]
    public void A_default_actor_is_refused_by_every_protocol_amendment_and_deviation_command()
    {
        var protocol = Drafted();
        protocol.Submit(Stamp(At(1), Researcher));
        protocol.StartReview(Stamp(At(2), Committee));

        Assert.Throws<ArgumentException>(() => protocol.Approve(new LocalDate(2015, 3, 1), ApprovalPeriod.OpenEnded(new LocalDate(2015, 3, 1)), default));
        Assert.Throws<ArgumentException>(() => new Stamp(At(3), default));
        Assert.Equal(ProtocolStatus.UnderReview, protocol.Status);

        var approved = Approved();
        // A generic amendment (a KWTRP protocol adding journaling) for the amendment mechanics, not the paper's story: journaling was Mitchell's Plain's (Table 1).
        var amendment = DraftAmendment(approved, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), Within, At(10));
        Assert.Throws<ArgumentException>(() => amendment.Submit(default));
        Assert.Throws<ArgumentException>(() => approved.LodgeAmendment(amendment, default));
        Assert.Equal(1, amendment.Version);
    }

    [Fact]
    public void A_command_dated_before_the_latest_event_is_refused_and_changes_nothing()
    {
        var protocol = Approved();
        var state = protocol.State;

        var ex = Assert.Throws<CommandRejectedException>(() => protocol.Suspend(Within, "concern", Stamp(At(2), Committee)));

        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.Equal(ProtocolStatus.Approved, ex.State);
        Assert.Equal(ProtocolTrigger.Suspend, ex.Trigger);
        Assert.Same(state, protocol.State);

        var amendment = DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), Within, At(10));
        Assert.Equal(RefusalKind.RuleBroken, Assert.Throws<CommandRejectedException>(() => amendment.Submit(Stamp(At(9), Researcher))).Refusal.Kind);

        var deviation = ProtocolDeviation.Record(
            new DeviationRecording(new DeviationId("D1"), Activity(DataCollectionMethod.Diary, RespondentGroup.HealthWorkers, Kilifi, Within), "diaries", Within),
            protocol,
            Context(At(20), Researcher));
        Assert.Equal(RefusalKind.RuleBroken, Assert.Throws<CommandRejectedException>(() => deviation.Report(Within, "ref", Stamp(At(19), Researcher))).Refusal.Kind);
        Assert.Equal(DeviationStatus.Open, deviation.Status);
    }

    [Fact]
    public void Availability_takes_the_date_and_offers_no_amendment_on_a_lapsed_protocol()
    {
        var protocol = Approved();

        var within = Assert.Single(protocol.Availability(Within), a => a.Trigger == ProtocolTrigger.DraftAmendment);
        var lapsed = Assert.Single(protocol.Availability(Lapsed), a => a.Trigger == ProtocolTrigger.DraftAmendment);

        Assert.True(within.IsPermitted);
        Assert.False(lapsed.IsPermitted);
        Assert.Equal(RefusalKind.GuardsUnmet, lapsed.Refusal!.Kind);
        Assert.Equal(["protocol 'KWTRP-1' is Expired on 2016-04-01: only an approved, unexpired protocol can be amended"], lapsed.Reasons);
        Assert.Contains(ProtocolTrigger.DraftAmendment, protocol.PermittedTriggers(Within));
        Assert.DoesNotContain(ProtocolTrigger.DraftAmendment, protocol.PermittedTriggers(Lapsed));
    }

    [Fact]
    public void Renewing_needs_the_policy_of_the_protocols_committee_from_the_rules()
    {
        var protocol = Approved();
        var rules = new ProtocolRules(KnownSites, []);

        var ex = Assert.Throws<UnknownCommitteeException>(
            () => protocol.Renew(new LocalDate(2016, 2, 1), new LocalDate(2017, 2, 28), new ProtocolContext(Stamp(At(300), Committee), rules)));

        Assert.Contains("committee 'kemri-seru' has no registered policy (registered: none)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Kemri, ex.Committee);
        Assert.Equal(4, protocol.Version);
    }

    [Fact]
    public void Drafting_a_protocol_whose_committee_has_no_policy_is_refused_naming_the_registered_committees()
    {
        var rules = new ProtocolRules(KnownSites, new System.Collections.Generic.Dictionary<CommitteeId, CommitteePolicy>
        {
            [new CommitteeId("uct-hrec")] = CommitteePolicies.SouthAfricanUniversityCommittee,
            [new CommitteeId("wits-hrec")] = CommitteePolicies.SouthAfricanUniversityCommittee,
        });

        var ex = Assert.Throws<UnknownCommitteeException>(() => Protocol.Draft(Draft(), new ProtocolContext(Stamp(At(0), Researcher), rules)));

        Assert.Equal(
            "Cannot draft protocol 'KWTRP-1': committee 'kemri-seru' has no registered policy (registered: uct-hrec, wits-hrec)."
            + " Its policy decides the approval's renewal and lapse, the deviation deadline and the reminder lead times: register it (builder.AddCommitteePolicy) or correct the id; nothing was changed.",
            ex.Message);
        Assert.Equal([new CommitteeId("uct-hrec"), new CommitteeId("wits-hrec")], ex.RegisteredCommittees);
    }

    [Fact]
    public void When_a_later_version_covers_the_activity_the_gate_says_to_re_date_it_instead_of_amending()
    {
        var protocol = Approved();
        // A generic amendment (a KWTRP protocol adding journaling) for the amendment mechanics, not the paper's story: journaling was Mitchell's Plain's (Table 1).
        var journaling = ApprovedAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), new LocalDate(2015, 9, 20));
        protocol.ApplyAmendment(journaling, Stamp(At(20), Committee));
        var early = Activity(DataCollectionMethod.Journaling, RespondentGroup.DistrictManagers, Kilifi, new LocalDate(2015, 5, 1), "journals");

        var decision = ProtocolEthicsGate.From([protocol]).Check(early);

        Assert.False(decision.IsCovered);
        Assert.Equal(new LaterCoverage(new ProtocolId("KWTRP-1"), 2, new LocalDate(2015, 9, 20)), decision.CoveredLater);
        Assert.Equal("Planned activity 'journals' (journaling with district-managers at kilifi) is not covered by any approved protocol on 2015-05-01.", decision.Headline);
        Assert.Equal(["protocol 'KWTRP-1' covers it from 2015-09-20 by version 2: re-date the activity."], decision.Details);
        Assert.Equal(["re-date the activity to 2015-09-20 or later (protocol 'KWTRP-1' version 2)"], decision.Remedies);
        Assert.Equal([decision.Headline!, .. decision.Details], decision.Reasons);
        Assert.True(ProtocolEthicsGate.From([protocol]).Check(early with { Date = new LocalDate(2015, 9, 20) }).IsCovered);
    }

    [Fact]
    public void A_covered_activity_has_no_headline_details_or_remedies()
    {
        var decision = ProtocolEthicsGate.From([Approved()]).Check(Activity(DataCollectionMethod.Interview, RespondentGroup.DistrictManagers, Kilifi, Within));

        Assert.True(decision.IsCovered);
        Assert.Null(decision.Headline);
        Assert.Empty(decision.Details);
        Assert.Empty(decision.Remedies);
        Assert.Empty(decision.Reasons);
        Assert.Null(decision.CoveredLater);
    }

    [Fact]
    public void Values_refuse_what_they_cannot_be()
    {
        Assert.Throws<ArgumentException>(() => new ScopeItem(ScopeItemKind.Method, "Not A Code"));
        Assert.Throws<ArgumentException>(() => new ScopeItem(ScopeItemKind.ApprovalPeriod, "start"));
        Assert.Throws<ArgumentException>(() => new ProtocolScope([default], [], []));
        Assert.Equal(InputRule.Blank, Assert.Throws<InputLimitException>(() => new AmendmentChanges([], [], personnelChanges: "  ")).Rule);
        Assert.Equal(InputRule.Padded, Assert.Throws<InputLimitException>(() => new ProtocolDraft(new ProtocolId("P"), " padded", Kemri, KilifiFirstScope) { Institution = "KEMRI" }).Rule);
        Assert.Throws<ArgumentException>(() => new ProtocolDraft(new ProtocolId("P"), "Title", Kemri, KilifiFirstScope) { Institution = "KEMRI", Parent = new ProtocolId("P") });
        Assert.Equal(InputRule.Blank, Assert.Throws<InputLimitException>(() => new AmendmentProposal(" ", AmendmentChanges.Adding(ScopeItem.Of(Kilifi)))).Rule);
        Assert.Throws<ArgumentException>(() => new ProtocolRules([default], []));
    }

    [Fact]
    public void The_protocol_machine_decides_as_Stateless_does_in_every_state_with_each_guard_held_and_failed()
    {
        var complete = Drafted();
        var incomplete = Drafted("P-2", new ProtocolScope([DataCollectionMethod.Interview], [], [Kilifi]));
        var umbrellaOneSite = Drafted("P-3", KilifiFirstScope, ProtocolKind.Umbrella);
        var submitted = Drafted("P-4");
        submitted.Submit(Stamp(At(1), Researcher));
        var underReview = Drafted("P-5");
        underReview.Submit(Stamp(At(1), Researcher));
        underReview.StartReview(Stamp(At(2), Committee));
        var changes = Drafted("P-6");
        changes.Submit(Stamp(At(1), Researcher));
        changes.StartReview(Stamp(At(2), Committee));
        changes.RequestChanges("more", Stamp(At(3), Committee));
        var rejected = Drafted("P-7");
        rejected.Withdraw("no longer needed", Stamp(At(1), Researcher));
        var approved = Approved("P-8");
        var pending = Approved("P-9");
        var amendment = DraftAmendment(pending, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Diary)), Within, At(10));
        amendment.Submit(Stamp(At(10), Researcher));
        pending.LodgeAmendment(amendment, Stamp(At(10), Researcher));
        var suspended = Approved("P-10");
        suspended.Suspend(Within, "concern", Stamp(At(10), Committee));
        var expired = Approved("P-11");
        expired.ObserveExpiry(Lapsed, Stamp(At(10), Actor.System));
        var closed = Approved("P-12");
        closed.Close(Within, "final report", Stamp(At(10), Researcher));

        var states = new[] { complete, incomplete, umbrellaOneSite, submitted, underReview, changes, rejected, approved, pending, suspended, expired, closed }.Select(p => p.State);
        var contexts = states.SelectMany(s => new[] { new ProtocolDecision(s, null), new ProtocolDecision(s, Within), new ProtocolDecision(s, Lapsed) }).ToArray();

        MachineAgreement.Check(ProtocolMachine.Machine, contexts, d => d.Status);
        Assert.Equal(Enum.GetValues<ProtocolStatus>().Except([ProtocolStatus.Rejected]).Order(), contexts.Select(c => c.Status).Distinct().Order());
    }

    [Fact]
    public void The_amendment_machine_decides_as_Stateless_does_in_every_state_with_its_guard_held_and_failed()
    {
        var protocol = Approved();
        Amendment Make(string id, bool substantial) => DraftAmendment(protocol, id, AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Diary)), Within, At(10), substantial: substantial);
        var draft = Make("A1", true);
        var substantial = Make("A2", true);
        substantial.Submit(Stamp(At(11), Researcher));
        var minor = Make("A3", false);
        minor.Submit(Stamp(At(11), Researcher));
        var underReview = Make("A4", true);
        underReview.Submit(Stamp(At(11), Researcher));
        underReview.StartReview(Stamp(At(12), Committee));
        var changes = Make("A5", true);
        changes.Submit(Stamp(At(11), Researcher));
        changes.StartReview(Stamp(At(12), Committee));
        changes.RequestChanges("more", Stamp(At(13), Committee));
        var approved = Make("A6", true);
        approved.Submit(Stamp(At(11), Researcher));
        approved.StartReview(Stamp(At(12), Committee));
        approved.Approve(Within, Stamp(At(13), Committee));
        var rejected = Make("A7", true);
        rejected.Submit(Stamp(At(11), Researcher));
        rejected.StartReview(Stamp(At(12), Committee));
        rejected.Reject("no", Stamp(At(13), Committee));
        var withdrawn = Make("A8", true);
        withdrawn.Withdraw("merged", Stamp(At(11), Researcher));

        var states = new[] { draft, substantial, minor, underReview, changes, approved, rejected, withdrawn }.Select(a => a.State).ToArray();

        MachineAgreement.Check(AmendmentMachine.Machine, states, s => s.Status);
        Assert.Equal(Enum.GetValues<AmendmentStatus>().Order(), states.Select(s => s.Status).Distinct().Order());
    }

    [Fact]
    public void The_deviation_machine_decides_as_Stateless_does_in_every_state()
    {
        ProtocolDeviation Make(string id) => ProtocolDeviation.Record(
            new DeviationRecording(new DeviationId(id), Activity(DataCollectionMethod.Diary, RespondentGroup.HealthWorkers, Kilifi, Within), "diaries", Within),
            Approved(),
            Context(At(20), Researcher));
        var open = Make("D1");
        var reported = Make("D2");
        reported.Report(Within, "ref", Stamp(At(21), Researcher));
        var closed = Make("D3");
        closed.Report(Within, "ref", Stamp(At(21), Researcher));
        closed.Close("noted", Stamp(At(22), Committee));

        MachineAgreement.Check(ProtocolDeviationMachine.Machine, [open.State, reported.State, closed.State], s => s.Status);
    }
}
