using System.Linq;
using System;
using CoProduction.Ethics;
using CoProduction.Protocols;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

public sealed class BadInputTests
{
    [Fact]
    public void An_approval_period_ending_before_it_starts_is_refused_and_nothing_changes()
    {
        var protocol = Drafted();
        protocol.Submit(Stamp(At(1), Researcher));
        protocol.StartReview(Stamp(At(2), Committee));
        var version = protocol.Version;

        var ex = Assert.Throws<ArgumentException>(() => protocol.Approve(new LocalDate(2015, 3, 1), new ApprovalPeriod(new LocalDate(2015, 3, 1), new LocalDate(2015, 2, 28)), Stamp(At(3), Committee)));

        Assert.Contains("cannot end (2015-02-28) before it starts (2015-03-01)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(version, protocol.Version);
        Assert.Equal(ProtocolStatus.UnderReview, protocol.Status);
    }

    [Fact]
    public void Renewing_a_closed_protocol_is_refused_with_what_is_allowed()
    {
        var protocol = Approved();
        protocol.Close(new LocalDate(2015, 12, 1), "final report submitted", Stamp(At(300), Researcher));
        var state = protocol.State;

        var ex = Assert.Throws<CommandRejectedException>(() => protocol.Renew(new LocalDate(2016, 1, 1), new LocalDate(2017, 1, 1), Context(At(301), Committee, CommitteePolicies.KenyaNationalCommittee)));

        Assert.Equal("Closed", ex.State.ToString());
        Assert.Equal("Renew", ex.Trigger.ToString());
        Assert.Empty(ex.PermittedTriggers);
        Assert.Same(state, protocol.State);
    }

    [Fact]
    public void An_amendment_to_a_draft_protocol_is_refused()
    {
        var protocol = Drafted();

        // A generic amendment (a KWTRP protocol adding journaling) for the amendment mechanics, not the paper's story: journaling was Mitchell's Plain's (Table 1).
        var ex = Assert.Throws<CommandRejectedException>(() => DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), new LocalDate(2015, 3, 1), At(1), "add journals"));

        Assert.Equal("Draft", ex.State.ToString());
        Assert.Equal("DraftAmendment", ex.Trigger.ToString());
        Assert.Equal(1, protocol.Version);
    }

    [Fact]
    public void An_amendment_to_an_expired_protocol_is_refused_even_before_the_expiry_is_recorded()
    {
        var protocol = Approved();

        var ex = Assert.Throws<CommandRejectedException>(() => DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), new LocalDate(2016, 3, 1), At(1), "add journals"));

        Assert.Contains("only an approved, unexpired protocol can be amended", ex.Message, StringComparison.Ordinal);
        Assert.Contains("is Expired on 2016-03-01", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_rationale_is_refused(string rationale)
    {
        var protocol = Approved();
        Assert.ThrowsAny<ArgumentException>(() => DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), new LocalDate(2015, 5, 1), At(1), rationale));
    }

    [Fact]
    public void Removing_a_scope_item_the_protocol_does_not_have_is_refused()
    {
        var protocol = Approved();

        var ex = Assert.Throws<CommandRejectedException>(() => DraftAmendment(protocol, "A1", AmendmentChanges.Removing(ScopeItem.Of(DataCollectionMethod.Diary)), new LocalDate(2015, 5, 1), At(1), "stop diaries"));

        Assert.Equal("the protocol's scope does not have method 'diary', so it cannot be removed", Assert.Single(ex.Reasons));
    }

    [Fact]
    public void An_unknown_site_is_refused_with_the_known_ones()
    {
        var protocol = Approved();
        var ex = Assert.Throws<UnknownSiteException>(() => DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(new SiteId("kisumu"))), new LocalDate(2015, 5, 1), At(1), "extend"));
        Assert.Equal([new SiteId("kisumu")], ex.UnknownSites);
        Assert.Contains("known: kilifi, mitchells-plain, sedibeng", ex.Message, StringComparison.Ordinal);

        Assert.Throws<UnknownSiteException>(() => Drafted(scope: new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [new SiteId("kisumu")])));
    }

    [Fact]
    public void There_is_no_approval_without_review()
    {
        var protocol = Drafted();
        protocol.Submit(Stamp(At(1), Researcher));

        var ex = Assert.Throws<CommandRejectedException>(() => protocol.Approve(new LocalDate(2015, 3, 1), ApprovalPeriod.OpenEnded(new LocalDate(2015, 3, 1)), Stamp(At(2), Committee)));

        Assert.Equal(["StartReview", "Withdraw"], ex.PermittedTriggers.Select(t => t.ToString()));
    }

    [Fact]
    public void Submitting_an_incomplete_scope_explains_what_is_missing()
    {
        var protocol = Drafted(scope: new ProtocolScope([DataCollectionMethod.Interview], [], [Kilifi]));

        var submit = Assert.Single(protocol.Availability(new LocalDate(2015, 1, 5)), a => a.Trigger == ProtocolTrigger.Submit);

        Assert.False(submit.IsPermitted);
        Assert.Equal(["the scope names no respondent group: add at least one before submitting"], submit.Reasons);
        Assert.Throws<CommandRejectedException>(() => protocol.Submit(Stamp(At(1), Researcher)));
    }

    [Fact]
    public void A_sub_study_needs_its_parent_and_a_main_protocol_has_none()
    {
        Assert.Throws<ArgumentException>(() => Drafted(kind: ProtocolKind.SubStudy));
        Assert.Throws<ArgumentException>(() => Drafted(parent: new ProtocolId("KWTRP-1")));
    }

    [Fact]
    public void Closing_with_a_pending_amendment_is_refused_naming_it()
    {
        var protocol = Approved();
        var amendment = DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), new LocalDate(2015, 5, 1), At(10), "journals");
        amendment.Submit(Stamp(At(10), Researcher));
        protocol.LodgeAmendment(amendment, Stamp(At(10), Researcher));

        var ex = Assert.Throws<CommandRejectedException>(() => protocol.Close(new LocalDate(2015, 6, 1), "done", Stamp(At(11), Researcher)));

        Assert.Equal(["amendment 'A1' is pending: withdraw it or wait for the committee's decision before closing"], ex.Reasons);
    }

    [Fact]
    public void A_substantial_amendment_cannot_be_accepted_as_a_notification()
    {
        var protocol = Approved();
        var amendment = DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), new LocalDate(2015, 5, 1), At(10), "journals");
        amendment.Submit(Stamp(At(10), Researcher));

        var ex = Assert.Throws<CommandRejectedException>(() => amendment.AcceptAsNotification(new LocalDate(2015, 5, 2), protocol, Context(At(11), Committee, CommitteePolicies.SouthAfricanUniversityCommittee)));

        Assert.Equal(RefusalKind.GuardsUnmet, ex.Refusal.Kind);
        Assert.Equal("the amendment is substantial", Assert.Single(ex.Refusal.UnmetGuards).Description);
        Assert.Equal(["amendment 'A1' is substantial: the committee reviews it (start the review) instead of accepting it as a notification"], ex.Reasons);
    }

    [Fact]
    public void A_non_substantial_personnel_change_is_accepted_as_a_notification_where_the_policy_allows()
    {
        var protocol = Approved();
        var amendment = DraftAmendment(protocol, "A1", new AmendmentChanges([], [], personnelChanges: "adds a field researcher"), new LocalDate(2015, 5, 1), At(10), "new field researcher", substantial: false);
        amendment.Submit(Stamp(At(10), Researcher));

        Assert.Throws<CommandRejectedException>(() => amendment.AcceptAsNotification(new LocalDate(2015, 5, 2), protocol, Context(At(11), Committee, CommitteePolicies.KenyaNationalCommittee)));
        amendment.AcceptAsNotification(new LocalDate(2015, 5, 2), protocol, Context(At(11), Committee, CommitteePolicies.SouthAfricanUniversityCommittee));
        protocol.ApplyAmendment(amendment, Stamp(At(12), Committee));

        Assert.Equal("adds a field researcher", protocol.State.CurrentVersion!.PersonnelChanges);
        Assert.True(protocol.State.Diff(1, 2).IsEmpty);
    }

    [Fact]
    public void An_umbrella_protocol_naming_one_site_cannot_be_submitted_and_says_why()
    {
        var scope = new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [Kilifi]);
        var umbrella = Drafted("RESYST-UMBRELLA", scope, ProtocolKind.Umbrella);
        var version = umbrella.Version;

        var ex = Assert.Throws<CommandRejectedException>(() => umbrella.Submit(Stamp(At(1), Researcher)));

        Assert.Contains(ex.Reasons, r => r.Contains("name at least two", StringComparison.Ordinal));
        Assert.Equal(version, umbrella.Version);
        Assert.Equal(ProtocolStatus.Draft, umbrella.State.Status);
    }

    [Fact]
    public void An_umbrella_protocol_across_sites_can_be_submitted()
    {
        var scope = new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [Kilifi, MitchellsPlain, Sedibeng]);
        var umbrella = Drafted("RESYST-UMBRELLA", scope, ProtocolKind.Umbrella);

        umbrella.Submit(Stamp(At(1), Researcher));

        Assert.Equal(ProtocolStatus.Submitted, umbrella.State.Status);
    }
}
