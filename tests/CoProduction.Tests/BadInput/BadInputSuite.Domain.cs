using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Ledger;
using CoProduction.Programmes;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Tests.Cycles;
using CoProduction.Tests.Scheduling;
using CoProduction.Tests.Sites;
using NodaTime;
using static CoProduction.Tests.BadInput.BadInputCase;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.BadInput;

/// <summary>The domain commands' cases: each aggregate loaded from the store, then given a command it must refuse.</summary>
public sealed partial class BadInputSuite
{
    private const string Rlo = "\u202E";
    private const string Zwsp = "\u200B";
    private static readonly string TooLongName = new('n', InputLimits.NameLength + 1);
    private static readonly string TooLongText = new('t', InputLimits.TextLength + 1);
    private static readonly Instant Early = Instant.FromUtc(2011, 1, 1, 0, 0);
    private static readonly Stamp EarlyStamp = new(Early, PaperSites.Lead);
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    private static readonly MemberId Nobody = new("nobody");

    private static SiteRegistration Registration(string name = "Kwale County", string id = "kwale") => new(new SiteId(id), name, CountryCode.Kenya, Nairobi) { Level = SiteLevel.County, EngagedSinceYear = 2015 };

    private static IEnumerable<BadInputCase> SiteCases()
    {
        yield return Sync<InputLimitException>($"LearningSite.Register(new SiteRegistration(name: \"Kwale {Rlo}ytnuoc\"), stamp)", w => LearningSite.Register(Registration("Kwale \u202Eytnuoc"), w.Stamp), InputRule.BidiOverride);
        yield return Sync<InputLimitException>("LearningSite.Register(new SiteRegistration(id: \" kwale\"), stamp)", w => LearningSite.Register(Registration(id: " kwale"), w.Stamp), InputRule.Padded);
        yield return Sync<InputLimitException>("LearningSite.Register(new SiteRegistration(name: 201 characters), stamp)", w => LearningSite.Register(Registration(TooLongName), w.Stamp), InputRule.TooLong);
        yield return Sync<ArgumentOutOfRangeException>("LearningSite.Register(new SiteRegistration { Level = (SiteLevel)42 }, stamp)", w => LearningSite.Register(Registration() with { Level = (SiteLevel)42 }, w.Stamp), "Level");
        yield return Sync<InputLimitException>("LearningSite.Register(new SiteRegistration { PartnerInstitutions = [\"KWTRP\", \"KWTRP\"] }, stamp)", w => LearningSite.Register(Registration() with { PartnerInstitutions = ["KWTRP", "KWTRP"] }, w.Stamp), InputRule.Repeated);
        yield return Sync<ArgumentException>("LearningSite.Register(new SiteRegistration(country: default), stamp)", w => LearningSite.Register(new SiteRegistration(new SiteId("kwale"), "Kwale", default, Nairobi) { Level = SiteLevel.County, EngagedSinceYear = 2015 }, w.Stamp), "country");
        yield return Sync<UnknownTimeZoneException>("TimeZoneIds.Find(tzdb, \"Mars/Olympus_Mons\") for a site's zone", _ => TimeZoneIds.Find(DateTimeZoneProviders.Tzdb, "Mars/Olympus_Mons"));
        yield return Sync<InputLimitException>("Site.AddPartnerInstitution(\"\", stamp)", w => w.Site.AddPartnerInstitution("", w.Stamp), InputRule.Blank);
        yield return Sync<InputLimitException>("Site.AddPartnerInstitution(201 characters, stamp)", w => w.Site.AddPartnerInstitution(TooLongName, w.Stamp), InputRule.TooLong);
        yield return Sync<CommandRejectedException>("Site.AddPartnerInstitution(\"KEMRI-Wellcome Trust Research Programme\" again, stamp)", w => w.Site.AddPartnerInstitution("KEMRI-Wellcome Trust Research Programme", w.Stamp), SiteTrigger.AddPartnerInstitution);
        yield return Sync<CommandRejectedException>("Site.AddPartnerInstitution(\"Pwani University\", stamp before the site's last event)", w => w.Site.AddPartnerInstitution("Pwani University", EarlyStamp), SiteTrigger.AddPartnerInstitution);
        yield return Sync<CommandRejectedException>("Site.AddMember(ke-lead-researcher already a member, \"Someone\", stamp)", w => w.Site.AddMember(PaperSites.KilifiLeadResearcher, "Someone", w.Stamp), SiteTrigger.AddMember);
        yield return Sync<InputLimitException>($"Site.AddMember(\"new\", \"Ann{Zwsp}e\", stamp)", w => w.Site.AddMember(new MemberId("new"), "Ann\u200Be", w.Stamp), InputRule.ZeroWidth);
        yield return Sync<InputLimitException>("Site.AddMember(\"new\", \"Anne\", stamp, pseudonym: \"R\\u0007\")", w => w.Site.AddMember(new MemberId("new"), "Anne", w.Stamp, "R\u0007"), InputRule.ControlCharacter);
        yield return Sync<ArgumentException>("Site.AddMember(default(MemberId), \"Anne\", stamp)", w => w.Site.AddMember(default, "Anne", w.Stamp), "member");
        yield return Sync<CommandRejectedException>("Site.JoinRole(nobody, Researcher, 2019-01-01, stamp)", w => w.Site.JoinRole(Nobody, MemberRole.Researcher, new LocalDate(2019, 1, 1), w.Stamp), SiteTrigger.JoinRole);
        yield return Sync<CommandRejectedException>("Site.JoinRole(ke-lead-researcher, Researcher again, 2019-01-01, stamp)", w => w.Site.JoinRole(PaperSites.KilifiLeadResearcher, MemberRole.Researcher, new LocalDate(2019, 1, 1), w.Stamp), SiteTrigger.JoinRole);
        yield return Sync<CommandRejectedException>("Site.LeaveRole(ke-researcher, Researcher already left, 2019-01-01, stamp)", w => w.Site.LeaveRole(PaperSites.KilifiResearcher, MemberRole.Researcher, new LocalDate(2019, 1, 1), w.Stamp), SiteTrigger.LeaveRole);
        yield return Sync<CommandRejectedException>("Site.LeaveRole(ke-lead-researcher, Researcher, 2011-12-31 before joining, stamp)", w => w.Site.LeaveRole(PaperSites.KilifiLeadResearcher, MemberRole.Researcher, new LocalDate(2011, 12, 31), w.Stamp), SiteTrigger.LeaveRole);
        yield return Sync<CommandRejectedException>("Site.MarkCore(ke-lead-researcher already core, stamp)", w => w.Site.MarkCore(PaperSites.KilifiLeadResearcher, w.Stamp), SiteTrigger.MarkCore);
        yield return Sync<CommandRejectedException>("Site.MarkCore(nobody, stamp)", w => w.Site.MarkCore(Nobody, w.Stamp), SiteTrigger.MarkCore);
        yield return Sync<CommandRejectedException>("Site.ClearCore(ke-subcounty-manager not core, stamp)", w => w.Site.ClearCore(PaperSites.KilifiSubCountyManager, w.Stamp), SiteTrigger.ClearCore);
        yield return Sync<CommandRejectedException>("Site.RecordEngagement(nobody, new Engagement(2019-01-10, Workshop), stamp)", w => w.Site.RecordEngagement(Nobody, new Engagement(new LocalDate(2019, 1, 10), EngagementKind.Workshop), w.Stamp), SiteTrigger.RecordEngagement);
        yield return Sync<InputLimitException>("Site.RecordEngagement(ke-health-director, new Engagement(2019-01-10, Workshop, note: \"a\\0b\"), stamp)", w => w.Site.RecordEngagement(PaperSites.KilifiDirector, new Engagement(new LocalDate(2019, 1, 10), EngagementKind.Workshop, "a\0b"), w.Stamp), InputRule.ControlCharacter);
        yield return Sync<ArgumentException>("Site.RecordEngagement(ke-health-director, new Engagement(2019-01-10, default(EngagementKind)), stamp)", w => w.Site.RecordEngagement(PaperSites.KilifiDirector, new Engagement(new LocalDate(2019, 1, 10), default), w.Stamp), "kind");
        yield return Sync<ArgumentOutOfRangeException>("Site.ChooseMemberNaming((MemberNaming)42, stamp)", w => w.Site.ChooseMemberNaming((MemberNaming)42, w.Stamp), "naming");
        yield return Sync<CommandRejectedException>("Site.ChooseMemberNaming(DisplayNames, the naming already, stamp)", w => w.Site.ChooseMemberNaming(MemberNaming.DisplayNames, w.Stamp), SiteTrigger.ChooseMemberNaming);
        yield return Sync<CommandRejectedException>("Site.EraseMember(nobody, \"the member\", \"a request\", stamp)", w => w.Site.EraseMember(Nobody, "the member", "a request", w.Stamp), SiteTrigger.EraseMember);
        yield return Sync<InputLimitException>("Site.EraseMember(ke-health-director, \" the member\", \"a request\", stamp)", w => w.Site.EraseMember(PaperSites.KilifiDirector, " the member", "a request", w.Stamp), InputRule.Padded);
    }

    private static IEnumerable<BadInputCase> ProgrammeCases()
    {
        var period = new DateInterval(new LocalDate(2012, 1, 1), new LocalDate(2018, 12, 31));
        yield return Sync<InputLimitException>("Programme.Register(new ProgrammeRegistration(\"other\", \"   \", 2012–2018), stamp)", w => Programme.Register(new ProgrammeRegistration(new ProgrammeId("other"), "   ", period), w.Stamp), InputRule.Blank);
        yield return Sync<ArgumentNullException>("Programme.Register(new ProgrammeRegistration(\"other\", \"Other\", period: null), stamp)", w => Programme.Register(new ProgrammeRegistration(new ProgrammeId("other"), "Other", null!), w.Stamp), "period");
        yield return Sync<CommandRejectedException>("Programme.AddSite(kilifi already in it, stamp)", w => w.Programme.AddSite(PaperSites.KilifiId, w.Stamp), ProgrammeTrigger.AddSite);
        yield return Sync<ArgumentException>("Programme.AddSite(default(SiteId), stamp)", w => w.Programme.AddSite(default, w.Stamp), "site");
        yield return Sync<CommandRejectedException>("Programme.AddSite(sedibeng, stamp before the programme's last event)", w => w.Programme.AddSite(PaperSites.SedibengId, EarlyStamp), ProgrammeTrigger.AddSite);
        yield return Sync<CommandRejectedException>("Programme.LinkUmbrellaProtocol(resyst-umbrella already linked, stamp)", w => w.Programme.LinkUmbrellaProtocol(new ProtocolId("resyst-umbrella"), w.Stamp), ProgrammeTrigger.LinkUmbrellaProtocol);
        yield return Sync<InputLimitException>("Programme.LinkUmbrellaProtocol(new ProtocolId(\"umbrella\\n2\"), stamp)", w => w.Programme.LinkUmbrellaProtocol(new ProtocolId("umbrella\n2"), w.Stamp), InputRule.ControlCharacter);
    }

    private static IEnumerable<BadInputCase> ProtocolCases()
    {
        var period = CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(new LocalDate(2019, 6, 1));
        yield return Sync<InputLimitException>("Protocol.Draft(new ProtocolDraft(title: 201 characters), context)", w => Protocol.Draft(new ProtocolDraft(new ProtocolId("P-NEW"), TooLongName, Kemri, KilifiFirstScope) { Institution = "KEMRI" }, w.ProtocolContext), InputRule.TooLong);
        yield return Sync<UnknownCommitteeException>("Protocol.Draft(new ProtocolDraft(committee: \"mars-irb\"), context)", w => Protocol.Draft(new ProtocolDraft(new ProtocolId("P-NEW"), "Title", new CommitteeId("mars-irb"), KilifiFirstScope) { Institution = "KEMRI" }, w.ProtocolContext));
        yield return Sync<UnknownSiteException>("Protocol.Draft(new ProtocolDraft(scope: sites [atlantis]), context)", w => Protocol.Draft(new ProtocolDraft(new ProtocolId("P-NEW"), "Title", Kemri, new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.FacilityManagers], [new SiteId("atlantis")])) { Institution = "KEMRI" }, w.ProtocolContext));
        yield return Sync<InputLimitException>("Protocol.Draft(new ProtocolDraft { DraftedOn = 1950-01-01 }, context)", w => Protocol.Draft(Draft("P-NEW") with { DraftedOn = new LocalDate(1950, 1, 1) }, w.ProtocolContext), InputRule.Implausible);
        yield return Sync<InputLimitException>("Protocol.Draft(new ProtocolDraft { DraftedOn = a year after the command }, context)", w => Protocol.Draft(Draft("P-NEW") with { DraftedOn = w.ProtocolContext.Stamp.At.InUtc().Date.PlusYears(1) }, w.ProtocolContext), InputRule.Implausible);
        yield return Sync<InputLimitException>("Protocol.Draft(new ProtocolDraft(scope: 1,001 sites), context)", w => Protocol.Draft(Draft("P-NEW", new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.FacilityManagers], [.. Enumerable.Range(0, InputLimits.ListCount + 1).Select(i => new SiteId($"s{i}"))])), w.ProtocolContext), InputRule.TooMany);
        yield return Sync<InputLimitException>($"DraftProtocol.Revise(\"Title {Rlo}\", scope, context)", w => w.DraftProtocol.Revise("Title \u202E", KilifiFirstScope, w.ProtocolContext), InputRule.BidiOverride);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.Revise(\"New title\", scope, context)", w => w.ApprovedProtocol.Revise("New title", KilifiFirstScope, w.ProtocolContext), ProtocolTrigger.Revise);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.Submit(stamp)", w => w.ApprovedProtocol.Submit(w.Stamp), ProtocolTrigger.Submit);
        yield return Sync<CommandRejectedException>("DraftProtocol.Submit(stamp before the draft)", w => w.DraftProtocol.Submit(EarlyStamp), ProtocolTrigger.Submit);
        yield return Sync<CommandRejectedException>("DraftProtocol.StartReview(stamp)", w => w.DraftProtocol.StartReview(w.Stamp), ProtocolTrigger.StartReview);
        yield return Sync<InputLimitException>("ReviewedProtocol.RequestChanges(\"\\n\\t \", stamp)", w => w.ReviewedProtocol.RequestChanges("\n\t ", w.Stamp), InputRule.Blank);
        yield return Sync<InputLimitException>("ReviewedProtocol.RequestChanges(10,001 characters, stamp)", w => w.ReviewedProtocol.RequestChanges(TooLongText, w.Stamp), InputRule.TooLong);
        yield return Sync<CommandRejectedException>("DraftProtocol.RequestChanges(\"more detail\", stamp)", w => w.DraftProtocol.RequestChanges("more detail", w.Stamp), ProtocolTrigger.RequestChanges);
        yield return Sync<CommandRejectedException>("ReviewedProtocol.Approve(1900-01-01, open-ended from 1900-01-01, stamp)", w => w.ReviewedProtocol.Approve(new LocalDate(1900, 1, 1), ApprovalPeriod.OpenEnded(new LocalDate(1900, 1, 1)), w.Stamp), ProtocolTrigger.Approve);
        yield return Sync<ArgumentException>("ReviewedProtocol.Approve(2019-06-01, new ApprovalPeriod(2019-06-01, 2019-05-31), stamp)", w => w.ReviewedProtocol.Approve(new LocalDate(2019, 6, 1), new ApprovalPeriod(new LocalDate(2019, 6, 1), new LocalDate(2019, 5, 31)), w.Stamp));
        yield return Sync<CommandRejectedException>("DraftProtocol.Approve(2019-06-01, a year, stamp)", w => w.DraftProtocol.Approve(new LocalDate(2019, 6, 1), period, w.Stamp), ProtocolTrigger.Approve);
        yield return Sync<InputLimitException>("ReviewedProtocol.Reject(\"no\\0\", stamp)", w => w.ReviewedProtocol.Reject("no\0", w.Stamp), InputRule.ControlCharacter);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.Reject(\"too late\", stamp)", w => w.ApprovedProtocol.Reject("too late", w.Stamp), ProtocolTrigger.Reject);
        yield return Sync<InputLimitException>("DraftProtocol.Withdraw(\"\\uD83D alone\", stamp)", w => w.DraftProtocol.Withdraw("\uD83D alone", w.Stamp), InputRule.NotWellFormed);
        yield return Sync<InputLimitException>("ApprovedProtocol.Suspend(2019-06-01, \"\", stamp)", w => w.ApprovedProtocol.Suspend(new LocalDate(2019, 6, 1), "", w.Stamp), InputRule.Blank);
        yield return Sync<CommandRejectedException>("DraftProtocol.Suspend(2019-06-01, \"audit\", stamp)", w => w.DraftProtocol.Suspend(new LocalDate(2019, 6, 1), "audit", w.Stamp), ProtocolTrigger.Suspend);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.Reinstate(2019-06-01, stamp) when not suspended", w => w.ApprovedProtocol.Reinstate(new LocalDate(2019, 6, 1), w.Stamp), ProtocolTrigger.Reinstate);
        yield return Sync<CommandRejectedException>("DraftProtocol.Renew(2019-06-01, 2020-06-01, context)", w => w.DraftProtocol.Renew(new LocalDate(2019, 6, 1), new LocalDate(2020, 6, 1), w.ProtocolContext), ProtocolTrigger.Renew);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.Renew(2015-04-01, 2015-03-15 before the current end, context)", w => w.ApprovedProtocol.Renew(new LocalDate(2015, 4, 1), new LocalDate(2015, 3, 15), w.ProtocolContext), ProtocolTrigger.Renew);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.ObserveExpiry(2015-04-01 inside the approval, stamp)", w => w.ApprovedProtocol.ObserveExpiry(new LocalDate(2015, 4, 1), w.Stamp), ProtocolTrigger.ObserveExpiry);
        yield return Sync<CommandRejectedException>("DraftProtocol.ObserveExpiry(2019-06-01, stamp)", w => w.DraftProtocol.ObserveExpiry(new LocalDate(2019, 6, 1), w.Stamp), ProtocolTrigger.ObserveExpiry);
        yield return Sync<CommandRejectedException>("DraftProtocol.Close(2019-06-01, \"final report\", stamp)", w => w.DraftProtocol.Close(new LocalDate(2019, 6, 1), "final report", w.Stamp), ProtocolTrigger.Close);
        yield return Sync<InputLimitException>("ApprovedProtocol.Close(2019-06-01, \"report \\u001b[2J\", stamp)", w => w.ApprovedProtocol.Close(new LocalDate(2019, 6, 1), "report \u001b[2J", w.Stamp), InputRule.ControlCharacter);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.RecordConsent(health-workers outside the scope, p-1, [interview], 2015-06-01, stamp)", w => w.ApprovedProtocol.RecordConsent(RespondentGroup.HealthWorkers, new ParticipantId("p-1"), [DataCollectionMethod.Interview], new LocalDate(2015, 6, 1), w.Stamp), ProtocolTrigger.RecordConsent);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.RecordConsent(district-managers, p-1, [interview], 2014-06-01 before approval, stamp)", w => w.ApprovedProtocol.RecordConsent(RespondentGroup.DistrictManagers, new ParticipantId("p-1"), [DataCollectionMethod.Interview], new LocalDate(2014, 6, 1), w.Stamp), ProtocolTrigger.RecordConsent);
        yield return Sync<CommandRejectedException>("DraftProtocol.RecordConsent(district-managers, p-1, [interview], 2015-06-01, stamp)", w => w.DraftProtocol.RecordConsent(RespondentGroup.DistrictManagers, new ParticipantId("p-1"), [DataCollectionMethod.Interview], new LocalDate(2015, 6, 1), w.Stamp), ProtocolTrigger.RecordConsent);
        yield return Sync<ArgumentException>("ApprovedProtocol.RecordConsent(district-managers, p-1, no method, 2015-06-01, stamp)", w => w.ApprovedProtocol.RecordConsent(RespondentGroup.DistrictManagers, new ParticipantId("p-1"), [], new LocalDate(2015, 6, 1), w.Stamp));
        yield return Sync<ArgumentException>("ApprovedProtocol.RecordConsent(default group, null, [interview], 2015-06-01, stamp)", w => w.ApprovedProtocol.RecordConsent(default, null, [DataCollectionMethod.Interview], new LocalDate(2015, 6, 1), w.Stamp));
        yield return Sync<InputLimitException>($"ApprovedProtocol.RecordConsent(district-managers, \"p-1{Rlo}\", [interview], 2015-06-01, stamp)", w => w.ApprovedProtocol.RecordConsent(RespondentGroup.DistrictManagers, new ParticipantId("p-1\u202E"), [DataCollectionMethod.Interview], new LocalDate(2015, 6, 1), w.Stamp), InputRule.BidiOverride);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.WithdrawConsent(district-managers, p-1 never consented, 2015-06-01, stamp)", w => w.ApprovedProtocol.WithdrawConsent(RespondentGroup.DistrictManagers, new ParticipantId("p-1"), new LocalDate(2015, 6, 1), w.Stamp), ProtocolTrigger.WithdrawConsent);
        yield return Sync<CommandRejectedException>("DraftProtocol.WithdrawConsent(district-managers, null, 2015-06-01, stamp)", w => w.DraftProtocol.WithdrawConsent(RespondentGroup.DistrictManagers, null, new LocalDate(2015, 6, 1), w.Stamp), ProtocolTrigger.WithdrawConsent);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.LodgeAmendment(A-REVIEW already lodged, stamp)", w => w.ApprovedProtocol.LodgeAmendment(w.ReviewedAmendment, w.Stamp), ProtocolTrigger.LodgeAmendment);
        yield return Sync<CommandRejectedException>("DraftProtocol.LodgeAmendment(A-REVIEW of another protocol, stamp)", w => w.DraftProtocol.LodgeAmendment(w.ReviewedAmendment, w.Stamp), ProtocolTrigger.LodgeAmendment);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.ReleaseAmendment(A-DRAFT never lodged, stamp)", w => w.ApprovedProtocol.ReleaseAmendment(w.DraftAmendment, w.Stamp), ProtocolTrigger.ReleaseAmendment);
        yield return Sync<CommandRejectedException>("ApprovedProtocol.ApplyAmendment(A-REVIEW not approved, stamp)", w => w.ApprovedProtocol.ApplyAmendment(w.ReviewedAmendment, w.Stamp), ProtocolTrigger.ApplyAmendment);
        yield return Sync<ArgumentNullException>("ApprovedProtocol.ApplyAmendment(null, stamp)", w => w.ApprovedProtocol.ApplyAmendment(null!, w.Stamp), "amendment");
    }

    private static IEnumerable<BadInputCase> AmendmentCases()
    {
        // A generic amendment (KWTRP-1 adding journaling) for the refusal mechanics, not the paper's story: journaling was Mitchell's Plain's.
        var journals = AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling));
        var today = new LocalDate(2015, 6, 1);
        yield return Sync<CommandRejectedException>("Amendment.Draft(new AmendmentDraft(\"A-NEW\", adds journaling), DraftProtocol, 2015-06-01, context)", w => Amendment.Draft(new AmendmentDraft(new AmendmentId("A-NEW"), "learning evolved", journals), w.DraftProtocol, today, w.ProtocolContext), ProtocolTrigger.DraftAmendment);
        yield return Sync<InputLimitException>("Amendment.Draft(new AmendmentDraft(\"A-NEW\", rationale: \"\", adds journaling), ApprovedProtocol, 2015-06-01, context)", w => Amendment.Draft(new AmendmentDraft(new AmendmentId("A-NEW"), "", journals), w.ApprovedProtocol, today, w.ProtocolContext), InputRule.Blank);
        yield return Sync<ArgumentException>("Amendment.Draft(new AmendmentDraft(\"A-NEW\", changes: nothing), ApprovedProtocol, 2015-06-01, context)", w => Amendment.Draft(new AmendmentDraft(new AmendmentId("A-NEW"), "learning evolved", new AmendmentChanges([], [])), w.ApprovedProtocol, today, w.ProtocolContext));
        yield return Sync<CommandRejectedException>("Amendment.Draft(new AmendmentDraft(\"A-NEW\", adds journaling), ApprovedProtocol, 2019-06-01 after it expired, context)", w => Amendment.Draft(new AmendmentDraft(new AmendmentId("A-NEW"), "learning evolved", journals), w.ApprovedProtocol, new LocalDate(2019, 6, 1), w.ProtocolContext), ProtocolTrigger.DraftAmendment);
        yield return Sync<InputLimitException>($"DraftAmendment.Revise(new AmendmentProposal(\"why{Zwsp}\"... as free text with a control \\u0001, adds journaling), ApprovedProtocol, context)", w => w.DraftAmendment.Revise(new AmendmentProposal("why\u0001", journals), w.ApprovedProtocol, w.ProtocolContext), InputRule.ControlCharacter);
        yield return Sync<CommandRejectedException>("ReviewedAmendment.Revise(new AmendmentProposal(\"why\", adds journaling), ApprovedProtocol, context)", w => w.ReviewedAmendment.Revise(new AmendmentProposal("why", journals), w.ApprovedProtocol, w.ProtocolContext), AmendmentTrigger.Revise);
        yield return Sync<CommandRejectedException>("ReviewedAmendment.Rebase(ApprovedProtocol, stamp)", w => w.ReviewedAmendment.Rebase(w.ApprovedProtocol, w.Stamp), AmendmentTrigger.Rebase);
        yield return Sync<CommandRejectedException>("ReviewedAmendment.Submit(stamp)", w => w.ReviewedAmendment.Submit(w.Stamp), AmendmentTrigger.Submit);
        yield return Sync<CommandRejectedException>("DraftAmendment.StartReview(stamp)", w => w.DraftAmendment.StartReview(w.Stamp), AmendmentTrigger.StartReview);
        yield return Sync<InputLimitException>("ReviewedAmendment.RequestChanges(\"see \\u001b[31m\", stamp)", w => w.ReviewedAmendment.RequestChanges("see \u001b[31m", w.Stamp), InputRule.ControlCharacter);
        yield return Sync<CommandRejectedException>("DraftAmendment.RequestChanges(\"more\", stamp)", w => w.DraftAmendment.RequestChanges("more", w.Stamp), AmendmentTrigger.RequestChanges);
        yield return Sync<CommandRejectedException>("DraftAmendment.Approve(2015-06-01, stamp)", w => w.DraftAmendment.Approve(today, w.Stamp), AmendmentTrigger.Approve);
        yield return Sync<CommandRejectedException>("DraftAmendment.Approve(2015-06-01, ApprovedProtocol, stamp)", w => w.DraftAmendment.Approve(today, w.ApprovedProtocol, w.Stamp), AmendmentTrigger.Approve);
        yield return Sync<CommandRejectedException>("ReviewedAmendment.Approve(1900-01-01, ApprovedProtocol, stamp)", w => w.ReviewedAmendment.Approve(new LocalDate(1900, 1, 1), w.ApprovedProtocol, w.Stamp), AmendmentTrigger.Approve);
        yield return Sync<CommandRejectedException>("DraftAmendment.AcceptAsNotification(2015-06-01, ApprovedProtocol, context) of a substantial amendment", w => w.DraftAmendment.AcceptAsNotification(today, w.ApprovedProtocol, w.ProtocolContext), AmendmentTrigger.AcceptAsNotification);
        yield return Sync<InputLimitException>("ReviewedAmendment.Reject(\"\", stamp)", w => w.ReviewedAmendment.Reject("", w.Stamp), InputRule.Blank);
        yield return Sync<CommandRejectedException>("DraftAmendment.Reject(\"no\", stamp)", w => w.DraftAmendment.Reject("no", w.Stamp), AmendmentTrigger.Reject);
        yield return Sync<InputLimitException>("ReviewedAmendment.Withdraw(10,001 characters, stamp)", w => w.ReviewedAmendment.Withdraw(TooLongText, w.Stamp), InputRule.TooLong);
        yield return Sync<CommandRejectedException>("DraftAmendment.Withdraw(\"not needed\", stamp before the draft)", w => w.DraftAmendment.Withdraw("not needed", EarlyStamp), AmendmentTrigger.Withdraw);
    }

    private static IEnumerable<BadInputCase> CycleCases()
    {
        var interviews = KilifiSite.Interviews(2015);
        yield return Sync<InputLimitException>("Cycle.Start(new CycleOpening(\"kilifi-2020\", kilifi, 8, \"Focus \"), context)", w => Cycle.Start(new CycleOpening(new CycleId("kilifi-2020"), KilifiSite.Site, 8, "Focus "), w.CycleContext), InputRule.Padded);
        yield return Sync<ArgumentOutOfRangeException>("Cycle.Start(new CycleOpening(\"kilifi-2020\", kilifi, -1, \"Focus\"), context)", w => Cycle.Start(new CycleOpening(new CycleId("kilifi-2020"), KilifiSite.Site, -1, "Focus"), w.CycleContext), "number");
        yield return Sync<ArgumentException>("Cycle.Start(new CycleOpening(default(CycleId), kilifi, 8, \"Focus\"), context)", w => Cycle.Start(new CycleOpening(default, KilifiSite.Site, 8, "Focus"), w.CycleContext), "id");
        yield return Sync<CommandRejectedException>("PlanningCycle.PlanActivity(interviews already planned, context)", w => w.PlanningCycle.PlanActivity(interviews, w.CycleContext), CycleTrigger.PlanActivity);
        yield return Sync<InputLimitException>($"PlanningCycle.PlanActivity(new PlannedActivity(title: \"site{Zwsp}visits\"), context)", w => w.PlanningCycle.PlanActivity(interviews with { Title = "site\u200Bvisits" }, w.CycleContext), InputRule.ZeroWidth);
        yield return Sync<CommandRejectedException>("CompletedCycle.PlanActivity(new PlannedActivity(\"visits\"), context)", w => w.CompletedCycle.PlanActivity(interviews with { Id = new ActivityId("visits") }, w.CycleContext), CycleTrigger.PlanActivity);
        yield return Sync<CommandRejectedException>("PlanningCycle.PlanProposedActivity(\"no-such-proposal\", 2015-04-01, benjamin, context)", w => w.PlanningCycle.PlanProposedActivity(new ActivityId("no-such-proposal"), new LocalDate(2015, 4, 1), KilifiSite.Researcher, w.CycleContext), CycleTrigger.PlanActivity);
        yield return Sync<CommandRejectedException>("PlanningCycle.WithdrawActivity(\"no-such-activity\", context)", w => w.PlanningCycle.WithdrawActivity(new ActivityId("no-such-activity"), w.CycleContext), CycleTrigger.WithdrawActivity);
        yield return Sync<CommandRejectedException>("CompletedCycle.WithdrawActivity(\"interviews\", context)", w => w.CompletedCycle.WithdrawActivity(new ActivityId("interviews"), w.CycleContext), CycleTrigger.WithdrawActivity);
        yield return Sync<CommandRejectedException>("PlanningCycle.RedateActivity(\"no-such-activity\", 2015-04-01, context)", w => w.PlanningCycle.RedateActivity(new ActivityId("no-such-activity"), new LocalDate(2015, 4, 1), w.CycleContext), CycleTrigger.RedateActivity);
        yield return Sync<ArgumentException>("PlanningCycle.RedateActivity(default(ActivityId), 2015-04-01, context)", w => w.PlanningCycle.RedateActivity(default, new LocalDate(2015, 4, 1), w.CycleContext), "activity");
        yield return Sync<CommandRejectedException>("PlanningCycle.EndorsePlan(nobody, context)", w => w.PlanningCycle.EndorsePlan(Nobody, w.CycleContext), CycleTrigger.EndorsePlan);
        yield return Sync<CommandRejectedException>("ActingCycle.EndorsePlan(benjamin, context)", w => w.ActingCycle.EndorsePlan(KilifiSite.Researcher, w.CycleContext), CycleTrigger.EndorsePlan);
        yield return Sync<CommandRejectedException>("CompletedCycle.StartActing(context)", w => w.CompletedCycle.StartActing(w.CycleContext), CycleTrigger.StartActing);
        yield return Sync<CommandRejectedException>("PlanningCycle.StartActing(context before its last event)", w => w.PlanningCycle.StartActing(KilifiSite.Rules().At(Early, KilifiSite.ByResearcher)), CycleTrigger.StartActing);
        yield return Sync<CommandRejectedException>("PlanningCycle.RecordAction(new CycleAction(interviews, 2015-03-01, \"12 interviews\", []), context)", w => w.PlanningCycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2015, 3, 1), "12 interviews", []), w.CycleContext), CycleTrigger.RecordAction);
        yield return Sync<CommandRejectedException>("ActingCycle.RecordAction(new CycleAction(\"no-such-activity\", 2016-03-01, \"done\", []), context)", w => w.ActingCycle.RecordAction(new CycleAction(new ActivityId("no-such-activity"), new LocalDate(2016, 3, 1), "done", []), w.CycleContext), CycleTrigger.RecordAction);
        yield return Sync<InputLimitException>("ActingCycle.RecordAction(new CycleAction(interviews, 2016-03-01, \" \", []), context)", w => w.ActingCycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2016, 3, 1), " ", []), w.CycleContext), InputRule.Blank);
        yield return Sync<InputLimitException>("ActingCycle.RecordAction(new CycleAction(interviews, 2016-03-01, \"done\", [\"tran\\u0000scripts\"]), context)", w => w.ActingCycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(2016, 3, 1), "done", ["tran\u0000scripts"]), w.CycleContext), InputRule.ControlCharacter);
        yield return Sync<CommandRejectedException>("ActingCycle.StartReflecting(context) with no action recorded", w => w.ActingCycle.StartReflecting(w.CycleContext), CycleTrigger.StartReflecting);
        yield return Sync<CommandRejectedException>("ActingCycle.RecordReflection(new Reflection(WithManagers, 2016-08-10, [benjamin], [\"insight\"]), context)", w => w.ActingCycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 8, 10), [KilifiSite.Researcher], ["insight"]), w.CycleContext), CycleTrigger.RecordReflection);
        yield return Sync<InputLimitException>("ActingCycle.RecordReflection(new Reflection(WithManagers, 2016-08-10, [benjamin], [\"a\\0\"]), context)", w => w.ActingCycle.RecordReflection(new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 8, 10), [KilifiSite.Researcher], ["a\0"]), w.CycleContext), InputRule.ControlCharacter);
        yield return Sync<CommandRejectedException>("ActingCycle.StartEvaluating(context)", w => w.ActingCycle.StartEvaluating(w.CycleContext), CycleTrigger.StartEvaluating);
        yield return Sync<CommandRejectedException>("EvaluatingCycle.RecordEvaluation(new Evaluation(\"no-such-activity\", Achieved, \"evidence\"), context)", w => w.EvaluatingCycle.RecordEvaluation(new Evaluation(new ActivityId("no-such-activity"), EvaluationOutcome.Achieved, "evidence"), w.CycleContext), CycleTrigger.RecordEvaluation);
        yield return Sync<InputLimitException>("EvaluatingCycle.RecordEvaluation(new Evaluation(interviews, Achieved, \"\"), context)", w => w.EvaluatingCycle.RecordEvaluation(new Evaluation(new ActivityId("interviews"), EvaluationOutcome.Achieved, ""), w.CycleContext), InputRule.Blank);
        yield return Sync<ArgumentOutOfRangeException>("EvaluatingCycle.RecordEvaluation(new Evaluation(interviews, (EvaluationOutcome)9, \"evidence\"), context)", w => w.EvaluatingCycle.RecordEvaluation(new Evaluation(new ActivityId("interviews"), (EvaluationOutcome)9, "evidence"), w.CycleContext), "Outcome");
        yield return Sync<CommandRejectedException>("ActingCycle.RecordEvaluation(new Evaluation(interviews, Achieved, \"evidence\"), context)", w => w.ActingCycle.RecordEvaluation(new Evaluation(new ActivityId("interviews"), EvaluationOutcome.Achieved, "evidence"), w.CycleContext), CycleTrigger.RecordEvaluation);
        yield return Sync<CommandRejectedException>("EvaluatingCycle.StartRevising(context) with nothing evaluated", w => w.EvaluatingCycle.StartRevising(w.CycleContext), CycleTrigger.StartRevising);
        yield return Sync<CommandRejectedException>("EvaluatingCycle.RecordRevision(new Revision([], [], [\"lesson\"]), context)", w => w.EvaluatingCycle.RecordRevision(new Revision([], [], ["lesson"]), w.CycleContext), CycleTrigger.RecordRevision);
        yield return Sync<InputLimitException>("EvaluatingCycle.RecordRevision(new Revision([], [], 1,001 lessons), context)", w => w.EvaluatingCycle.RecordRevision(new Revision([], [], [.. Enumerable.Range(0, InputLimits.ListCount + 1).Select(i => $"lesson {i}")]), w.CycleContext), InputRule.TooMany);
        yield return Sync<InputLimitException>("EvaluatingCycle.RecordRevision(new Revision([new ActivityRevision(interviews, Adopt, \"\")], [], []), context)", w => w.EvaluatingCycle.RecordRevision(new Revision([new ActivityRevision(new ActivityId("interviews"), RevisionDecision.Adopt, "")], [], []), w.CycleContext), InputRule.Blank);
        yield return Sync<InputLimitException>("EvaluatingCycle.DecideNoChange(\"\", context)", w => w.EvaluatingCycle.DecideNoChange("", w.CycleContext), InputRule.Blank);
        yield return Sync<CommandRejectedException>("EvaluatingCycle.DecideNoChange(\"fine as it is\", context)", w => w.EvaluatingCycle.DecideNoChange("fine as it is", w.CycleContext), CycleTrigger.DecideNoChange);
        yield return Sync<CommandRejectedException>("EvaluatingCycle.Complete(context)", w => w.EvaluatingCycle.Complete(w.CycleContext), CycleTrigger.Complete);
        yield return Sync<CommandRejectedException>("CompletedCycle.Pause(Strike, \"strike\", context)", w => w.CompletedCycle.Pause(ShockKind.Strike, "strike", w.CycleContext), CycleTrigger.Pause);
        yield return Sync<ArgumentOutOfRangeException>("ActingCycle.Pause((ShockKind)42, \"strike\", context)", w => w.ActingCycle.Pause((ShockKind)42, "strike", w.CycleContext), "shock");
        yield return Sync<InputLimitException>("ActingCycle.Pause(Strike, \"\\uDC00\", context)", w => w.ActingCycle.Pause(ShockKind.Strike, "\uDC00", w.CycleContext), InputRule.NotWellFormed);
        yield return Sync<CommandRejectedException>("ActingCycle.Resume(context) when not paused", w => w.ActingCycle.Resume(w.CycleContext), CycleTrigger.Resume);
        yield return Sync<CommandRejectedException>("CompletedCycle.Abandon(\"merged\", context)", w => w.CompletedCycle.Abandon("merged", w.CycleContext), CycleTrigger.Abandon);
        yield return Sync<InputLimitException>("ActingCycle.Abandon(\"   \", context)", w => w.ActingCycle.Abandon("   ", w.CycleContext), InputRule.Blank);
        yield return Sync<CommandRejectedException>("ActingCycle.StartNext(\"kilifi-2017b\", \"Focus\", context)", w => w.ActingCycle.StartNext(new CycleId("kilifi-2017b"), "Focus", w.CycleContext), CycleTrigger.StartNextCycle);
        yield return Sync<InputLimitException>("CompletedCycle.StartNext(\"kilifi-2015b\", \"Focus\\r\\nline two\", context)", w => w.CompletedCycle.StartNext(new CycleId("kilifi-2015b"), "Focus\r\nline two", w.CycleContext), InputRule.ControlCharacter);
    }

    private static IEnumerable<BadInputCase> LedgerCases()
    {
        static InsightRecording Recording(string statement, SiteId site) => new(new InsightId("I2"), site, statement, new LocalDate(2016, 3, 1))
        {
            Authors = [new MemberId("amina")],
            Source = InsightSourceKind.Meeting,
            SourceReference = "researcher reflection",
        };

        yield return Sync<InputLimitException>("Insight.Record(new InsightRecording(\"I2\", kilifi, \"\", 2016-03-01) { … }, stamp)", w => Insight.Record(Recording("", PaperSites.KilifiId), w.Stamp), InputRule.Blank);
        yield return Sync<ArgumentException>("Insight.Record(new InsightRecording(\"I2\", default(SiteId), \"fees\", 2016-03-01) { … }, stamp)", w => Insight.Record(Recording("fees", default), w.Stamp), "site");
        yield return Sync<ArgumentException>("Insight.Record(new InsightRecording(…) { Authors = [] }, stamp)", w => Insight.Record(Recording("fees", PaperSites.KilifiId) with { Authors = [] }, w.Stamp), "Authors");
        yield return Sync<ArgumentException>("Insight.Record(new InsightRecording(\"I2\", …) { BuildsOn = [\"I2\"] }, stamp)", w => Insight.Record(Recording("fees", PaperSites.KilifiId) with { BuildsOn = [new InsightId("I2")] }, w.Stamp), "BuildsOn");
        yield return Sync<CommandRejectedException>("Insight.Seed(PlannedActivity \"user-fee case study\" a second time, stamp)", w => w.Insight.Seed(new InsightSeed(SeedKind.PlannedActivity, "user-fee case study"), w.Stamp), InsightTrigger.Seed);
        yield return Sync<InputLimitException>("Insight.Seed(Question \"why\\0\", stamp)", w => w.Insight.Seed(new InsightSeed(SeedKind.Question, "why\0"), w.Stamp), InputRule.ControlCharacter);
        yield return Sync<CommandRejectedException>("Insight.Seed(Question \"who pays?\", stamp before it was recorded)", w => w.Insight.Seed(new InsightSeed(SeedKind.Question, "who pays?"), EarlyStamp), InsightTrigger.Seed);
        yield return Sync<InputLimitException>("Insight.Retract(\"  \", stamp)", w => w.Insight.Retract("  ", w.Stamp), InputRule.Blank);

        static EngagementRecording EngagementOf(string title, SiteId site) => new(new EngagementId("eng-2"), site, title, new LocalDate(2016, 6, 14), new HigherLevelEngagement(SystemLevel.DistrictOrCounty, "county health management team"))
        {
            Participants = [new EngagementParticipant(new MemberId("amina"), PaperSites.KilifiId)],
        };

        yield return Sync<InputLimitException>("WiderEngagement.Record(new EngagementRecording(\"eng-2\", kilifi, \"\", 2016-06-14, higher level) { … }, stamp)", w => WiderEngagement.Record(EngagementOf("", PaperSites.KilifiId), w.Stamp), InputRule.Blank);
        yield return Sync<ArgumentException>("WiderEngagement.Record(new EngagementRecording(\"eng-2\", default(SiteId), \"feedback\", …) { … }, stamp)", w => WiderEngagement.Record(EngagementOf("feedback", default), w.Stamp), "site");
        yield return Sync<ArgumentException>("WiderEngagement.Record(new EngagementRecording(…) { Participants = [] }, stamp)", w => WiderEngagement.Record(EngagementOf("feedback", PaperSites.KilifiId) with { Participants = [] }, w.Stamp), "Participants");
        yield return Sync<InputLimitException>("WiderEngagement.Record(new EngagementRecording(…) { Participants = [amina at kilifi, amina at sedibeng] }, stamp)", w => WiderEngagement.Record(EngagementOf("feedback", PaperSites.KilifiId) with { Participants = [new EngagementParticipant(new MemberId("amina"), PaperSites.KilifiId), new EngagementParticipant(new MemberId("amina"), PaperSites.SedibengId)] }, w.Stamp), InputRule.Repeated);
        yield return Sync<CommandRejectedException>("Engagement.AddEffort(new EffortEntry(sedibeng, Researcher, 4), stamp): a site not involved", w => w.Engagement.AddEffort(new EffortEntry(PaperSites.SedibengId, RoleKind.Researcher, 4m), w.Stamp), WiderEngagementTrigger.AddEffort);
        yield return Sync<ArgumentOutOfRangeException>("Engagement.AddEffort(new EffortEntry(kilifi, Researcher, 0), stamp)", w => w.Engagement.AddEffort(new EffortEntry(PaperSites.KilifiId, RoleKind.Researcher, 0m), w.Stamp), "personHours");
        yield return Sync<ArgumentException>("Engagement.AddCost(new CostEntry(kilifi, \"fuel\", 500 \"kes\"), stamp)", w => w.Engagement.AddCost(new CostEntry(PaperSites.KilifiId, "fuel", new Money(500m, new CurrencyCode("kes"))), w.Stamp), "value");
        yield return Sync<CommandRejectedException>("Engagement.AddCost(new CostEntry(kilifi, \"fuel\", 500 KES), stamp before it was recorded)", w => w.Engagement.AddCost(new CostEntry(PaperSites.KilifiId, "fuel", new Money(500m, CurrencyCode.KenyanShilling)), EarlyStamp), WiderEngagementTrigger.AddCost);
        yield return Sync<CommandRejectedException>("Engagement.LinkInsight(I1 a second time, stamp)", w => w.Engagement.LinkInsight(new InsightId("I1"), w.Stamp), WiderEngagementTrigger.LinkInsight);
        static OutputRecording OutputOf(string title, SiteId site, OutputKind kind = OutputKind.Presentation) => new(new OutputId("out-2"), site, kind, title, new LocalDate(2016, 11, 15))
        {
            Authors = [new OutputAuthor(new MemberId("amina"), RoleKind.Manager)],
        };

        yield return Sync<InputLimitException>("Output.Record(new OutputRecording(\"out-2\", kilifi, Presentation, \"\", 2016-11-15) { … }, stamp)", w => Output.Record(OutputOf("", PaperSites.KilifiId), w.Stamp), InputRule.Blank);
        yield return Sync<ArgumentException>("Output.Record(new OutputRecording(\"out-2\", default(SiteId), Presentation, \"Learning sites\", …) { … }, stamp)", w => Output.Record(OutputOf("Learning sites", default), w.Stamp), "site");
        yield return Sync<ArgumentOutOfRangeException>("Output.Record(new OutputRecording(\"out-2\", kilifi, (OutputKind)9, \"Learning sites\", …) { … }, stamp)", w => Output.Record(OutputOf("Learning sites", PaperSites.KilifiId, (OutputKind)9), w.Stamp), "kind");
        yield return Sync<ArgumentException>("Output.Record(new OutputRecording(…) { Authors = [] }, stamp)", w => Output.Record(OutputOf("Learning sites", PaperSites.KilifiId) with { Authors = [] }, w.Stamp), "Authors");
        yield return Sync<CommandRejectedException>("Output.LinkInsight(I1 a second time, stamp)", w => w.Output.LinkInsight(new InsightId("I1"), w.Stamp), OutputTrigger.LinkInsight);
        yield return Sync<CommandRejectedException>("Output.LinkInsight(\"I3\", stamp before it was recorded)", w => w.Output.LinkInsight(new InsightId("I3"), EarlyStamp), OutputTrigger.LinkInsight);
        yield return Sync<InputLimitException>("Output.Retract(10,001 characters, stamp)", w => w.Output.Retract(TooLongText, w.Stamp), InputRule.TooLong);

        static ImpactRecording ImpactOf(string statement) => new(new ImpactId("imp-2"), PaperSites.KilifiId, statement, new LocalDate(2017, 1, 1))
        {
            Change = ImpactChange.Law,
            Level = SystemLevel.DistrictOrCounty,
            Evidence = "findings fed back to county policy-makers",
            ObservedBy = "Kilifi learning site research team",
        };

        yield return Sync<InputLimitException>("Impact.Record(new ImpactRecording(\"imp-2\", kilifi, \" \", 2017-01-01) { … }, stamp)", w => Impact.Record(ImpactOf(" "), w.Stamp), InputRule.Blank);
        yield return Sync<ArgumentOutOfRangeException>("Impact.Record(new ImpactRecording(…) { Change = (ImpactChange)9 }, stamp)", w => Impact.Record(ImpactOf("the Act") with { Change = (ImpactChange)9 }, w.Stamp), "Change");
        yield return Sync<InputLimitException>("Impact.Record(new ImpactRecording(…) { ObservedBy = \"research team \" }, stamp)", w => Impact.Record(ImpactOf("the Act") with { ObservedBy = "research team " }, w.Stamp), InputRule.Padded);
        yield return Sync<InputLimitException>("Impact.Record(new ImpactRecording(…) { Outputs = [out-1, out-1] }, stamp)", w => Impact.Record(ImpactOf("the Act") with { Outputs = [new OutputId("out-1"), new OutputId("out-1")] }, w.Stamp), InputRule.Repeated);
        yield return Sync<CommandRejectedException>("Impact.Corroborate(new Corroboration(\"minutes\", \"county assembly\") a second time, stamp)", w => w.Impact.Corroborate(new Corroboration("minutes", "county assembly"), w.Stamp), ImpactTrigger.Corroborate);
        yield return Sync<InputLimitException>("Impact.Corroborate(new Corroboration(\"\", \"county assembly\"), stamp)", w => w.Impact.Corroborate(new Corroboration("", "county assembly"), w.Stamp), InputRule.Blank);
        yield return Sync<CommandRejectedException>("Impact.Retract(\"attributed elsewhere\", stamp before it was claimed)", w => w.Impact.Retract("attributed elsewhere", EarlyStamp), ImpactTrigger.Retract);
        yield return Sync<InputLimitException>("Engagement.Retract(\"\\t\", stamp)", w => w.Engagement.Retract("\t", w.Stamp), InputRule.Blank);
    }

    private static IEnumerable<BadInputCase> EthicsCases()
    {
        yield return Sync<InputLimitException>("EthicalDilemma.Raise(new DilemmaRaising(\"E2\", kilifi, \"\"), stamp)", w => EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E2"), PaperSites.KilifiId, ""), w.Stamp), InputRule.Blank);
        yield return Sync<ArgumentException>("EthicalDilemma.Raise(new DilemmaRaising(\"E2\", default(SiteId), \"consent\"), stamp)", w => EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E2"), default, "consent"), w.Stamp), "site");
        yield return Sync<InputLimitException>("Dilemma.Discuss(\"notes\\0\", stamp)", w => w.Dilemma.Discuss("notes\0", w.Stamp), InputRule.ControlCharacter);
        yield return Sync<CommandRejectedException>("Dilemma.Discuss(\"notes\", stamp before it was raised)", w => w.Dilemma.Discuss("notes", EarlyStamp), DilemmaTrigger.Discuss);
        yield return Sync<InputLimitException>("Dilemma.Resolve(\"\", stamp)", w => w.Dilemma.Resolve("", w.Stamp), InputRule.Blank);
        yield return Sync<InputLimitException>("Dilemma.Escalate(\"ethics\\ncommittee\", stamp)", w => w.Dilemma.Escalate("ethics\ncommittee", w.Stamp), InputRule.ControlCharacter);
        yield return Sync<ArgumentException>("Dilemma.Escalate(\"ethics committee\", stamp, amendment: default(AmendmentId))", w => w.Dilemma.Escalate("ethics committee", w.Stamp, default(AmendmentId)), "amendment");
        var activity = new ResearchActivity("facility financing interviews", DataCollectionMethod.Interview, RespondentGroup.FacilityManagers, PaperSites.KilifiId, new LocalDate(2017, 5, 24));
        yield return Sync<InputLimitException>("ProtocolDeviation.Record(new DeviationRecording(\"D2\", financing interviews, \"\", 2017-05-29), DraftProtocol, context)", w => ProtocolDeviation.Record(new DeviationRecording(new DeviationId("D2"), activity, "", new LocalDate(2017, 5, 29)), w.DraftProtocol, w.ProtocolContext), InputRule.Blank);
        yield return Sync<ArgumentNullException>("ProtocolDeviation.Record(new DeviationRecording(\"D2\", financing interviews, \"early\", 2017-05-29), protocol: null, context)", w => ProtocolDeviation.Record(new DeviationRecording(new DeviationId("D2"), activity, "early", new LocalDate(2017, 5, 29)), null!, w.ProtocolContext), "protocol");
        yield return Sync<ArgumentNullException>("ProtocolDeviation.RecordOutsideApproval(\"D2\", cycle: null, …)", w => ProtocolDeviation.RecordOutsideApproval(new DeviationId("D2"), null!, null!, w.DraftProtocol, new LocalDate(2017, 5, 29), w.ProtocolContext), "cycle");
        yield return Sync<CommandRejectedException>("Deviation.Report(2017-05-28 before its discovery, \"SERU/DEV/1\", stamp)", w => w.Deviation.Report(new LocalDate(2017, 5, 28), "SERU/DEV/1", w.Stamp), DeviationTrigger.Report);
        yield return Sync<InputLimitException>("Deviation.Report(2017-06-01, \"  \", stamp)", w => w.Deviation.Report(new LocalDate(2017, 6, 1), "  ", w.Stamp), InputRule.Blank);
        yield return Sync<CommandRejectedException>("Deviation.Close(\"done\", stamp) before it was reported", w => w.Deviation.Close("done", w.Stamp), DeviationTrigger.Close);
        yield return Sync<InputLimitException>("Deviation.Close(\"\\uD800\", stamp)", w => w.Deviation.Close("\uD800", w.Stamp), InputRule.NotWellFormed);
    }

    private static IEnumerable<BadInputCase> MeetingCases()
    {
        var attended = new MeetingAttendance([new MemberId("amina")]);
        var held = new Stamp(Plans.Utc(2016, 3, 15, 13), Actor.Member(new MemberId("amina")));
        yield return Sync<InputLimitException>("MeetingSeries.Plan(new MeetingSeriesPlan(title: \"\"), stamp)", w => MeetingSeries.Plan(new MeetingSeriesPlan(new SeriesId("s2"), MeetingKind.ResearcherReflection, "", PaperSites.KilifiId, Nairobi, new LocalTime(14, 0), Duration.FromHours(2), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31), [new MemberId("amina")], Cadence.Monthly(15), LocalTimeResolution.ShiftForwardOrEarlier), w.Stamp), InputRule.Blank);
        yield return Sync<ArgumentException>("MeetingSeries.Plan(Plan(\"s2\", monthly, first 2016-12-31, last 2016-01-01), stamp)", w => MeetingSeries.Plan(Plans.Plan("s2", Cadence.Monthly(15), new LocalDate(2016, 12, 31), new LocalDate(2016, 1, 1)), w.Stamp));
        yield return Sync<CadenceLinkException>("MeetingSeries.Plan(Plan(\"s2\", Cadence.Before(\"s2\", 1)), stamp) linked to itself", w => MeetingSeries.Plan(Plans.Plan("s2", Cadence.Before(new SeriesId("s2"), 1), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31)), w.Stamp));
        yield return Sync<CommandRejectedException>("Series.RecordHeld(march, new MeetingAttendance([]), stamp)", w => w.Series.RecordHeld(BadInputWorld.March, new MeetingAttendance([]), held), OccurrenceTrigger.Hold);
        yield return Sync<CommandRejectedException>("Series.RecordHeld(march, [amina], stamp before the meeting starts)", w => w.Series.RecordHeld(BadInputWorld.March, attended, new Stamp(Plans.Utc(2016, 3, 1), held.By)), OccurrenceTrigger.Hold);
        yield return Sync<InputLimitException>("Series.RecordHeld(march, new MeetingAttendance([amina]) { Note = \"\\0\" }, stamp)", w => w.Series.RecordHeld(BadInputWorld.March, attended with { Note = "\0" }, held), InputRule.ControlCharacter);
        yield return Sync<InputLimitException>("Series.RecordMissed(march, \"\", stamp)", w => w.Series.RecordMissed(BadInputWorld.March, "", w.Stamp), InputRule.Blank);
        yield return Sync<InputLimitException>("Series.Cancel(march, 10,001 characters, stamp)", w => w.Series.Cancel(BadInputWorld.March, TooLongText, w.Stamp), InputRule.TooLong);
        yield return Sync<CommandRejectedException>("Series.Cancel(march, \"strike\", stamp before the series was planned)", w => w.Series.Cancel(BadInputWorld.March, "strike", EarlyStamp), OccurrenceTrigger.Cancel);
        yield return Sync<InputLimitException>("Series.Reschedule(march, 2016-03-16T14:00, \"\\u001b\", stamp)", w => w.Series.Reschedule(BadInputWorld.March, new LocalDateTime(2016, 3, 16, 14, 0), "\u001b", w.Stamp), InputRule.ControlCharacter);
        yield return Sync<CommandRejectedException>("Series.Reschedule(march, 2016-03-15T14:00 its own start, \"same\", stamp)", w => w.Series.Reschedule(BadInputWorld.March, new LocalDateTime(2016, 3, 15, 14, 0), "same", w.Stamp), OccurrenceTrigger.Reschedule);
    }
}
