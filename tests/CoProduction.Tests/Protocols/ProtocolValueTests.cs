using System;
using System.Collections.Generic;
using CoProduction.Protocols;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

/// <summary>
/// The protocols' values and argument checks, word for word where a person reads the text: drafts, scopes, scope items,
/// approval periods, committee policies, rules, the null and default arguments of the amendment's commands.
/// </summary>
public sealed class ProtocolValueTests
{
    // A generic amendment (a KWTRP protocol adding journaling) for the amendment mechanics, not the paper's story: journaling was Mitchell's Plain's (Table 1).
    private static readonly AmendmentChanges AddJournaling = AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling));

    [Fact]
    public void A_draft_names_its_own_problems()
    {
        Assert.Contains(
            "it is before 1964-06-01, the Declaration of Helsinki",
            Assert.Throws<InputLimitException>(() => Draft() with { DraftedOn = new LocalDate(1950, 1, 1) }).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "Protocol 'KWTRP-1' cannot be its own parent.",
            Assert.Throws<ArgumentException>(() => Draft() with { Parent = new ProtocolId("KWTRP-1") }).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "Sub-study protocol 'KWTRP-1' needs its parent protocol.",
            Assert.Throws<ArgumentException>(() => Protocol.Draft(Draft(kind: ProtocolKind.SubStudy), Context(At(0), Researcher))).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "Only a sub-study has a parent protocol; 'KWTRP-1' is Main.",
            Assert.Throws<ArgumentException>(() => Protocol.Draft(Draft(parent: new ProtocolId("KWTRP-0")), Context(At(0), Researcher))).Message,
            StringComparison.Ordinal);

        var late = Assert.Throws<InputLimitException>(() => Protocol.Draft(Draft() with { DraftedOn = new LocalDate(2015, 2, 1) }, Context(At(0), Researcher)));
        Assert.Contains("a drafting date", late.Message, StringComparison.Ordinal);
        Assert.Contains("protocol 'KWTRP-1' would be drafted on 2015-02-01, after the day it is recorded (2015-01-05 UTC)", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scope_refuses_default_values_and_an_incomplete_one_cannot_be_submitted_with_each_gap_named()
    {
        Assert.StartsWith(
            "A default (unnamed) data-collection method cannot be in a scope: use a well-known value or DataCollectionMethod.Named.",
            Assert.Throws<ArgumentException>(() => new ProtocolScope([default], [RespondentGroup.FacilityManagers], [Kilifi])).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "A default (unnamed) respondent group cannot be in a scope: use a well-known value or RespondentGroup.Named.",
            Assert.Throws<ArgumentException>(() => new ProtocolScope([DataCollectionMethod.Interview], [default], [Kilifi])).Message,
            StringComparison.Ordinal);
        Assert.False(KilifiFirstScope.Contains(ScopeItem.Period));

        var protocol = Drafted(scope: new ProtocolScope([DataCollectionMethod.Interview], [], []));
        var refused = Assert.Throws<CommandRejectedException>(() => protocol.Submit(Stamp(At(1), Researcher)));
        Assert.Equal(
            ["the scope names no respondent group: add at least one before submitting", "the scope names no site: add at least one before submitting"],
            refused.Refusal.Reasons);
    }

    [Fact]
    public void Scope_items_and_diffs_say_what_they_are()
    {
        Assert.StartsWith(
            "The approval period's item has the code 'end', not 'start'.",
            Assert.Throws<ArgumentException>(() => new ScopeItem(ScopeItemKind.ApprovalPeriod, "start")).Message,
            StringComparison.Ordinal);
        Assert.StartsWith("A default (unnamed) value cannot be a scope item.", Assert.Throws<ArgumentException>(() => ScopeItem.Of(default(DataCollectionMethod))).Message, StringComparison.Ordinal);
        Assert.Equal("the approval period", ScopeItem.Period.ToString());
        Assert.Equal(string.Empty, default(DataCollectionMethod).ToString());
        Assert.Equal(string.Empty, default(RespondentGroup).ToString());

        Assert.True(ScopeDiff.None.IsEmpty);
        Assert.False(new ScopeDiff([ScopeItem.Of(Kilifi)], []).IsEmpty);
        Assert.False(new ScopeDiff([], [ScopeItem.Of(Kilifi)]).IsEmpty);
    }

    [Fact]
    public void An_approval_period_reads_as_its_days_and_an_open_ended_one_needs_no_renewal_reminders()
    {
        var year = new ApprovalPeriod(new LocalDate(2015, 3, 1), new LocalDate(2016, 2, 29));
        var open = ApprovalPeriod.OpenEnded(new LocalDate(2015, 3, 1));

        Assert.Equal("2015-03-01..2016-02-29", year.ToString());
        Assert.Equal("2015-03-01..(open)", open.ToString());
        Assert.False(year.IsOpenEnded);
        Assert.True(open.IsOpenEnded);

        var kenya = CommitteePolicies.KenyaNationalCommittee;
        Assert.True(kenya.RequiresContinuingReview);
        Assert.Equal(new LocalDate(2015, 12, 29), kenya.RenewalDueOn(year.End));
        Assert.Null(kenya.RenewalDueOn(open.End));
        Assert.Equal([new LocalDate(2015, 12, 31), new LocalDate(2016, 1, 30), new LocalDate(2016, 2, 14), new LocalDate(2016, 2, 22)], kenya.ReminderDates(year.End));
        Assert.Empty(kenya.ReminderDates(open.End));

        // Continuing review: every open study under the Kenyan preset; none under the US expedited one; not a study where
        // only analysis remains under a committee that exempts it.
        Assert.True(kenya.RequiresRenewal(analysisOnly: true));
        Assert.True(kenya.RequiresRenewal(analysisOnly: false));
        var us = CommitteePolicies.UsCommonRule2018Expedited;
        Assert.False(us.RequiresContinuingReview);
        Assert.False(us.RequiresRenewal(analysisOnly: false));
        var exempting = kenya with { AnalysisOnlyStudiesNeedRenewal = false };
        Assert.False(exempting.RequiresRenewal(analysisOnly: true));
        Assert.True(exempting.RequiresRenewal(analysisOnly: false));
    }

    [Fact]
    public void Rules_refuse_a_site_given_twice_a_missing_policy_and_name_the_committee_they_do_not_know()
    {
        Assert.Equal(InputRule.Repeated, Assert.Throws<InputLimitException>(() => new ProtocolRules([Kilifi, Kilifi], new Dictionary<CommitteeId, CommitteePolicy>())).Rule);
        Assert.Equal("committees", Assert.Throws<ArgumentNullException>(() => new ProtocolRules(KnownSites, new Dictionary<CommitteeId, CommitteePolicy> { [Kemri] = null! })).ParamName);
        var unknown = Assert.Throws<UnknownCommitteeException>(() => Rules().PolicyFor(new CommitteeId("mars-irb")));
        Assert.Contains("decide for committee 'mars-irb'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_amendments_commands_name_a_missing_argument_and_an_unknown_site()
    {
        var protocol = Approved();
        var amendment = DraftAmendment(protocol, "A-1", AddJournaling, new LocalDate(2015, 6, 1), At(150));
        var proposal = new AmendmentProposal("learning evolved", AddJournaling);
        var context = Context(At(160), Researcher);

        Assert.Equal("proposal", Assert.Throws<ArgumentNullException>(() => amendment.Revise(null!, protocol, context)).ParamName);
        Assert.Equal("protocol", Assert.Throws<ArgumentNullException>(() => amendment.Revise(proposal, null!, context)).ParamName);
        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => amendment.Revise(proposal, protocol, null!)).ParamName);
        Assert.Equal("protocol", Assert.Throws<ArgumentNullException>(() => amendment.Rebase(null!, Stamp(At(160), Researcher))).ParamName);
        Assert.Equal("protocol", Assert.Throws<ArgumentNullException>(() => amendment.Approve(new LocalDate(2015, 7, 1), null!, Stamp(At(160), Committee))).ParamName);
        Assert.Equal("protocol", Assert.Throws<ArgumentNullException>(() => amendment.AcceptAsNotification(new LocalDate(2015, 7, 1), null!, context)).ParamName);
        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => amendment.AcceptAsNotification(new LocalDate(2015, 7, 1), protocol, null!)).ParamName);
        Assert.Equal("draft", Assert.Throws<ArgumentNullException>(() => Amendment.Draft(null!, protocol, new LocalDate(2015, 6, 1), context)).ParamName);
        Assert.Equal("protocol", Assert.Throws<ArgumentNullException>(() => Amendment.Draft(new AmendmentDraft(new AmendmentId("A-2"), "why", AddJournaling), null!, new LocalDate(2015, 6, 1), context)).ParamName);
        Assert.Equal("context", Assert.Throws<ArgumentNullException>(() => Amendment.Draft(new AmendmentDraft(new AmendmentId("A-2"), "why", AddJournaling), protocol, new LocalDate(2015, 6, 1), null!)).ParamName);
        Assert.Throws<ArgumentException>(() => Amendment.Draft(new AmendmentDraft(new AmendmentId("A-2"), "why", AddJournaling), protocol, new LocalDate(2015, 6, 1), new ProtocolContext(default, Rules())));

        var atlantis = AmendmentChanges.Adding(ScopeItem.Of(new SiteId("atlantis")));
        Assert.StartsWith(
            "Cannot draft amendment 'A-2': 'atlantis' is not a known site (known: kilifi, mitchells-plain, sedibeng). Register the site first or correct the id; nothing was changed.",
            Assert.Throws<UnknownSiteException>(() => DraftAmendment(protocol, "A-2", atlantis, new LocalDate(2015, 6, 1), At(170))).Message,
            StringComparison.Ordinal);
        var state = amendment.State;
        Assert.StartsWith(
            "Cannot revise amendment 'A-1': 'atlantis' is not a known site",
            Assert.Throws<UnknownSiteException>(() => amendment.Revise(new AmendmentProposal("wider", atlantis), protocol, context)).Message,
            StringComparison.Ordinal);
        Assert.Same(state, amendment.State);

        // A revision is recorded with what it proposes; the refusal of a command names the amendment.
        amendment.Revise(new AmendmentProposal("journaling and diaries", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling), ScopeItem.Of(DataCollectionMethod.Diary))), protocol, context);
        Assert.Equal("journaling and diaries", amendment.State.Rationale);
        Assert.Equal([ScopeItem.Of(DataCollectionMethod.Diary), ScopeItem.Of(DataCollectionMethod.Journaling)], amendment.State.Changes.Add);
        Assert.Contains("amendment 'A-1'", Assert.Throws<CommandRejectedException>(() => amendment.StartReview(Stamp(At(170), Committee))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_amendment_is_not_drafted_against_a_protocol_not_approved_on_the_day_and_removals_keep_their_order()
    {
        var protocol = Approved();
        var refused = Assert.Throws<CommandRejectedException>(() => DraftAmendment(protocol, "A-1", AddJournaling, new LocalDate(2016, 6, 1), At(150)));
        Assert.Equal(ProtocolTrigger.DraftAmendment, refused.Trigger);

        var removing = AmendmentChanges.Removing(ScopeItem.Of(DataCollectionMethod.Observation), ScopeItem.Of(DataCollectionMethod.DocumentReview));
        Assert.Equal([ScopeItem.Of(DataCollectionMethod.DocumentReview), ScopeItem.Of(DataCollectionMethod.Observation)], removing.Remove);
    }

    [Fact]
    public void Consent_arguments_are_named_in_the_errors()
    {
        var protocol = Approved();
        var day = new LocalDate(2015, 6, 1);
        Assert.StartsWith(
            "Consent of participant 'p-1' (district-managers) names no method: name each data-collection method consented to, for example DataCollectionMethod.Interview.",
            Assert.Throws<ArgumentException>(() => protocol.RecordConsent(RespondentGroup.DistrictManagers, new ParticipantId("p-1"), [], day, Stamp(At(160), Researcher))).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "Consent of respondent group district-managers names a default, empty method:",
            Assert.Throws<ArgumentException>(() => protocol.RecordConsent(RespondentGroup.DistrictManagers, null, [default], day, Stamp(At(160), Researcher))).Message,
            StringComparison.Ordinal);
        Assert.StartsWith(
            "A respondent group is required; this one is the default, empty value: use RespondentGroup.FacilityManagers and the like.",
            Assert.Throws<ArgumentException>(() => protocol.WithdrawConsent(default, null, day, Stamp(At(160), Researcher))).Message,
            StringComparison.Ordinal);
        Assert.Equal("respondent group district-managers", new Consent(RespondentGroup.DistrictManagers, null, [DataCollectionMethod.Interview], day, null).Subject);
    }
}
