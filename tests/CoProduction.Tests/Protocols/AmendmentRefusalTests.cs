using System;
using CoProduction.Protocols;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

/// <summary>
/// Every rule of the amendment's commands that the machine permits but the domain refuses, word for word, with the
/// amendment left as it was; and the argument errors of <see cref="AmendmentChanges"/>. Each row amends KWTRP-1,
/// approved from 2015-03-01 for a year under the Kenyan preset (its approval ends on 2016-02-29).
/// </summary>
public sealed class AmendmentRefusalTests
{
    // A generic amendment (a KWTRP protocol adding journaling) for the amendment mechanics, not the paper's story: journaling was Mitchell's Plain's (Table 1).
    private static readonly AmendmentChanges AddJournaling = AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling));

    /// <summary>KWTRP-1 and its amendment A-1 (adding journaling), drafted on 2015-06-01; submitted and under review when <paramref name="review"/>.</summary>
    private static (Protocol Protocol, Amendment Amendment) Amending(bool review = false, bool substantial = true)
    {
        var protocol = Approved();
        var amendment = DraftAmendment(protocol, "A-1", AddJournaling, new LocalDate(2015, 6, 1), At(150), substantial: substantial);
        if (review)
        {
            amendment.Submit(Stamp(At(151), Researcher));
            protocol.LodgeAmendment(amendment, Stamp(At(151), Researcher));
            amendment.StartReview(Stamp(At(152), Committee));
        }

        return (protocol, amendment);
    }

    private static void Revise(Amendment a, Protocol p, AmendmentChanges changes) => a.Revise(new AmendmentProposal("learning evolved", changes), p, Context(At(160), Researcher));

    public static TheoryData<string, Func<(Amendment, Action<Amendment>)>, AmendmentTrigger, string> Refusals => new()
    {
        {
            "a rebase on the version it is based on",
            () => { var (p, a) = Amending(); return (a, a => a.Rebase(p, Stamp(At(160), Researcher))); },
            AmendmentTrigger.Rebase,
            "it is already based on version 1, the current one: there is nothing to rebase"
        },
        {
            "a rebase on another protocol",
            () => { var (_, a) = Amending(); var other = Approved("KWTRP-2"); return (a, a => a.Rebase(other, Stamp(At(160), Researcher))); },
            AmendmentTrigger.Rebase,
            "it amends protocol 'KWTRP-1', not 'KWTRP-2'"
        },
        {
            "a revision against a protocol with no approved version",
            () => { var (_, a) = Amending(); var draft = Drafted(); return (a, a => Revise(a, draft, AddJournaling)); },
            AmendmentTrigger.Revise,
            "protocol 'KWTRP-1' has no approved version"
        },
        {
            "a revision adding what the scope has",
            () => { var (p, a) = Amending(); return (a, a => Revise(a, p, AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Interview)))); },
            AmendmentTrigger.Revise,
            "the protocol's scope already has method 'interview'"
        },
        {
            "a revision removing what the scope lacks",
            () => { var (p, a) = Amending(); return (a, a => Revise(a, p, AmendmentChanges.Removing(ScopeItem.Of(DataCollectionMethod.Diary)))); },
            AmendmentTrigger.Revise,
            "the protocol's scope does not have method 'diary', so it cannot be removed"
        },
        {
            "a revision extending the approval to a day it already covers",
            () => { var (p, a) = Amending(); return (a, a => Revise(a, p, AmendmentChanges.ExtendingApprovalTo(new LocalDate(2016, 1, 1)))); },
            AmendmentTrigger.Revise,
            "the approval already runs until 2016-02-29, so extending it to 2016-01-01 changes nothing"
        },
        {
            "a revision removing the only site",
            () => { var (p, a) = Amending(); return (a, a => Revise(a, p, AmendmentChanges.Removing(ScopeItem.Of(Kilifi)))); },
            AmendmentTrigger.Revise,
            "the changes would leave the scope without any data-collection method, respondent group or site: a protocol with nothing in scope is closed, not amended"
        },
        {
            "an approval dated before the Declaration of Helsinki",
            () => { var (p, a) = Amending(review: true); return (a, a => a.Approve(new LocalDate(1960, 1, 1), p, Stamp(At(170), Committee))); },
            AmendmentTrigger.Approve,
            "it would be approved on 1960-01-01, before 1964-06-01 (the Declaration of Helsinki): no ethics committee decided then; check the year"
        },
        {
            "an approval without the protocol dated before the Declaration of Helsinki",
            () => { var (_, a) = Amending(review: true); return (a, a => a.Approve(new LocalDate(1960, 1, 1), Stamp(At(170), Committee))); },
            AmendmentTrigger.Approve,
            "it would be approved on 1960-01-01, before 1964-06-01 (the Declaration of Helsinki): no ethics committee decided then; check the year"
        },
        {
            "an approval checked against another protocol",
            () => { var (_, a) = Amending(review: true); var other = Approved("KWTRP-2"); return (a, a => a.Approve(new LocalDate(2015, 7, 1), other, Stamp(At(170), Committee))); },
            AmendmentTrigger.Approve,
            "it amends protocol 'KWTRP-1', not 'KWTRP-2'"
        },
        {
            "an approval after the protocol's approval ended",
            () => { var (p, a) = Amending(review: true); return (a, a => a.Approve(new LocalDate(2016, 4, 1), p, Stamp(At(170), Committee))); },
            AmendmentTrigger.Approve,
            "amendment 'A-1' was approved on 2016-04-01, after the approval ended on 2016-02-29: renew first"
        },
        {
            "an approval before the current version came into force",
            () => { var (p, a) = Amending(review: true); return (a, a => a.Approve(new LocalDate(2015, 2, 15), p, Stamp(At(170), Committee))); },
            AmendmentTrigger.Approve,
            "amendment 'A-1' was approved on 2015-02-15, before version 1 came into force on 2015-03-01: versions come into force in order"
        },
        {
            "an approval while the protocol is suspended",
            () =>
            {
                var (p, a) = Amending(review: true);
                p.Suspend(new LocalDate(2015, 7, 1), "audit", Stamp(At(160), Committee));
                return (a, a => a.Approve(new LocalDate(2015, 7, 2), p, Stamp(At(170), Committee)));
            },
            AmendmentTrigger.Approve,
            "protocol 'KWTRP-1' is Suspended: an amendment applies to an approved protocol"
        },
        {
            "a notification to a committee that reviews every amendment",
            () =>
            {
                var (p, a) = Amending(substantial: false);
                a.Submit(Stamp(At(151), Researcher));
                return (a, a => a.AcceptAsNotification(new LocalDate(2015, 6, 2), p, Context(At(160), Committee)));
            },
            AmendmentTrigger.AcceptAsNotification,
            "Kenyan national committee (example) does not accept non-substantial amendments as notifications: it reviews every amendment (start the review)"
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refused_amendment_command_says_exactly_why_and_changes_nothing(string what, Func<(Amendment, Action<Amendment>)> arrange, AmendmentTrigger trigger, string reason)
    {
        var (amendment, command) = arrange();
        AssertRefusedByRule(amendment, a => a.State, command, trigger, reason, what);
    }

    [Fact]
    public void Changes_that_add_and_remove_one_item_change_nothing_or_name_the_period_are_argument_errors()
    {
        var journaling = ScopeItem.Of(DataCollectionMethod.Journaling);

        var both = Assert.Throws<ArgumentException>(() => new AmendmentChanges([journaling], [journaling]));
        Assert.StartsWith("An amendment cannot both add and remove method 'journaling'.", both.Message, StringComparison.Ordinal);
        Assert.Equal("remove", both.ParamName);

        var nothing = Assert.Throws<ArgumentException>(() => new AmendmentChanges([], []));
        Assert.StartsWith("An amendment changes something: add or remove a scope item, extend the approval period, or describe personnel changes.", nothing.Message, StringComparison.Ordinal);

        var period = Assert.Throws<ArgumentException>(() => new AmendmentChanges([ScopeItem.Period], []));
        Assert.Contains("is not a method, respondent group or site; extend the approval period with extendApprovalTo.", period.Message, StringComparison.Ordinal);
        Assert.Equal("add", period.ParamName);
        Assert.Equal("remove", Assert.Throws<ArgumentException>(() => new AmendmentChanges([], [default])).ParamName);

        // Items are kept in order, and what an amendment touches includes the period only when it extends it.
        var changes = new AmendmentChanges([journaling, ScopeItem.Of(DataCollectionMethod.Diary)], [ScopeItem.Of(DataCollectionMethod.Observation)], new LocalDate(2017, 1, 1));
        Assert.Equal([ScopeItem.Of(DataCollectionMethod.Diary), journaling], changes.Add);
        Assert.Equal([ScopeItem.Of(DataCollectionMethod.Diary), journaling, ScopeItem.Of(DataCollectionMethod.Observation), ScopeItem.Period], changes.Touches);
        Assert.Equal([journaling], AddJournaling.Touches);
        Assert.Equal([ScopeItem.Period], AmendmentChanges.ExtendingApprovalTo(new LocalDate(2017, 1, 1)).Touches);
    }
}
