using System;
using CoProduction.Protocols;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

/// <summary>
/// Every rule of the protocol's commands that the machine permits but the domain refuses, word for word: the refusal
/// names the trigger, says what was wrong and what to do instead, and the protocol is left as it was. Each row starts
/// from KWTRP-1, approved from 2015-03-01 for a year under the Kenyan preset (its approval ends on 2016-02-29).
/// </summary>
public sealed class ProtocolRefusalTests
{
    // A generic amendment (a KWTRP protocol adding journaling) for the amendment mechanics, not the paper's story: journaling was Mitchell's Plain's (Table 1).
    private static readonly AmendmentChanges AddJournaling = AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling));

    /// <summary>A protocol approved from 2015-03-01 with no end (the US preset's open-ended approval).</summary>
    private static Protocol OpenEnded()
    {
        var protocol = Drafted();
        protocol.Submit(Stamp(At(1), Researcher));
        protocol.StartReview(Stamp(At(2), Committee));
        protocol.Approve(new LocalDate(2015, 3, 1), ApprovalPeriod.OpenEnded(new LocalDate(2015, 3, 1)), Stamp(At(3), Committee));
        return protocol;
    }

    /// <summary>A protocol under review (for the approval's own date rules).</summary>
    private static Protocol UnderReview()
    {
        var protocol = Drafted();
        protocol.Submit(Stamp(At(1), Researcher));
        protocol.StartReview(Stamp(At(2), Committee));
        return protocol;
    }

    /// <summary>KWTRP-1 with amendment A-1 (adding journaling) submitted and lodged.</summary>
    private static (Protocol Protocol, Amendment Amendment) Lodged()
    {
        var protocol = Approved();
        var amendment = DraftAmendment(protocol, "A-1", AddJournaling, new LocalDate(2015, 6, 1), At(150));
        amendment.Submit(Stamp(At(151), Researcher));
        protocol.LodgeAmendment(amendment, Stamp(At(151), Researcher));
        amendment.StartReview(Stamp(At(152), Committee));
        return (protocol, amendment);
    }

    public static TheoryData<string, Func<(Protocol, Action<Protocol>)>, ProtocolTrigger, string> Refusals => new()
    {
        {
            "an approval dated before the Declaration of Helsinki",
            () => (UnderReview(), p => p.Approve(new LocalDate(1960, 1, 1), ApprovalPeriod.OpenEnded(new LocalDate(1960, 1, 1)), Stamp(At(10), Committee))),
            ProtocolTrigger.Approve,
            "it would be approved on 1960-01-01, before 1964-06-01 (the Declaration of Helsinki): no ethics committee decided then; check the year"
        },
        {
            "an approval dated before the draft",
            () => (UnderReview(), p => p.Approve(new LocalDate(2015, 1, 1), ApprovalPeriod.OpenEnded(new LocalDate(2015, 1, 1)), Stamp(At(10), Committee))),
            ProtocolTrigger.Approve,
            "it would be approved on 2015-01-01, before protocol 'KWTRP-1' was drafted on 2015-01-04: a decision follows its draft (record a protocol drafted in the past with ProtocolDraft.DraftedOn)"
        },
        {
            "a suspension outside the approval",
            () => (Approved(), p => p.Suspend(new LocalDate(2016, 6, 1), "audit", Stamp(At(200), Committee))),
            ProtocolTrigger.Suspend,
            "the protocol is Expired on 2016-06-01, not approved: there is nothing to suspend"
        },
        {
            "a suspension dated before the last dated change",
            () => (Approved(), p => p.Suspend(new LocalDate(2015, 2, 1), "audit", Stamp(At(200), Committee))),
            ProtocolTrigger.Suspend,
            "2015-02-01 is before the last recorded change (Approved from 2015-03-01): dated changes are recorded in order"
        },
        {
            "a reinstatement after the approval ended",
            () =>
            {
                var p = Approved();
                p.Suspend(new LocalDate(2015, 6, 1), "audit", Stamp(At(200), Committee));
                return (p, p => p.Reinstate(new LocalDate(2016, 6, 1), Stamp(At(300), Committee)));
            },
            ProtocolTrigger.Reinstate,
            "the approval is Expired on 2016-06-01 (it ended on 2016-02-29): observe the expiry and renew instead"
        },
        {
            "a reinstatement dated before the suspension",
            () =>
            {
                var p = Approved();
                p.Suspend(new LocalDate(2015, 6, 1), "audit", Stamp(At(200), Committee));
                return (p, p => p.Reinstate(new LocalDate(2015, 5, 1), Stamp(At(300), Committee)));
            },
            ProtocolTrigger.Reinstate,
            "2015-05-01 is before the last recorded change (Suspended from 2015-06-01): dated changes are recorded in order"
        },
        {
            "a renewal of an open-ended approval",
            () => (OpenEnded(), p => p.Renew(new LocalDate(2016, 1, 1), new LocalDate(2017, 1, 1), Context(At(300), Researcher))),
            ProtocolTrigger.Renew,
            "the approval is open-ended: it needs no continuing review"
        },
        {
            "a renewal that does not extend the approval",
            () => (Approved(), p => p.Renew(new LocalDate(2016, 1, 1), new LocalDate(2016, 2, 29), Context(At(300), Researcher))),
            ProtocolTrigger.Renew,
            "the new end 2016-02-29 is not after the current end 2016-02-29"
        },
        {
            "a renewal after a lapse where the committee wants a new application",
            () => (Approved(), p => p.Renew(new LocalDate(2016, 4, 1), new LocalDate(2017, 3, 31), Context(At(400), Researcher, CommitteePolicies.SouthAfricanUniversityCommittee))),
            ProtocolTrigger.Renew,
            "the approval lapsed on 2016-03-01 and under South African university committee (example) a lapsed protocol needs a new application, not a renewal: draft a new protocol"
        },
        {
            "a renewal ending before it starts",
            () => (Approved(), p => p.Renew(new LocalDate(2016, 6, 1), new LocalDate(2016, 5, 1), Context(At(400), Researcher))),
            ProtocolTrigger.Renew,
            "the new end 2016-05-01 is before the renewal date 2016-06-01"
        },
        {
            "an expiry observed inside the approval",
            () => (Approved(), p => p.ObserveExpiry(new LocalDate(2016, 2, 29), Stamp(At(400), Actor.System))),
            ProtocolTrigger.ObserveExpiry,
            "the approval runs until 2016-02-29: it has not expired on 2016-02-29"
        },
        {
            "a closure dated before the last dated change",
            () => (Approved(), p => p.Close(new LocalDate(2015, 1, 31), "final report", Stamp(At(400), Researcher))),
            ProtocolTrigger.Close,
            "2015-01-31 is before the last recorded change (Approved from 2015-03-01): dated changes are recorded in order"
        },
        {
            "lodging a draft amendment",
            () =>
            {
                var p = Approved();
                var a = DraftAmendment(p, "A-1", AddJournaling, new LocalDate(2015, 6, 1), At(150));
                return (p, p => p.LodgeAmendment(a, Stamp(At(151), Researcher)));
            },
            ProtocolTrigger.LodgeAmendment,
            "amendment 'A-1' is Draft: only a submitted amendment awaiting a decision can be lodged"
        },
        {
            "lodging an amendment twice",
            () =>
            {
                var (p, a) = Lodged();
                return (p, p => p.LodgeAmendment(a, Stamp(At(160), Researcher)));
            },
            ProtocolTrigger.LodgeAmendment,
            "amendment 'A-1' is already pending"
        },
        {
            "lodging an amendment that changes what a pending one changes",
            () =>
            {
                var (p, _) = Lodged();
                var other = DraftAmendment(p, "A-2", AddJournaling, new LocalDate(2015, 6, 2), At(160));
                other.Submit(Stamp(At(161), Researcher));
                return (p, p => p.LodgeAmendment(other, Stamp(At(161), Researcher)));
            },
            ProtocolTrigger.LodgeAmendment,
            "amendment 'A-1' is pending on method 'journaling', which amendment 'A-2' also changes: wait for the committee's decision on 'A-1' or withdraw it"
        },
        {
            "lodging another protocol's amendment",
            () =>
            {
                var other = Approved("KWTRP-2");
                var a = DraftAmendment(other, "A-9", AddJournaling, new LocalDate(2015, 6, 1), At(150));
                a.Submit(Stamp(At(151), Researcher));
                return (Approved(), p => p.LodgeAmendment(a, Stamp(At(151), Researcher)));
            },
            ProtocolTrigger.LodgeAmendment,
            "amendment 'A-9' targets protocol 'KWTRP-2', not 'KWTRP-1'"
        },
        {
            "releasing an amendment that is not pending",
            () =>
            {
                var p = Approved();
                var a = DraftAmendment(p, "A-1", AddJournaling, new LocalDate(2015, 6, 1), At(150));
                return (p, p => p.ReleaseAmendment(a, Stamp(At(151), Researcher)));
            },
            ProtocolTrigger.ReleaseAmendment,
            "amendment 'A-1' is not pending on protocol 'KWTRP-1'"
        },
        {
            "releasing an amendment still under review",
            () =>
            {
                var (p, a) = Lodged();
                return (p, p => p.ReleaseAmendment(a, Stamp(At(160), Researcher)));
            },
            ProtocolTrigger.ReleaseAmendment,
            "amendment 'A-1' is UnderReview: only a withdrawn or rejected amendment is released (an approved one is applied)"
        },
        {
            "applying an amendment still under review",
            () =>
            {
                var (p, a) = Lodged();
                return (p, p => p.ApplyAmendment(a, Stamp(At(160), Committee)));
            },
            ProtocolTrigger.ApplyAmendment,
            "amendment 'A-1' is UnderReview: only an approved amendment can be applied"
        },
        {
            "applying an amendment twice",
            () =>
            {
                var p = Approved();
                var a = ApprovedAmendment(p, "A-1", AddJournaling, new LocalDate(2015, 6, 1));
                p.ApplyAmendment(a, Stamp(At(20), Committee));
                return (p, p => p.ApplyAmendment(a, Stamp(At(21), Committee)));
            },
            ProtocolTrigger.ApplyAmendment,
            "amendment 'A-1' is already applied"
        },
        {
            "applying an amendment approved after the approval ended",
            () =>
            {
                var p = Approved();
                var a = DraftAmendment(p, "A-1", AddJournaling, new LocalDate(2016, 2, 1), At(10));
                a.Submit(Stamp(At(10), Researcher));
                p.LodgeAmendment(a, Stamp(At(10), Researcher));
                a.StartReview(Stamp(At(11), Committee));
                a.Approve(new LocalDate(2016, 4, 1), Stamp(At(12), Committee));
                return (p, p => p.ApplyAmendment(a, Stamp(At(30), Committee)));
            },
            ProtocolTrigger.ApplyAmendment,
            "amendment 'A-1' was approved on 2016-04-01, after the approval ended on 2016-02-29: renew first"
        },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refused_protocol_command_says_exactly_why_and_changes_nothing(string what, Func<(Protocol, Action<Protocol>)> arrange, ProtocolTrigger trigger, string reason)
    {
        var (protocol, command) = arrange();
        AssertRefusedByRule(protocol, p => p.State, command, trigger, reason, what);
    }
}
