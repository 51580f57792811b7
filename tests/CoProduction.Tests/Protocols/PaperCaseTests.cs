using System.Linq;
using CoProduction.Ethics;
using CoProduction.Protocols;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

/// <summary>The cases of the paper, as examples.</summary>
public sealed class PaperCaseTests
{
    [Fact]
    public void Kilifis_second_protocol_broadens_the_focus_to_facility_level_governance()
    {
        var first = Approved("KWTRP-1");
        var second = Approved(
            "KWTRP-2",
            new ProtocolScope(
                [DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview, DataCollectionMethod.ReflectivePracticeDiscussion],
                [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers, RespondentGroup.FacilityManagers],
                [Kilifi]),
            start: new LocalDate(2016, 1, 1));

        var interview = Activity(DataCollectionMethod.Interview, RespondentGroup.FacilityManagers, Kilifi, new LocalDate(2016, 1, 15), "interviews on facility financing");
        var onlyFirst = new ProtocolEthicsGate([first]).Check(interview);
        var both = ProtocolEthicsGate.From([first, second]).Check(interview);

        Assert.False(onlyFirst.IsCovered);
        Assert.Contains(onlyFirst.Remedies, r => r.StartsWith("amend protocol 'KWTRP-1' to add facility-managers", System.StringComparison.Ordinal));
        Assert.True(both.IsCovered);
        Assert.Equal(new ProtocolId("KWTRP-2"), both.Protocol);
        Assert.Equal(1, both.ProtocolVersion);
        Assert.Equal(
            new ScopeDiff([ScopeItem.Of(DataCollectionMethod.ReflectivePracticeDiscussion), ScopeItem.Of(RespondentGroup.FacilityManagers)], []),
            first.State.CurrentScope.DiffTo(second.State.CurrentScope));
    }

    [Fact]
    public void Mitchells_Plains_journaling_with_facility_managers_needs_a_sub_study_and_is_covered_once_it_is_approved()
    {
        // Mitchell's Plain's original action-learning protocol; the journaling inquiry is a sub-study with its own protocol,
        // both approved by UCT's committee (Table 1, Box 2).
        var main = ApprovedByUct(
            "UCT-DIALHS",
            new ProtocolScope(
                [DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview, DataCollectionMethod.ReflectivePracticeDiscussion],
                [RespondentGroup.SubDistrictManagers, RespondentGroup.FacilityManagers],
                [MitchellsPlain]),
            start: new LocalDate(2016, 1, 1));
        var journaling = Activity(DataCollectionMethod.Journaling, RespondentGroup.FacilityManagers, MitchellsPlain, new LocalDate(2016, 3, 1), "journaling with facility managers");

        var blocked = new ProtocolEthicsGate([main]).Check(journaling);
        Assert.False(blocked.IsCovered);
        Assert.Equal(
            "Planned activity 'journaling with facility managers' (journaling with facility-managers at mitchells-plain) is not covered by any approved protocol on 2016-03-01.",
            blocked.Reasons[0]);
        Assert.Contains("protocol 'UCT-DIALHS' version 1 does not include method 'journaling'.", blocked.Reasons);
        Assert.Contains("amend protocol 'UCT-DIALHS' to add journaling", blocked.Remedies);
        Assert.Contains(blocked.Remedies, r => r.StartsWith("open a sub-study protocol for journaling with facility-managers at mitchells-plain", System.StringComparison.Ordinal));

        var subStudy = ApprovedByUct(
            "UCT-MP-JOURNAL",
            new ProtocolScope([DataCollectionMethod.Journaling], [RespondentGroup.FacilityManagers], [MitchellsPlain]),
            start: new LocalDate(2016, 2, 15),
            kind: ProtocolKind.SubStudy,
            parent: main.Id);
        var covered = ProtocolEthicsGate.From([main, subStudy]).Check(journaling);

        Assert.True(covered.IsCovered);
        Assert.Equal(subStudy.Id, covered.Protocol);
        Assert.Equal(main.Id, subStudy.State.Parent);
    }

    [Fact]
    public void The_annual_review_renews_the_approval_before_it_lapses_and_reminders_count_down_to_its_end()
    {
        var policy = CommitteePolicies.KenyaNationalCommittee;
        var protocol = Approved("KWTRP-1", start: new LocalDate(2015, 3, 1));
        var end = protocol.State.ApprovalEnd!.Value;

        Assert.Equal(new LocalDate(2016, 2, 29), end);
        Assert.Equal(new LocalDate(2015, 12, 29), policy.RenewalDueOn(end));
        Assert.Equal(
            [new LocalDate(2015, 12, 31), new LocalDate(2016, 1, 30), new LocalDate(2016, 2, 14), new LocalDate(2016, 2, 22)],
            policy.ReminderDates(end));
        Assert.Equal(ProtocolStatus.Expired, protocol.StatusOn(new LocalDate(2016, 3, 1)));

        protocol.Renew(new LocalDate(2016, 2, 10), new LocalDate(2017, 2, 28), Context(At(400), Committee, policy));

        Assert.Equal(ProtocolStatus.Approved, protocol.StatusOn(new LocalDate(2016, 3, 1)));
        Assert.Equal(new LocalDate(2017, 2, 28), protocol.State.ApprovalEnd);
        Assert.Single(protocol.State.Approvals);
        Assert.False(protocol.IsExpiryDue(new LocalDate(2017, 2, 28)));
        Assert.True(protocol.IsExpiryDue(new LocalDate(2017, 3, 1)));

        protocol.ObserveExpiry(new LocalDate(2017, 3, 3), Stamp(At(800), Actor.System));
        Assert.Equal(ProtocolStatus.Expired, protocol.Status);
        Assert.Equal(ProtocolStatus.Approved, protocol.StatusOn(new LocalDate(2017, 2, 28)));
    }

    [Fact]
    public void A_late_renewal_under_the_kenyan_policy_leaves_the_gap_expired()
    {
        var protocol = Approved("KWTRP-1", start: new LocalDate(2015, 3, 1));
        protocol.ObserveExpiry(new LocalDate(2016, 3, 2), Stamp(At(400), Actor.System));
        protocol.Renew(new LocalDate(2016, 3, 15), new LocalDate(2017, 3, 14), Context(At(410), Committee, CommitteePolicies.KenyaNationalCommittee));

        Assert.Equal(ProtocolStatus.Approved, protocol.Status);
        Assert.Equal(ProtocolStatus.Expired, protocol.StatusOn(new LocalDate(2016, 3, 10)));
        Assert.Equal(ProtocolStatus.Approved, protocol.StatusOn(new LocalDate(2016, 3, 15)));
        Assert.Equal(2, protocol.State.Approvals.Count);
    }

    [Fact]
    public void A_lapsed_protocol_under_the_south_african_policy_needs_a_new_application()
    {
        var protocol = Approved("MP-1", scope: new ProtocolScope([DataCollectionMethod.ReflectivePracticeDiscussion], [RespondentGroup.SubDistrictManagers], [MitchellsPlain]));
        protocol.ObserveExpiry(new LocalDate(2016, 3, 2), Stamp(At(400), Actor.System));
        var version = protocol.Version;

        var ex = Assert.Throws<CommandRejectedException>(
            () => protocol.Renew(new LocalDate(2016, 3, 15), new LocalDate(2017, 3, 14), Context(At(410), Committee, CommitteePolicies.SouthAfricanUniversityCommittee)));

        Assert.Contains("needs a new application", ex.Message, System.StringComparison.Ordinal);
        Assert.Equal(version, protocol.Version);
        Assert.Equal(ProtocolStatus.Expired, protocol.Status);
    }

    [Fact]
    public void An_amendment_is_blocked_while_another_is_pending_on_the_same_item()
    {
        // Kilifi's work on facility financing (Table 1) needs facility managers added to KWTRP-2; a second amendment also adds them.
        var protocol = Approved("KWTRP-2");
        var today = new LocalDate(2015, 6, 1);
        var addFacilityManagers = DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(RespondentGroup.FacilityManagers)), today, At(150), "facility managers interviewed on facility financing");
        addFacilityManagers.Submit(Stamp(At(150), Researcher));
        protocol.LodgeAmendment(addFacilityManagers, Stamp(At(150), Researcher));

        var alsoFacilityManagers = DraftAmendment(
            protocol,
            "A2",
            AmendmentChanges.Adding(ScopeItem.Of(RespondentGroup.FacilityManagers), ScopeItem.Of(RespondentGroup.HealthWorkers)),
            today,
            At(151),
            "facility managers and health workers on facility financing");
        alsoFacilityManagers.Submit(Stamp(At(151), Researcher));
        var version = protocol.Version;

        var ex = Assert.Throws<CommandRejectedException>(() => protocol.LodgeAmendment(alsoFacilityManagers, Stamp(At(151), Researcher)));

        Assert.Equal(
            "amendment 'A1' is pending on respondent group 'facility-managers', which amendment 'A2' also changes: wait for the committee's decision on 'A1' or withdraw it",
            Assert.Single(ex.Reasons));
        Assert.Equal(version, protocol.Version);

        // An amendment on another item is not blocked: several may be open at once.
        var sites = DraftAmendment(protocol, "A3", AmendmentChanges.Adding(ScopeItem.Of(Sedibeng)), today, At(152), "the work extends to a second site");
        sites.Submit(Stamp(At(152), Researcher));
        protocol.LodgeAmendment(sites, Stamp(At(152), Researcher));
        Assert.Equal(2, protocol.State.Pending.Count);

        // Once A1 is withdrawn and released, A2 may be lodged.
        addFacilityManagers.Withdraw("merged into A2", Stamp(At(153), Researcher));
        protocol.ReleaseAmendment(addFacilityManagers, Stamp(At(153), Researcher));
        protocol.LodgeAmendment(alsoFacilityManagers, Stamp(At(153), Researcher));
        Assert.Equal([new AmendmentId("A3"), new AmendmentId("A2")], protocol.State.Pending.Select(p => p.Amendment));
    }

    [Fact]
    public void An_amendment_written_against_a_stale_version_touching_a_changed_item_must_be_rebased()
    {
        var protocol = Approved("KWTRP-2");
        var stale = DraftAmendment(protocol, "A2", AmendmentChanges.Removing(ScopeItem.Of(DataCollectionMethod.Interview)), new LocalDate(2015, 5, 1), At(100), "stop interviews");
        // Amendment mechanics, not the paper's story: A1 replaces interviews with focus groups.
        var first = ApprovedAmendment(protocol, "A1", new AmendmentChanges([ScopeItem.Of(DataCollectionMethod.FocusGroup)], [ScopeItem.Of(DataCollectionMethod.Interview)]), new LocalDate(2015, 6, 1), day: 110);
        protocol.ApplyAmendment(first, Stamp(At(113), Committee));
        stale.Submit(Stamp(At(120), Researcher));

        var ex = Assert.Throws<CommandRejectedException>(() => protocol.LodgeAmendment(stale, Stamp(At(120), Researcher)));
        Assert.Contains("rebase it on version 2", Assert.Single(ex.Reasons), System.StringComparison.Ordinal);

        // Rebasing checks the changes again: interviews are already gone, so the amendment must be revised.
        var rebase = Assert.Throws<CommandRejectedException>(() => stale.Rebase(protocol, Stamp(At(121), Researcher)));
        Assert.Contains("does not have method 'interview', so it cannot be removed", rebase.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Applying_an_approved_amendment_produces_the_next_version_in_force_from_its_approval_date()
    {
        var protocol = Approved("KWTRP-2");
        // The amendment adding facility managers, so that Kilifi's interviews on facility financing are covered (Table 1).
        var amendment = ApprovedAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(RespondentGroup.FacilityManagers)), new LocalDate(2015, 9, 1));
        protocol.ApplyAmendment(amendment, Stamp(At(20), Committee));

        Assert.Equal(2, protocol.State.CurrentVersion!.Number);
        Assert.Empty(protocol.State.Pending);
        Assert.Equal(1, protocol.VersionInForceOn(new LocalDate(2015, 8, 31))!.Number);
        Assert.Equal(2, protocol.VersionInForceOn(new LocalDate(2015, 9, 1))!.Number);
        Assert.Equal(new ScopeDiff([ScopeItem.Of(RespondentGroup.FacilityManagers)], []), protocol.State.Diff(1, 2));
        var financing = Activity(DataCollectionMethod.Interview, RespondentGroup.FacilityManagers, Kilifi, new LocalDate(2015, 8, 31), "interviews with facility managers on facility financing");
        Assert.False(ProtocolEthicsGate.From([protocol]).Check(financing).IsCovered);
        Assert.Equal(2, ProtocolEthicsGate.From([protocol]).Check(financing with { Date = new LocalDate(2015, 9, 1) }).ProtocolVersion);
    }

    private static readonly CommitteeId Uct = new("uct-hrec");

    /// <summary>A Mitchell's Plain protocol of the University of Cape Town, approved by its committee from <paramref name="start"/>.</summary>
    private static Protocol ApprovedByUct(string id, ProtocolScope scope, LocalDate start, ProtocolKind kind = ProtocolKind.Main, ProtocolId? parent = null)
    {
        var rules = new ProtocolRules(KnownSites, new System.Collections.Generic.Dictionary<CommitteeId, CommitteePolicy> { [Uct] = CommitteePolicies.SouthAfricanUniversityCommittee });
        var draft = new ProtocolDraft(new ProtocolId(id), kind == ProtocolKind.SubStudy ? "Facility managers' experiences through journaling" : "District Innovation and Action Learning for Health System Development", Uct, scope)
        {
            Institution = "University of Cape Town",
            Kind = kind,
            Parent = parent,
        };
        var protocol = Protocol.Draft(draft, new ProtocolContext(Stamp(At(0), Researcher), rules));
        protocol.Submit(Stamp(At(1), Researcher));
        protocol.StartReview(Stamp(At(2), Committee));
        protocol.Approve(start, CommitteePolicies.SouthAfricanUniversityCommittee.ApprovalPeriodFrom(start), Stamp(At(3), Committee));
        return protocol;
    }
}
