using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Events;
using CoProduction.Protocols;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

/// <summary>
/// Consent under a protocol: recorded per respondent group or named participant, scoped by the protocol and its methods,
/// withdrawn from a day; the ethics gate consults it. The paper's case: the Mitchell's Plain sub-study of primary health
/// care facility managers' experiences through journaling, under its own protocol (Table 1, Box 2).
/// </summary>
public sealed class ConsentTests
{
    private static readonly CommitteeId Uct = new("uct-hrec");
    private static readonly Actor Lucy = Actor.Member(new MemberId("lucy"));
    private static readonly Actor Hrec = Actor.Named("uct-hrec-office");
    private static readonly ParticipantId Manager7 = new("mp-fm-07");
    private static readonly ParticipantId Manager9 = new("mp-fm-09");
    private static readonly ParticipantId Manager11 = new("mp-fm-11");
    private static readonly LocalDate Approval = new(2014, 2, 1);

    private static readonly ProtocolScope JournalingScope = new(
        [DataCollectionMethod.Journaling, DataCollectionMethod.Interview],
        [RespondentGroup.FacilityManagers],
        [MitchellsPlain]);

    private static readonly ProtocolRules UctRules = new(KnownSites, new Dictionary<CommitteeId, CommitteePolicy> { [Uct] = CommitteePolicies.SouthAfricanUniversityCommittee });

    /// <summary>The journaling sub-study's protocol, approved on 2014-02-01 (main protocol aside: the gate asks only this one).</summary>
    private static Protocol JournalingProtocol()
    {
        var draft = new ProtocolDraft(new ProtocolId("UCT-MP-JOURNAL"), "Facility managers' experiences through journaling", Uct, JournalingScope)
        {
            Institution = "University of Cape Town",
            DraftedOn = new LocalDate(2013, 10, 1),
        };
        var protocol = Protocol.Draft(draft, new ProtocolContext(new Stamp(Instant.FromUtc(2013, 10, 2, 8, 0), Lucy), UctRules));
        protocol.Submit(new Stamp(Instant.FromUtc(2013, 10, 3, 8, 0), Lucy));
        protocol.StartReview(new Stamp(Instant.FromUtc(2013, 11, 1, 8, 0), Hrec));
        protocol.Approve(Approval, CommitteePolicies.SouthAfricanUniversityCommittee.ApprovalPeriodFrom(Approval), new Stamp(Instant.FromUtc(2014, 2, 1, 8, 0), Hrec));
        return protocol;
    }

    private static Stamp On(LocalDate day, Actor? by = null) => new(day.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant().Plus(Duration.FromHours(9)), by ?? Lucy);

    private static ResearchActivity Journaling(LocalDate date, params ParticipantId[] participants)
        => new("journaling with facility managers", DataCollectionMethod.Journaling, RespondentGroup.FacilityManagers, MitchellsPlain, date, [.. participants]);

    [Fact]
    public void A_withdrawal_stops_further_journaling_with_that_manager_and_leaves_what_was_collected_before()
    {
        var protocol = JournalingProtocol();
        #region consent
        var lucy = Actor.Member(new MemberId("lucy"));   // the sub-study's principal investigator
        protocol.RecordConsent(RespondentGroup.FacilityManagers, new ParticipantId("mp-fm-07"), [DataCollectionMethod.Journaling],
            new LocalDate(2014, 3, 3), new Stamp(Instant.FromUtc(2014, 3, 3, 9, 0), lucy));
        protocol.RecordConsent(RespondentGroup.FacilityManagers, new ParticipantId("mp-fm-09"), [DataCollectionMethod.Journaling, DataCollectionMethod.Interview],
            new LocalDate(2014, 3, 4), new Stamp(Instant.FromUtc(2014, 3, 4, 9, 0), lucy));
        var april = new ResearchActivity(
            "journaling with facility managers", DataCollectionMethod.Journaling, RespondentGroup.FacilityManagers, new SiteId("mitchells-plain"),
            new LocalDate(2014, 4, 7), [new ParticipantId("mp-fm-07"), new ParticipantId("mp-fm-09")]);
        Assert.True(ProtocolEthicsGate.From([protocol]).Check(april).IsCovered);

        // The manager keeping journal mp-fm-07 withdraws on 12 May: the gate refuses collecting from them from that day.
        protocol.WithdrawConsent(RespondentGroup.FacilityManagers, new ParticipantId("mp-fm-07"), new LocalDate(2014, 5, 12), new Stamp(Instant.FromUtc(2014, 5, 12, 9, 0), lucy));
        var gate = ProtocolEthicsGate.From([protocol]);
        #endregion

        // Before the withdrawal: still covered (what was collected then stays lawful).
        var before = gate.Check(april);
        Assert.True(before.IsCovered);
        Assert.Equal(new ProtocolId("UCT-MP-JOURNAL"), before.Protocol);

        // From the withdrawal day on: refused for that manager, with the reason and what to do.
        var june = gate.Check(Journaling(new LocalDate(2014, 6, 2), Manager7, Manager9));
        Assert.False(june.IsCovered);
        Assert.Equal(
            "Planned activity 'journaling with facility managers' (journaling with facility-managers at mitchells-plain) is within protocol 'UCT-MP-JOURNAL' version 1 on 2014-06-02, but consent does not allow it.",
            june.Headline);
        Assert.Equal(
            ["participant 'mp-fm-07' (facility-managers) withdrew consent under protocol 'UCT-MP-JOURNAL' on 2014-05-12: no further data is collected from them; what was collected before stays."],
            june.Details);
        Assert.Equal(["leave participant 'mp-fm-07' out of the activity"], june.Remedies);
        Assert.Equal(new ProtocolBreach(new ProtocolId("UCT-MP-JOURNAL"), 1, ProtocolStatus.Approved, false, Uct), june.Breach);
        Assert.True(gate.Check(Journaling(new LocalDate(2014, 5, 11), Manager7)).IsCovered);
        Assert.False(gate.Check(Journaling(new LocalDate(2014, 5, 12), Manager7)).IsCovered);

        // Leaving the manager out: covered again.
        Assert.True(gate.Check(Journaling(new LocalDate(2014, 6, 2), Manager9)).IsCovered);

        // The consent records keep the withdrawal with its day; nothing earlier changed.
        Assert.Equal(
            [
                new Consent(RespondentGroup.FacilityManagers, Manager7, [DataCollectionMethod.Journaling], new LocalDate(2014, 3, 3), new LocalDate(2014, 5, 12)),
                new Consent(RespondentGroup.FacilityManagers, Manager9, [DataCollectionMethod.Journaling, DataCollectionMethod.Interview], new LocalDate(2014, 3, 4), null),
            ],
            protocol.State.Consents);
    }

    [Fact]
    public void A_named_participant_needs_their_own_consent_to_the_method_on_the_day()
    {
        var protocol = JournalingProtocol();
        protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager7, [DataCollectionMethod.Interview], new LocalDate(2014, 3, 3), On(new LocalDate(2014, 3, 3)));
        var gate = ProtocolEthicsGate.From([protocol]);

        var journaling = gate.Check(Journaling(new LocalDate(2014, 4, 7), Manager7, Manager9));
        Assert.Equal(
            [
                "participant 'mp-fm-07' (facility-managers) consented under protocol 'UCT-MP-JOURNAL' to interview, not to journaling.",
                "participant 'mp-fm-09' (facility-managers) has no consent recorded under protocol 'UCT-MP-JOURNAL' on 2014-04-07.",
            ],
            journaling.Details);
        Assert.Contains("record the consent of participant 'mp-fm-09' under protocol 'UCT-MP-JOURNAL' before collecting from them, or leave them out", journaling.Remedies);

        // Before the consent was given it does not count; an activity that names nobody is decided by scope alone.
        Assert.False(gate.Check(Journaling(new LocalDate(2014, 3, 2), Manager7) with { Method = DataCollectionMethod.Interview }).IsCovered);
        Assert.True(gate.Check(Journaling(new LocalDate(2014, 3, 3), Manager7) with { Method = DataCollectionMethod.Interview }).IsCovered);
        Assert.True(gate.Check(Journaling(new LocalDate(2014, 4, 7))).IsCovered);
    }

    [Fact]
    public void A_group_that_withdraws_its_collective_consent_is_not_collected_from_again_until_it_consents_again()
    {
        var protocol = JournalingProtocol();
        protocol.RecordConsent(RespondentGroup.FacilityManagers, null, [DataCollectionMethod.Journaling], new LocalDate(2014, 2, 20), On(new LocalDate(2014, 2, 20)));
        protocol.WithdrawConsent(RespondentGroup.FacilityManagers, null, new LocalDate(2014, 8, 1), On(new LocalDate(2014, 8, 1)));
        var gate = ProtocolEthicsGate.From([protocol]);

        Assert.True(gate.Check(Journaling(new LocalDate(2014, 7, 31))).IsCovered);
        Assert.False(gate.Check(Journaling(new LocalDate(2014, 4, 7)) with { Method = DataCollectionMethod.Interview }).IsCovered);
        var august = gate.Check(Journaling(new LocalDate(2014, 8, 4)));
        Assert.Equal(
            ["respondent group facility-managers withdrew its consent under protocol 'UCT-MP-JOURNAL' on 2014-08-01: no further data is collected from it; what was collected before stays."],
            august.Details);

        protocol.RecordConsent(RespondentGroup.FacilityManagers, null, [DataCollectionMethod.Journaling], new LocalDate(2014, 9, 1), On(new LocalDate(2014, 9, 1)));
        gate = ProtocolEthicsGate.From([protocol]);
        Assert.False(gate.Check(Journaling(new LocalDate(2014, 8, 4))).IsCovered);
        Assert.True(gate.Check(Journaling(new LocalDate(2014, 9, 1))).IsCovered);
    }

    [Fact]
    public void A_cycle_does_not_plan_journaling_with_a_manager_who_withdrew()
    {
        var protocol = JournalingProtocol();
        protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager7, [DataCollectionMethod.Journaling], new LocalDate(2014, 3, 3), On(new LocalDate(2014, 3, 3)));
        protocol.WithdrawConsent(RespondentGroup.FacilityManagers, Manager7, new LocalDate(2014, 5, 12), On(new LocalDate(2014, 5, 12)));
        var collection = new DataCollection(DataCollectionMethod.Journaling, RespondentGroup.FacilityManagers, [Manager7]);

        var decision = ProtocolEthicsGate.From([protocol]).Check(
            new ResearchActivity("journaling", collection.Method, collection.RespondentGroup, MitchellsPlain, new LocalDate(2014, 6, 2), collection.Participants));

        Assert.False(decision.IsCovered);
        Assert.Equal(InputRule.Repeated, Assert.Throws<InputLimitException>(() => new DataCollection(DataCollectionMethod.Journaling, RespondentGroup.FacilityManagers, [Manager7, Manager7])).Rule);
        Assert.Throws<ArgumentException>(() => new DataCollection(DataCollectionMethod.Journaling, RespondentGroup.FacilityManagers, [default]));
    }

    private static readonly LocalDate June = new(2014, 6, 1);

    public static TheoryData<string, Action<Protocol>, string> Refused => new()
    {
        {
            "a group outside the scope",
            p => p.RecordConsent(RespondentGroup.HealthWorkers, Manager11, [DataCollectionMethod.Journaling], June, On(June)),
            "respondent group health-workers is not in the scope of version 1: amend the protocol to add it before taking consent from it"
        },
        {
            "a method outside the scope",
            p => p.RecordConsent(RespondentGroup.FacilityManagers, Manager11, [DataCollectionMethod.FocusGroup], June, On(June)),
            "method focus-group is not in the scope of version 1: amend the protocol to add it before taking consent to it"
        },
        {
            "a day before approval",
            p => p.RecordConsent(RespondentGroup.FacilityManagers, Manager11, [DataCollectionMethod.Journaling], new LocalDate(2014, 1, 20), On(June)),
            "protocol 'UCT-MP-JOURNAL' is UnderReview on 2014-01-20: consent is taken under an approved, unexpired protocol"
        },
        {
            "a day after the recording",
            p => p.RecordConsent(RespondentGroup.FacilityManagers, Manager11, [DataCollectionMethod.Journaling], new LocalDate(2014, 6, 10), On(June)),
            "consent of participant 'mp-fm-11' (facility-managers) would be given on 2014-06-10, after the day it is recorded (2014-06-01 UTC): record a consent once it is given"
        },
        {
            "a second consent while the first stands",
            p => p.RecordConsent(RespondentGroup.FacilityManagers, Manager9, [DataCollectionMethod.Interview], June, On(June)),
            "participant 'mp-fm-09' (facility-managers) consented on 2014-03-04 to journaling, and that consent stands: record its withdrawal first to record a new one"
        },
        {
            "a new consent dated before the earlier one's withdrawal",
            p => p.RecordConsent(RespondentGroup.FacilityManagers, Manager7, [DataCollectionMethod.Journaling], new LocalDate(2014, 4, 1), On(June)),
            "participant 'mp-fm-07' (facility-managers) withdrew consent on 2014-05-01: a new consent is given on that day or later, not on 2014-04-01"
        },
        {
            "a withdrawal of a consent never given",
            p => p.WithdrawConsent(RespondentGroup.FacilityManagers, Manager11, June, On(June)),
            "no consent of participant 'mp-fm-11' (facility-managers) is recorded under protocol 'UCT-MP-JOURNAL': there is nothing to withdraw"
        },
        {
            "a withdrawal before the consent",
            p => p.WithdrawConsent(RespondentGroup.FacilityManagers, Manager9, new LocalDate(2014, 3, 1), On(June)),
            "the withdrawal on 2014-03-01 is before participant 'mp-fm-09' (facility-managers) consented on 2014-03-04: a consent is withdrawn after it is given"
        },
        {
            "a withdrawal recorded twice",
            p => p.WithdrawConsent(RespondentGroup.FacilityManagers, Manager7, June, On(June)),
            "participant 'mp-fm-07' (facility-managers) withdrew consent on 2014-05-01 already: there is nothing more to withdraw"
        },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_refused_consent_command_says_why_and_changes_nothing(string what, Action<Protocol> command, string reason)
    {
        var protocol = JournalingProtocol();
        protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager7, [DataCollectionMethod.Journaling], new LocalDate(2014, 3, 3), On(new LocalDate(2014, 3, 3)));
        protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager9, [DataCollectionMethod.Journaling], new LocalDate(2014, 3, 4), On(new LocalDate(2014, 3, 4)));
        protocol.WithdrawConsent(RespondentGroup.FacilityManagers, Manager7, new LocalDate(2014, 5, 1), On(new LocalDate(2014, 5, 1)));
        var events = protocol.History.Count;
        var state = protocol.State;

        var refused = Assert.Throws<CommandRejectedException>(() => command(protocol));

        Assert.True(refused.Refusal.Reasons.Contains(reason), $"{what}: {string.Join(" | ", refused.Refusal.Reasons)}");
        Assert.Equal(events, protocol.History.Count);
        Assert.Same(state, protocol.State);
    }

    [Fact]
    public void Consent_is_not_recorded_under_a_suspended_protocol_but_a_withdrawal_is()
    {
        var protocol = JournalingProtocol();
        protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager7, [DataCollectionMethod.Journaling], new LocalDate(2014, 3, 3), On(new LocalDate(2014, 3, 3)));
        protocol.Suspend(new LocalDate(2014, 4, 1), "consent forms under revision", On(new LocalDate(2014, 4, 1), Hrec));
        var before = protocol.State;

        var refused = Assert.Throws<CommandRejectedException>(
            () => protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager9, [DataCollectionMethod.Journaling], new LocalDate(2014, 4, 2), On(new LocalDate(2014, 4, 2))));
        Assert.Equal(ProtocolTrigger.RecordConsent, refused.Trigger);
        Assert.Same(before, protocol.State);

        protocol.WithdrawConsent(RespondentGroup.FacilityManagers, Manager7, new LocalDate(2014, 4, 3), On(new LocalDate(2014, 4, 3)));
        Assert.Equal(new LocalDate(2014, 4, 3), protocol.State.Consents[0].WithdrawnOn);
    }

    [Fact]
    public void Bad_arguments_are_argument_errors_and_change_nothing()
    {
        var protocol = JournalingProtocol();
        var state = protocol.State;
        var day = new LocalDate(2014, 3, 3);

        Assert.Throws<ArgumentException>(() => protocol.RecordConsent(default, Manager7, [DataCollectionMethod.Journaling], day, On(day)));
        Assert.Throws<ArgumentException>(() => protocol.RecordConsent(RespondentGroup.FacilityManagers, default(ParticipantId), [DataCollectionMethod.Journaling], day, On(day)));
        Assert.Throws<ArgumentException>(() => protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager7, [], day, On(day)));
        Assert.Throws<ArgumentException>(() => protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager7, [default], day, On(day)));
        Assert.Throws<ArgumentNullException>(() => protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager7, null!, day, On(day)));
        Assert.Equal(InputRule.Repeated, Assert.Throws<InputLimitException>(() => protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager7, [DataCollectionMethod.Journaling, DataCollectionMethod.Journaling], day, On(day))).Rule);
        Assert.Throws<ArgumentException>(() => protocol.WithdrawConsent(default, null, day, On(day)));
        Assert.Same(state, protocol.State);
    }

    [Fact]
    public void Consents_replay_through_the_stores_serializer_and_a_forged_withdrawal_is_an_invalid_history()
    {
        var protocol = JournalingProtocol();
        protocol.RecordConsent(RespondentGroup.FacilityManagers, Manager7, [DataCollectionMethod.Journaling], new LocalDate(2014, 3, 3), On(new LocalDate(2014, 3, 3)));
        protocol.RecordConsent(RespondentGroup.FacilityManagers, null, [DataCollectionMethod.Interview], new LocalDate(2014, 3, 4), On(new LocalDate(2014, 3, 4)));
        protocol.WithdrawConsent(RespondentGroup.FacilityManagers, Manager7, new LocalDate(2014, 5, 12), On(new LocalDate(2014, 5, 12)));

        var roundTripped = RoundTrip(protocol.History);
        Assert.Equal(protocol.History, roundTripped);
        Assert.Equal(protocol.State, Protocol.Rehydrate(protocol.StreamId, roundTripped).State);

        List<IDomainEvent> forged = [.. protocol.History, new ProtocolConsentWithdrawn(RespondentGroup.FacilityManagers, Manager9, new LocalDate(2014, 6, 1), Instant.FromUtc(2014, 6, 1, 9, 0), Lucy)];
        var invalid = Assert.Throws<InvalidHistoryException>(() => Protocol.Rehydrate(protocol.StreamId, forged));
        Assert.Contains("participant 'mp-fm-09' (facility-managers) withdrew a consent that was not standing", invalid.Message, StringComparison.Ordinal);

        List<IDomainEvent> twice = [.. protocol.History, new ProtocolConsentGiven(RespondentGroup.FacilityManagers, null, [DataCollectionMethod.Interview], new LocalDate(2014, 6, 1), Instant.FromUtc(2014, 6, 1, 9, 0), Lucy)];
        Assert.Throws<InvalidHistoryException>(() => Protocol.Rehydrate(protocol.StreamId, twice));

        List<IDomainEvent> outsideScope = [.. protocol.History, new ProtocolConsentGiven(RespondentGroup.FacilityManagers, Manager9, [DataCollectionMethod.FocusGroup], new LocalDate(2014, 6, 1), Instant.FromUtc(2014, 6, 1, 9, 0), Lucy)];
        Assert.Contains("did not then permit", Assert.Throws<InvalidHistoryException>(() => Protocol.Rehydrate(protocol.StreamId, outsideScope)).Message, StringComparison.Ordinal);
        List<IDomainEvent> noMethod = [.. protocol.History, new ProtocolConsentGiven(RespondentGroup.FacilityManagers, Manager9, [], new LocalDate(2014, 6, 1), Instant.FromUtc(2014, 6, 1, 9, 0), Lucy)];
        Assert.Throws<InvalidHistoryException>(() => Protocol.Rehydrate(protocol.StreamId, noMethod));
    }
}
