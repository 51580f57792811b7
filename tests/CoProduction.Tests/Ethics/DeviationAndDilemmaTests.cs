using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ethics;

public sealed class DeviationAndDilemmaTests
{
    private static readonly Protocol Kwtrp2 = Drafted("KWTRP-2");

    // Kilifi's work on facility financing (Table 1): interviews with facility managers, whom KWTRP-2 did not name.
    private static readonly ResearchActivity FinancingInterviews =
        new("interviews with facility managers on facility financing", DataCollectionMethod.Interview, RespondentGroup.FacilityManagers, Kilifi, new LocalDate(2017, 5, 24));

    [Fact]
    public void A_deviation_is_due_seven_working_days_after_discovery_under_the_kenyan_policy_skipping_holidays()
    {
        // Discovered Monday 29 May 2017; Madaraka Day (Thursday 1 June) is a holiday.
        var calendar = WorkingDayCalendar.MondayToFriday.WithHolidays([new LocalDate(2017, 6, 1)]);
        var rules = new ProtocolRules(KnownSites, new Dictionary<CommitteeId, CommitteePolicy> { [Kemri] = CommitteePolicies.KenyaNationalCommittee }, calendar);
        var deviation = ProtocolDeviation.Record(
            new DeviationRecording(new DeviationId("D1"), FinancingInterviews, "interviews held before the amendment adding facility managers was approved", new LocalDate(2017, 5, 29)),
            Kwtrp2,
            new ProtocolContext(Stamp(At(900), Researcher), rules));

        Assert.Equal(new LocalDate(2017, 6, 8), deviation.State.ReportDueOn);
        Assert.False(deviation.State.IsOverdueOn(new LocalDate(2017, 6, 8)));
        Assert.True(deviation.State.IsOverdueOn(new LocalDate(2017, 6, 9)));

        deviation.Report(new LocalDate(2017, 6, 12), "SERU/DEV/17/001", Stamp(At(910), Researcher));
        Assert.True(deviation.State.WasReportedLate);
        Assert.Throws<CommandRejectedException>(() => deviation.Report(new LocalDate(2017, 6, 13), "again", Stamp(At(911), Researcher)));
        deviation.Close("committee noted it; amendment adding facility managers approved", Stamp(At(920), Committee));
        Assert.Equal(DeviationStatus.Closed, deviation.Status);
        Assert.All(deviation.Availability(), a => Assert.False(a.IsPermitted));
    }

    [Fact]
    public void A_deviation_cannot_be_discovered_before_it_occurred()
        => Assert.Throws<ArgumentException>(() => new DeviationRecording(new DeviationId("D1"), FinancingInterviews, "x", new LocalDate(2017, 5, 1)));

    [Fact]
    public void A_dilemma_is_discussed_before_it_is_escalated_to_an_amendment()
    {
        var dilemma = EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E1"), Kilifi, "a facility manager asks to read another manager's interview transcript") { Protocol = new ProtocolId("KWTRP-2") }, Stamp(At(1), Researcher));
        Assert.Throws<CommandRejectedException>(() => dilemma.Escalate("ethics committee", Stamp(At(2), Researcher)));

        dilemma.Discuss("researchers' reflection meeting", Stamp(At(3), Researcher));
        dilemma.Discuss("cross-site ethics reflection session", Stamp(At(4), Researcher));
        dilemma.Escalate("ethics committee", Stamp(At(5), Researcher), new AmendmentId("A7"));

        Assert.Equal(DilemmaStatus.Escalated, dilemma.Status);
        Assert.Equal(2, dilemma.State.Discussions.Count);
        Assert.Equal(new AmendmentId("A7"), dilemma.State.Amendment);
        Assert.Throws<CommandRejectedException>(() => dilemma.Resolve("too late", Stamp(At(6), Researcher)));
    }

    [Fact]
    public void Deviations_dilemmas_and_amendments_round_trip_through_json_and_replay_to_the_live_state()
    {
        var deviation = ProtocolDeviation.Record(
            new DeviationRecording(new DeviationId("D1"), FinancingInterviews, "x", new LocalDate(2017, 5, 29)), Kwtrp2, Context(At(1), Researcher));
        deviation.Report(new LocalDate(2017, 5, 30), "ref", Stamp(At(2), Researcher));
        var dilemma = EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E1"), Kilifi, "consent"), Stamp(At(1), Researcher));
        dilemma.Discuss("notes", Stamp(At(2), Researcher));
        dilemma.Resolve("agreed", Stamp(At(3), Researcher));
        var protocol = Approved();
        var amendment = ApprovedAmendment(protocol, "A1", new AmendmentChanges([ScopeItem.Of(Sedibeng)], [ScopeItem.Of(DataCollectionMethod.Observation)], new LocalDate(2016, 6, 30), "new field team"), new LocalDate(2015, 9, 1));
        protocol.ApplyAmendment(amendment, Stamp(At(30), Committee));

        var d = ProtocolDeviation.Rehydrate(deviation.StreamId, RoundTrip(deviation.History));
        var e = EthicalDilemma.Rehydrate(dilemma.StreamId, RoundTrip(dilemma.History));
        var a = Amendment.Rehydrate(amendment.StreamId, RoundTrip(amendment.History));
        var p = Protocol.Rehydrate(protocol.StreamId, RoundTrip(protocol.History));

        Assert.Equal(deviation.State, d.State);
        Assert.Equal(dilemma.State, e.State);
        Assert.Equal(amendment.State, a.State);
        Assert.Equal(protocol.State, p.State);
        Assert.Equal(new LocalDate(2016, 6, 30), p.State.ApprovalEnd);
        Assert.Contains("\"Kind\":\"Site\"", Serialize(amendment.History)[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Touches", Serialize(amendment.History)[0], StringComparison.Ordinal);
        Assert.DoesNotContain("\"Items\"", Serialize(protocol.History)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_event_has_a_unique_lower_case_dotted_name_prefixed_by_its_aggregate()
    {
        var types = typeof(Protocol).Assembly.GetTypes()
            .Where(t => t.IsClass && (typeof(IProtocolEvent).IsAssignableFrom(t) || typeof(IAmendmentEvent).IsAssignableFrom(t) || typeof(IDeviationEvent).IsAssignableFrom(t) || typeof(IDilemmaEvent).IsAssignableFrom(t)))
            .ToArray();
        var names = types.Select(t => t.GetCustomAttributes(typeof(CoProduction.Events.EventNameAttribute), false).Cast<CoProduction.Events.EventNameAttribute>().Single().Name).ToArray();

        Assert.Equal(34, types.Length);
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^(protocol|amendment|deviation|dilemma)\\.[a-z-]+$", n));
    }

    [Fact]
    public void A_history_that_skips_review_cannot_be_replayed()
    {
        var drafted = Drafted().History[0];
        var approved = new ProtocolApproved(new LocalDate(2015, 3, 1), new ApprovalPeriod(new LocalDate(2015, 3, 1), new LocalDate(2016, 2, 29)), At(1), Committee);

        var ex = Assert.Throws<InvalidHistoryException>(() => Protocol.Rehydrate(StreamId.For("protocol", new ProtocolId("KWTRP-1")), [drafted, approved]));

        Assert.Equal(2, ex.Version);
    }
}
