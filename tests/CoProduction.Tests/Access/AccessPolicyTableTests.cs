using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Access;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Programmes;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Tests.Cycles;
using NodaTime;

namespace CoProduction.Tests.Access;

/// <summary>Every command (each aggregate's creation and each trigger) × every kind of actor, under the default policy: allowed or denied, with the reason.</summary>
public sealed class AccessPolicyTableTests
{
    private static readonly SiteId Kilifi = new("kilifi");
    private static readonly SiteId Other = new("mitchells-plain");
    private static readonly ProgrammeId Resyst = new("resyst");
    private static readonly CommitteeId Kemri = new("kemri-seru");
    private static readonly Instant At = new LocalDateTime(2016, 3, 1, 9, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Africa/Nairobi"]).ToInstant();

    /// <summary>The kinds of actor in the table, each with the actor that plays it.</summary>
    private static readonly Dictionary<string, Actor> Roles = new()
    {
        ["site researcher"] = Actor.Member(new MemberId("benjamin")),
        ["site manager (the endorser)"] = Actor.Member(new MemberId("county-chmt-lead")),
        ["site health worker"] = Actor.Member(new MemberId("nurse-amina")),
        ["former manager"] = Actor.Member(new MemberId("former-dhmo")),
        ["researcher of another site"] = Actor.Member(new MemberId("mp-researcher")),
        ["principal investigator"] = Actor.Member(new MemberId("pi-sassy")),
        ["committee reviewer"] = Actor.Named("kemri-serc-office"),
        ["former committee reviewer"] = Actor.Named("kemri-serc-2012"),
        ["administrator"] = Actor.Named("research-office"),
        ["programme lead"] = Actor.Member(new MemberId("resyst-lead")),
        ["cross-site researcher"] = Actor.Member(new MemberId("resyst-researcher")),
        ["endorsement delegate"] = Actor.Named("chmt-secretary"),
        ["system"] = Actor.System,
        ["outsider"] = Actor.Named("someone"),
    };

    /// <summary>The table: who each rule allows (every other role is denied).</summary>
    private static readonly Dictionary<AccessRule, string[]> Allowed = new()
    {
        [AccessRule.SiteTeam] = ["site researcher", "site manager (the endorser)", "programme lead", "cross-site researcher"],
        [AccessRule.SiteResearcher] = ["site researcher", "programme lead", "cross-site researcher"],
        [AccessRule.EndorsingMember] = ["site manager (the endorser)", "endorsement delegate"],
        [AccessRule.PrincipalInvestigator] = ["principal investigator"],
        [AccessRule.Committee] = ["committee reviewer"],
        [AccessRule.ProtocolParties] = ["principal investigator", "committee reviewer"],
        [AccessRule.SiteAdministration] = ["administrator", "site researcher", "site manager (the endorser)", "programme lead", "cross-site researcher"],
        [AccessRule.Administration] = ["administrator"],
        [AccessRule.System] = ["system"],
    };

    public static TheoryData<string> Permissions => [.. Permission.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Permissions))]
    public void Each_command_is_allowed_to_the_roles_its_rule_names_and_denied_to_every_other_with_the_reason(string name)
    {
        var permission = Permission.All.Single(p => p.Name == name);
        var target = TargetFor(permission);
        var allowed = Allowed[permission.Rule].ToHashSet();
        if (permission.Aggregate == Programme.StreamCategory)
        {
            allowed.Add("programme lead");  // a programme's own commands are its lead's too
        }

        foreach (var (role, actor) in Roles)
        {
            var decision = AccessPolicy.Default.Decide(new AccessRequest(actor, permission, target, At), Facts());
            Assert.True(decision.IsAllowed == allowed.Contains(role), $"{name} by the {role} ({actor}): expected {(allowed.Contains(role) ? "allowed" : "denied")}, got {(decision.IsAllowed ? "allowed" : "denied")} because {decision.Reason}.");
            Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
            if (!decision.IsAllowed)
            {
                Assert.Equal(AccessPolicy.Describe(permission.Rule, target), decision.AllowedRoles);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Permissions))]
    public void A_command_whose_events_name_another_actor_than_its_own_is_denied_even_to_an_allowed_actor(string name)
    {
        var permission = Permission.All.Single(p => p.Name == name);
        var recordedAs = Allowed[permission.Rule][0];
        var request = new AccessRequest(Roles[recordedAs], permission, TargetFor(permission), At) { GivenBy = Roles["outsider"] };

        var decision = AccessPolicy.Default.Decide(request, Facts());

        Assert.True(AccessPolicy.Default.Decide(request with { GivenBy = null }, Facts()).IsAllowed);
        Assert.False(decision.IsAllowed);
        Assert.Contains("named:someone records what it decided as done by", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_trigger_of_every_aggregate_and_every_creation_names_a_permission()
    {
        var triggers = Enum.GetValues<CycleTrigger>().Length + Enum.GetValues<ProtocolTrigger>().Length + Enum.GetValues<AmendmentTrigger>().Length
            + Enum.GetValues<SiteTrigger>().Length + Enum.GetValues<ProgrammeTrigger>().Length + Enum.GetValues<OccurrenceTrigger>().Length
            + Enum.GetValues<DeviationTrigger>().Length + Enum.GetValues<DilemmaTrigger>().Length
            + Enum.GetValues<CoProduction.Ledger.InsightTrigger>().Length + Enum.GetValues<CoProduction.Ledger.WiderEngagementTrigger>().Length
            + Enum.GetValues<CoProduction.Ledger.OutputTrigger>().Length + Enum.GetValues<CoProduction.Ledger.ImpactTrigger>().Length;
        Assert.Equal(triggers + 12, Permission.All.Count);
        Assert.Equal(Permission.All.Count, Permission.All.Select(p => p.Name).Distinct().Count());
        Assert.Throws<ArgumentException>(() => Permission.For(DayOfWeek.Monday));
        Assert.Throws<ArgumentException>(() => Permission.ForCreation("invoice"));
    }

    [Fact]
    public void The_papers_defaults_pin_the_rules_of_the_commands_the_issue_names()
    {
        Assert.Equal(AccessRule.EndorsingMember, Permission.For(CycleTrigger.EndorsePlan).Rule);
        Assert.Equal(AccessRule.SiteTeam, Permission.For(CycleTrigger.StartActing).Rule);
        Assert.Equal(AccessRule.SiteTeam, Permission.ForCreation(Cycle.StreamCategory).Rule);
        foreach (var review in new[] { ProtocolTrigger.StartReview, ProtocolTrigger.RequestChanges, ProtocolTrigger.Approve, ProtocolTrigger.Reject, ProtocolTrigger.Suspend, ProtocolTrigger.Reinstate })
        {
            Assert.Equal(AccessRule.Committee, Permission.For(review).Rule);
        }

        foreach (var own in new[] { ProtocolTrigger.Submit, ProtocolTrigger.Revise, ProtocolTrigger.DraftAmendment, ProtocolTrigger.Renew, ProtocolTrigger.Withdraw, ProtocolTrigger.Close })
        {
            Assert.Equal(AccessRule.PrincipalInvestigator, Permission.For(own).Rule);
        }

        Assert.Equal(AccessRule.System, Permission.For(ProtocolTrigger.ObserveExpiry).Rule);
        Assert.Equal(AccessRule.PrincipalInvestigator, Permission.For(ProtocolTrigger.RecordConsent).Rule);
        Assert.Equal(AccessRule.ProtocolParties, Permission.For(ProtocolTrigger.WithdrawConsent).Rule);
        Assert.Equal("cycle.EndorsePlan", Permission.For(CycleTrigger.EndorsePlan).Name);
    }

    [Fact]
    public void Roles_are_read_on_the_day_at_the_site_so_a_manager_who_left_and_a_reviewer_whose_tenure_ended_are_denied()
    {
        var startActing = Permission.For(CycleTrigger.StartActing);
        var target = TargetFor(startActing);
        var before = AccessPolicy.Default.Decide(new AccessRequest(Roles["former manager"], startActing, target, Instant.FromUtc(2013, 3, 1, 6, 0)), Facts());
        var after = AccessPolicy.Default.Decide(new AccessRequest(Roles["former manager"], startActing, target, At), Facts());

        Assert.True(before.IsAllowed, before.Reason);
        Assert.False(after.IsAllowed);
        Assert.Contains("no researcher or manager role at site 'kilifi' on 2016-03-01", after.Reason, StringComparison.Ordinal);

        var approve = Permission.For(ProtocolTrigger.Approve);
        var in2012 = AccessPolicy.Default.Decide(new AccessRequest(Roles["former committee reviewer"], approve, TargetFor(approve), Instant.FromUtc(2012, 6, 1, 6, 0)), Facts());
        Assert.True(in2012.IsAllowed, in2012.Reason);
    }

    [Fact]
    public void The_system_name_is_reserved_and_no_app_actor_equals_the_system()
    {
        var ex = Assert.Throws<ArgumentException>(() => Actor.Named("system"));
        Assert.Contains("reserved", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Actor.Named("SYSTEM"));
        Assert.True(Actor.System.IsSystem);
        Assert.False(Actor.Named("system-office").IsSystem);
        Assert.Equal(Actor.System, Actor.Parse(Actor.System.ToString()));
        Assert.Throws<ArgumentException>(() => new AccessFacts(new TestRoster(), DateTimeZoneProviders.Tzdb, CommitteeRoster.Empty, ProgrammeRoster.Empty, [Actor.System], []));
        Assert.Throws<ArgumentException>(() => new CommitteeRoster([new CommitteeReviewer(Kemri, Actor.System, new LocalDate(2012, 1, 1))]));
    }

    private static AccessTarget TargetFor(Permission permission)
    {
        var target = new AccessTarget($"{permission.Aggregate} 'under-test'", [Kilifi])
        {
            PrincipalInvestigator = Roles["principal investigator"],
            Committee = Kemri,
            Endorser = new MemberId("county-chmt-lead"),
        };
        return permission.Aggregate == Programme.StreamCategory ? target with { Programme = Resyst } : target;
    }

    private static AccessFacts Facts()
    {
        var roster = new TestRoster()
            .Register(Kilifi, "Africa/Nairobi")
            .Register(Other, "Africa/Johannesburg")
            .Add(Kilifi, new MemberId("benjamin"), MemberRole.Researcher, new LocalDate(2012, 1, 1))
            .Add(Kilifi, new MemberId("county-chmt-lead"), MemberRole.Manager(ManagementLevel.County, Seniority.Senior), new LocalDate(2013, 3, 1))
            .Add(Kilifi, new MemberId("nurse-amina"), new MemberRole(RoleKind.HealthWorker), new LocalDate(2012, 1, 1))
            .Add(Kilifi, new MemberId("former-dhmo"), MemberRole.Manager(ManagementLevel.District, Seniority.Senior), new LocalDate(2012, 1, 1), new LocalDate(2013, 3, 3))
            .Add(Other, new MemberId("mp-researcher"), MemberRole.Researcher, new LocalDate(2012, 1, 1));
        var committees = new CommitteeRoster(
        [
            new CommitteeReviewer(Kemri, Actor.Named("kemri-serc-office"), new LocalDate(2014, 1, 1)),
            new CommitteeReviewer(Kemri, Actor.Named("kemri-serc-2012"), new LocalDate(2012, 1, 1), new LocalDate(2013, 12, 31)),
        ]);
        var programmes = new ProgrammeRoster(
            [
                new ProgrammeRoleHolder(Resyst, new MemberId("resyst-lead"), ProgrammeRole.Lead, new LocalDate(2011, 1, 1)),
                new ProgrammeRoleHolder(Resyst, new MemberId("resyst-researcher"), ProgrammeRole.CrossSiteResearcher, new LocalDate(2011, 1, 1)),
            ],
            [new(Resyst, [Kilifi, Other])]);
        return new AccessFacts(
            roster,
            DateTimeZoneProviders.Tzdb,
            committees,
            programmes,
            [Actor.Named("research-office")],
            [new EndorsementDelegate(Actor.Named("chmt-secretary"), new MemberId("county-chmt-lead"))]);
    }
}
