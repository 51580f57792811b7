using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Access;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Ledger;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CoProduction.Samples.Board;

/// <summary>
/// The paper's three learning sites (Table 1: Kilifi County, Kenya; Mitchell's Plain sub-district and Sedibeng
/// district, South Africa), with the teams of the LearningSite sample, one approved protocol, a researcher-reflection series and one open cycle per site. Every command has a fixed id, so a second start records nothing twice.
/// </summary>
internal static class Seed
{
    public static CommitteeId Kemri { get; } = new("kemri-seru");

    /// <summary>The Human Research Ethics Committee of the University of Cape Town (Mitchell's Plain's protocol).</summary>
    public static CommitteeId Uct { get; } = new("uct-hrec");

    /// <summary>The Human Research Ethics Committee of the University of the Witwatersrand (Sedibeng's protocol).</summary>
    public static CommitteeId Wits { get; } = new("wits-hrec");

    /// <summary>Each committee with its policy and its one reviewer (an actor named like the committee), from 2010.</summary>
    public static IReadOnlyList<(CommitteeId Committee, CommitteePolicy Policy, Actor Reviewer)> Committees { get; } =
    [
        (Kemri, CommitteePolicies.KenyaNationalCommittee, Actor.Named("kemri-seru")),
        (Uct, CommitteePolicies.SouthAfricanUniversityCommittee, Actor.Named("uct-hrec")),
        (Wits, CommitteePolicies.SouthAfricanUniversityCommittee, Actor.Named("wits-hrec")),
    ];

    /// <summary>The date from which each committee's reviewer may decide.</summary>
    public static LocalDate ReviewersFrom { get; } = new(2010, 1, 1);

    /// <summary>The roster the pages use to show committee forms only to committee reviewers (the library checks it again behind every command).</summary>
    public static CommitteeRoster Roster { get; } = new(Committees.Select(c => new CommitteeReviewer(c.Committee, c.Reviewer, ReviewersFrom, null)));

    /// <summary>
    /// The sites' protocols as Table 1 describes them: Kilifi's second protocol on the micro-practices of governance
    /// (observation, document review and interviews with county, sub-county and facility managers); Mitchell's Plain's
    /// original action-learning protocol (observation, document review, interviews and reflective practice discussions);
    /// Sedibeng's protocol (interviews, document review and observations with district managers). None covers journaling:
    /// a plan that needs it is stopped by the ethics gate until the protocol is amended.
    /// </summary>
    /// <summary>Each site's lead researcher, who drafts and submits its protocol.</summary>
    private static readonly Dictionary<SiteId, MemberId> LeadResearchers = new()
    {
        [new SiteId("kilifi")] = new MemberId("ke-lead-researcher"),
        [new SiteId("mitchells-plain")] = new MemberId("mp-lead-researcher"),
        [new SiteId("sedibeng")] = new MemberId("sb-lead-researcher"),
    };

    public static IReadOnlyList<ProtocolDraft> Protocols { get; } =
    [
        new(new ProtocolId("KWTRP-2"), "Micro-practices of governance at sub-national level", Kemri,
            new ProtocolScope([DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview],
                [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers, RespondentGroup.FacilityManagers], [new SiteId("kilifi")]))
        { Institution = "KEMRI-Wellcome Trust Research Programme" },
        new(new ProtocolId("DIALHS-1"), "District Innovation and Action Learning for Health Systems development", Uct,
            new ProtocolScope([DataCollectionMethod.Observation, DataCollectionMethod.DocumentReview, DataCollectionMethod.Interview, DataCollectionMethod.ReflectivePracticeDiscussion],
                [RespondentGroup.SubDistrictManagers, RespondentGroup.FacilityManagers], [new SiteId("mitchells-plain")]))
        { Institution = "University of Cape Town" },
        new(new ProtocolId("CHP-SB-1"), "District management and staff performance management in Sedibeng", Wits,
            new ProtocolScope([DataCollectionMethod.Interview, DataCollectionMethod.DocumentReview, DataCollectionMethod.Observation],
                [RespondentGroup.DistrictManagers, RespondentGroup.SubDistrictManagers], [new SiteId("sedibeng")]))
        { Institution = "Centre for Health Policy, University of the Witwatersrand" },
    ];

    public static Actor Coordinator { get; } = Actor.Named("resyst-coordinator");

    public static async Task RunAsync(IServiceProvider root, CancellationToken ct = default)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sites = services.GetRequiredService<IAggregateCommands<LearningSite>>();
        var protocols = services.GetRequiredService<IAggregateCommands<Protocol>>();
        var drafts = services.GetRequiredService<ProtocolCommands>();
        var cycles = services.GetRequiredService<CycleCommands>();
        var zones = services.GetRequiredService<IDateTimeZoneProvider>();
        var clock = services.GetRequiredService<IClock>();
        var meetings = services.GetRequiredService<IAggregateCommands<MeetingSeries>>();

        await Site(sites, new SiteRegistration(new SiteId("kilifi"), "Kilifi County", CountryCode.Kenya, zones["Africa/Nairobi"])
        {
            Level = SiteLevel.County, EngagedSinceYear = 2000, PartnerInstitutions = ["KEMRI-Wellcome Trust Research Programme"],
        }, site =>
        {
            return
            [
                (new MemberId("ke-lead-researcher"), "Lead researcher (Kilifi)", MemberRole.Researcher, new LocalDate(2012, 1, 1), true),
                (new MemberId("ke-health-director"), "County health director", MemberRole.Manager(ManagementLevel.County, Seniority.Senior), new LocalDate(2013, 3, 27), true),
                (new MemberId("ke-subcounty-manager"), "Sub-county manager", MemberRole.Manager(ManagementLevel.SubDistrict, Seniority.Middle), new LocalDate(2012, 6, 1), false),
            ];
        }, ct);
        await Site(sites, new SiteRegistration(new SiteId("mitchells-plain"), "Mitchell's Plain", CountryCode.SouthAfrica, zones["Africa/Johannesburg"])
        {
            Level = SiteLevel.SubDistrict, EngagedSinceYear = 2010,
            PartnerInstitutions = ["School of Public Health and Family Medicine, University of Cape Town", "School of Public Health, University of the Western Cape"],
        }, site =>
        [
            (new MemberId("mp-lead-researcher"), "Lead researcher (Mitchell's Plain)", MemberRole.Researcher, new LocalDate(2010, 3, 1), true),
            (new MemberId("mp-subdistrict-manager"), "Sub-district manager", MemberRole.Manager(ManagementLevel.SubDistrict, Seniority.Senior), new LocalDate(2010, 3, 1), true),
            (new MemberId("mp-facility-manager"), "Facility manager", MemberRole.Manager(ManagementLevel.Facility, Seniority.Middle), new LocalDate(2012, 1, 1), false),
        ], ct);
        await Site(sites, new SiteRegistration(new SiteId("sedibeng"), "Sedibeng", CountryCode.SouthAfrica, zones["Africa/Johannesburg"])
        {
            Level = SiteLevel.District, EngagedSinceYear = 2008, PartnerInstitutions = ["Centre for Health Policy, University of the Witwatersrand"],
        }, site =>
        [
            (new MemberId("sb-lead-researcher"), "Lead researcher (Sedibeng)", MemberRole.Researcher, new LocalDate(2012, 1, 1), true),
            (new MemberId("sb-district-manager"), "District manager", MemberRole.Manager(ManagementLevel.District, Seniority.Senior), new LocalDate(2012, 1, 1), false),
            (new MemberId("sb-subdistrict-manager"), "Sub-district manager (Emfuleni)", MemberRole.Manager(ManagementLevel.SubDistrict, Seniority.Middle), new LocalDate(2014, 1, 1), false),
        ], ct);

        // One protocol per site, each approved by its committee thirty days before the first start.
        var today = clock.GetCurrentInstant().InZone(zones["Africa/Nairobi"]).Date;
        foreach (var protocol in Protocols)
        {
            await ApproveAsync(drafts, protocols, protocol, today.PlusDays(-30), ct);
        }

        foreach (var series in ReflectionSeries(zones, today))
        {
            await meetings.CreateAsync(ctx => MeetingSeries.Plan(series, ctx.Stamp), new CommandId($"seed/{series.Series}/plan"),
                Actor.Member(series.ExpectedAttendees[0]), ct);
        }

        // Kilifi's ledger (Box 3): the user-fee findings, fed back to county policy-makers, and the Act that followed.
        var ledgerInsights = services.GetRequiredService<IAggregateCommands<Insight>>();
        var engagements = services.GetRequiredService<IAggregateCommands<WiderEngagement>>();
        var impacts = services.GetRequiredService<IAggregateCommands<Impact>>();
        var kilifiLead = new MemberId("ke-lead-researcher");
        await ledgerInsights.CreateAsync(ctx => Insight.Record(new InsightRecording(new InsightId("kilifi-user-fees"), new SiteId("kilifi"),
            "District hospitals rely on user fees, and devolution's finance laws took away their autonomy over them", new LocalDate(2013, 8, 20))
        {
            Authors = [kilifiLead], Source = InsightSourceKind.CycleReflection, SourceReference = "kilifi-2013", Themes = ["hospital financing"],
        }, ctx.Stamp), new CommandId("seed/ledger/kilifi-user-fees"), Actor.Member(kilifiLead), ct);
        await engagements.CreateAsync(ctx => WiderEngagement.Record(new EngagementRecording(new EngagementId("kilifi-user-fee-feedback"), new SiteId("kilifi"),
            "Findings on hospital user fees fed back to county policy-makers", new LocalDate(2014, 10, 14), new HigherLevelEngagement(SystemLevel.DistrictOrCounty, "Kilifi county policy-makers"))
        {
            Participants = [new EngagementParticipant(kilifiLead, new SiteId("kilifi")), new EngagementParticipant(new MemberId("ke-health-director"), new SiteId("kilifi"))],
            Insights = [new InsightId("kilifi-user-fees")],
        }, ctx.Stamp), new CommandId("seed/ledger/kilifi-user-fee-feedback"), Actor.Member(kilifiLead), ct);
        await impacts.CreateAsync(ctx => Impact.Record(new ImpactRecording(new ImpactId("kilifi-fif-act"), new SiteId("kilifi"),
            "The Kilifi Health Sector Facility Improvement Fund Act returns the use and management of user fees to the hospitals", new LocalDate(2017, 3, 1))
        {
            Change = ImpactChange.Law, Level = SystemLevel.DistrictOrCounty,
            Evidence = "The findings on hospital user fees were fed back to county policy-makers before the Act was enacted", ObservedBy = "Kilifi learning site team",
            Engagements = [new EngagementId("kilifi-user-fee-feedback")], Insights = [new InsightId("kilifi-user-fees")],
        }, ctx.Stamp), new CommandId("seed/ledger/kilifi-fif-act"), Actor.Member(kilifiLead), ct);

        // One open cycle per site, in Planning.
        await cycles.StartAsync(new CycleOpening(new CycleId("kilifi-1"), new SiteId("kilifi"), 1, "Budget decisions after devolution"),
            new CommandId("seed/kilifi-1/start"), Actor.Member(new MemberId("ke-lead-researcher")), ct);
        await cycles.StartAsync(new CycleOpening(new CycleId("mitchells-plain-1"), new SiteId("mitchells-plain"), 1, "Facility managers' everyday leadership"),
            new CommandId("seed/mitchells-plain-1/start"), Actor.Member(new MemberId("mp-lead-researcher")), ct);
        await cycles.StartAsync(new CycleOpening(new CycleId("sedibeng-1"), new SiteId("sedibeng"), 1, "Leadership development with district managers"),
            new CommandId("seed/sedibeng-1/start"), Actor.Member(new MemberId("sb-lead-researcher")), ct);
    }

    private static async Task ApproveAsync(ProtocolCommands drafts, IAggregateCommands<Protocol> protocols, ProtocolDraft draft, LocalDate approvedOn, CancellationToken ct)
    {
        var (_, policy, committee) = Committees.Single(c => c.Committee == draft.Committee);
        var lead = Actor.Member(LeadResearchers[draft.Scope.Sites[0]]);
        var id = draft.Id;
        await drafts.DraftAsync(draft with { DraftedOn = approvedOn.PlusDays(-30) }, new CommandId($"seed/{id}/draft"), lead, ct);
        await protocols.ExecuteAsync(id, (p, c) => p.Submit(c.Stamp), new CommandId($"seed/{id}/submit"), lead, ct);
        await protocols.ExecuteAsync(id, (p, c) => p.StartReview(c.Stamp), new CommandId($"seed/{id}/review"), committee, ct);
        await protocols.ExecuteAsync(id, (p, c) => p.Approve(approvedOn, policy.ApprovalPeriodFrom(approvedOn), c.Stamp),
            new CommandId($"seed/{id}/approve"), committee, ct);
    }

    /// <summary>Researcher reflections at each site: Kilifi every two months, Mitchell's Plain and Sedibeng monthly, from two months ago for a year.</summary>
    private static IEnumerable<MeetingSeriesPlan> ReflectionSeries(IDateTimeZoneProvider zones, LocalDate today)
    {
        var first = today.PlusMonths(-2);
        yield return new MeetingSeriesPlan(new SeriesId("kilifi-researcher-reflections"), MeetingKind.ResearcherReflection, "Researcher reflection (Kilifi)",
            new SiteId("kilifi"), zones["Africa/Nairobi"], new LocalTime(14, 0), Duration.FromHours(2), first, first.PlusYears(1),
            [new MemberId("ke-lead-researcher")], Cadence.EveryMonths(2, 15));
        yield return new MeetingSeriesPlan(new SeriesId("mitchells-plain-researcher-reflections"), MeetingKind.ResearcherReflection, "Researcher reflection (Mitchell's Plain)",
            new SiteId("mitchells-plain"), zones["Africa/Johannesburg"], new LocalTime(10, 0), Duration.FromHours(2), first, first.PlusYears(1),
            [new MemberId("mp-lead-researcher")], Cadence.Monthly(10));
        yield return new MeetingSeriesPlan(new SeriesId("sedibeng-researcher-reflections"), MeetingKind.ResearcherReflection, "Researcher reflection (Sedibeng)",
            new SiteId("sedibeng"), zones["Africa/Johannesburg"], new LocalTime(9, 0), Duration.FromHours(2), first, first.PlusYears(1),
            [new MemberId("sb-lead-researcher")], Cadence.Monthly(20));
    }

    private static async Task Site(
        IAggregateCommands<LearningSite> sites,
        SiteRegistration registration,
        Func<SiteRegistration, (MemberId Member, string Name, MemberRole Role, LocalDate On, bool Core)[]> team,
        CancellationToken ct)
        => await sites.CreateAsync(ctx =>
        {
            var site = LearningSite.Register(registration, ctx.Stamp);
            foreach (var (member, name, role, on, core) in team(registration))
            {
                site.AddMember(member, name, ctx.Stamp);
                site.JoinRole(member, role, on, ctx.Stamp);
                if (core)
                {
                    site.MarkCore(member, ctx.Stamp);
                }
            }

            return site;
        }, new CommandId($"seed/{registration.Id}/register"), Coordinator, ct);
}
