using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CoProduction.Samples.Board;

/// <summary>
/// The paper's three learning sites (Table 1: Kilifi County, Kenya; Mitchell's Plain sub-district and Sedibeng
/// district, South Africa), with the teams of the LearningSite sample, a Kilifi protocol approved by KEMRI's
/// committee and one open cycle per site. Every command has a fixed id, so a second start records nothing twice.
/// </summary>
internal static class Seed
{
    public static CommitteeId Kemri { get; } = new("kemri-seru");

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

        // Kilifi's protocol: interviews with district managers, approved by KEMRI's committee for a year.
        var lead = Actor.Member(new MemberId("ke-lead-researcher"));
        var committee = Actor.Named("kemri-seru");
        var protocol = new ProtocolId("KWTRP-2");
        var approvedOn = clock.GetCurrentInstant().InZone(zones["Africa/Nairobi"]).Date.PlusDays(-30);
        var scope1 = new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [new SiteId("kilifi")]);
        await drafts.DraftAsync(
            new ProtocolDraft(protocol, "Micro-practices of governance", Kemri, scope1) { Institution = "KEMRI-Wellcome Trust", DraftedOn = approvedOn.PlusDays(-30) },
            new CommandId("seed/kwtrp-2/draft"), lead, ct);
        await protocols.ExecuteAsync(protocol, (p, c) => p.Submit(c.Stamp), new CommandId("seed/kwtrp-2/submit"), lead, ct);
        await protocols.ExecuteAsync(protocol, (p, c) => p.StartReview(c.Stamp), new CommandId("seed/kwtrp-2/review"), committee, ct);
        await protocols.ExecuteAsync(protocol,
            (p, c) => p.Approve(approvedOn, CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(approvedOn), c.Stamp),
            new CommandId("seed/kwtrp-2/approve"), committee, ct);

        // One open cycle per site, in Planning.
        await cycles.StartAsync(new CycleOpening(new CycleId("kilifi-1"), new SiteId("kilifi"), 1, "Budget decisions after devolution"),
            new CommandId("seed/kilifi-1/start"), lead, ct);
        await cycles.StartAsync(new CycleOpening(new CycleId("mitchells-plain-1"), new SiteId("mitchells-plain"), 1, "Facility managers' everyday leadership"),
            new CommandId("seed/mitchells-plain-1/start"), Actor.Member(new MemberId("mp-lead-researcher")), ct);
        await cycles.StartAsync(new CycleOpening(new CycleId("sedibeng-1"), new SiteId("sedibeng"), 1, "Leadership development with district managers"),
            new CommandId("seed/sedibeng-1/start"), Actor.Member(new MemberId("sb-lead-researcher")), ct);
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
