using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CoProduction.Ethics;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Tests.Samples.Snippets;

// The code blocks of docs/protocols.md and docs/ethics-gate.md, compiled and run. Each #region is
// one block, copied into the page verbatim (DocsSnippetTests checks that they stay the same).
public sealed class ProtocolSnippets
{
    private static readonly Actor By = Actor.Member(new MemberId("amina"));
    private static readonly Actor Committee = Actor.Named("kemri-seru");

    [Fact]
    public void A_protocol_is_drafted_reviewed_approved_and_amended()
    {
        var clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2016, 1, 4, 7, 0));
        var (protocol, rules) = DraftAndApprove(clock);
        var today = new LocalDate(2016, 3, 1);
        Stamp Now(Actor actor)
        {
            clock.AdvanceMinutes(1);
            return new Stamp(clock.GetCurrentInstant(), actor);
        }

        #region amend
        var a = Amendment.Draft(
            new AmendmentDraft(new AmendmentId("A1"), "facility managers interviewed on facility financing", AmendmentChanges.Adding(ScopeItem.Of(RespondentGroup.FacilityManagers))),
            protocol,
            today,
            new ProtocolContext(Now(By), rules));
        a.Submit(Now(By));
        protocol.LodgeAmendment(a, Now(By));          // save both in one unit of work
        a.StartReview(Now(Committee));
        a.Approve(new LocalDate(2016, 9, 1), Now(Committee));
        protocol.ApplyAmendment(a, Now(Committee));   // version 2, in force from 2016-09-01
        #endregion

        Assert.Equal(2, protocol.State.CurrentVersion!.Number);
        Assert.Equal(new LocalDate(2016, 9, 1), protocol.State.CurrentVersion.InForceFrom);
        Assert.Contains(RespondentGroup.FacilityManagers, protocol.State.CurrentVersion.Scope.RespondentGroups);
    }

    [Fact]
    public void The_gate_explains_an_activity_it_does_not_cover()
    {
        var clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2016, 1, 4, 7, 0));
        var (kwtrp2, _) = DraftAndApprove(clock);
        var output = new StringWriter();
        var Console = output;   // the snippet prints; the test reads what it printed

        #region gate
        IEthicsGate gate = ProtocolEthicsGate.From([kwtrp2]);   // a snapshot of the protocols as they stand
        var decision = gate.Check(new ResearchActivity("interviews with facility managers on facility financing",
            DataCollectionMethod.Interview, RespondentGroup.FacilityManagers, new SiteId("kilifi"), new LocalDate(2016, 3, 1)));

        var lines = decision.IsCovered
            ? [$"covered by {decision.Protocol} version {decision.ProtocolVersion}"]
            : decision.Details.Prepend(decision.Headline!).Concat(decision.Remedies);
        Console.WriteLine(string.Join(Environment.NewLine, lines));
        #endregion

        var text = output.ToString();
        Assert.Contains("is not covered by any approved protocol on 2016-03-01", text, StringComparison.Ordinal);
        Assert.Contains("amend protocol 'KWTRP-2' to add facility-managers", text, StringComparison.Ordinal);
        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "Planned activity 'interviews with facility managers on facility financing' (interview with facility-managers at kilifi) is not covered by any approved protocol on 2016-03-01.",
                "protocol 'KWTRP-2' version 1 does not include respondent group 'facility-managers'.",
                "amend protocol 'KWTRP-2' to add facility-managers",
                "open a sub-study protocol for interview with facility-managers at kilifi (its own protocol when research engages a new set of respondents or a new data-collection approach)")
            + Environment.NewLine,
            text);   // what docs/ethics-gate.md shows
    }

    private static (Protocol Protocol, ProtocolRules Rules) DraftAndApprove(NodaTime.Testing.FakeClock clock)
    {
        var (by, committee) = (By, Committee);

        #region draft-and-approve
        var kemri = new CommitteeId("kemri-seru");
        var rules = new ProtocolRules(
            [new SiteId("kilifi"), new SiteId("mitchells-plain"), new SiteId("sedibeng")],   // the learning sites that exist
            new Dictionary<CommitteeId, CommitteePolicy> { [kemri] = CommitteePolicies.KenyaNationalCommittee });
        var scope = new ProtocolScope(
            [DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview],
            [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers],
            [new SiteId("kilifi")]);
        var draft = new ProtocolDraft(new ProtocolId("KWTRP-2"), "Micro-practices of governance", kemri, scope)
        {
            Institution = "KEMRI-Wellcome Trust",   // Kind = ProtocolKind.Main unless set; a SubStudy names its Parent
        };

        var protocol = Protocol.Draft(draft, new ProtocolContext(new Stamp(clock.GetCurrentInstant(), by), rules));
        protocol.Submit(new Stamp(clock.GetCurrentInstant(), by));
        protocol.StartReview(new Stamp(clock.GetCurrentInstant(), committee));
        var approvedOn = new LocalDate(2016, 1, 4);
        protocol.Approve(approvedOn, CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(approvedOn), new Stamp(clock.GetCurrentInstant(), committee));
        #endregion

        Assert.Equal(ProtocolStatus.Approved, protocol.Status);
        return (protocol, rules);
    }
}
