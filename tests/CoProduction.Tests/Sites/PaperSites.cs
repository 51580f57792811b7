using CoProduction.Programmes;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Tests.Sites;

/// <summary>
/// The paper's programme and three learning sites, with teams that change over time, for any test
/// area to reuse: Kilifi County (KE, county, Africa/Nairobi), Mitchell's Plain (ZA, sub-district,
/// Africa/Johannesburg) and Sedibeng (ZA, district, Africa/Johannesburg).
/// </summary>
/// <remarks>
/// Turnover built in: Kilifi's district director becomes county director at devolution (a role
/// change, not turnover), a Kilifi sub-county manager leaves and rejoins, a Kilifi researcher
/// leaves; a Mitchell's Plain facility manager leaves and another joins; Sedibeng's first district
/// manager leaves and a second takes over. One facilitator is a member of both South African sites.
/// Every call builds fresh aggregates, so tests may change them.
/// </remarks>
public static class PaperSites
{
    public static readonly ProgrammeId Resyst = new("resyst");
    public static readonly SiteId KilifiId = new("kilifi");
    public static readonly SiteId MitchellsPlainId = new("mitchells-plain");
    public static readonly SiteId SedibengId = new("sedibeng");

    // Kilifi County
    public static readonly MemberId KilifiLeadResearcher = new("ke-lead-researcher");
    public static readonly MemberId KilifiDirector = new("ke-health-director");
    public static readonly MemberId KilifiSubCountyManager = new("ke-subcounty-manager");
    public static readonly MemberId KilifiResearcher = new("ke-researcher");

    // Mitchell's Plain
    public static readonly MemberId MitchellsPlainLeadResearcher = new("mp-lead-researcher");
    public static readonly MemberId MitchellsPlainSubDistrictManager = new("mp-subdistrict-manager");
    public static readonly MemberId MitchellsPlainFacilityManager = new("mp-facility-manager");
    public static readonly MemberId MitchellsPlainNewFacilityManager = new("mp-facility-manager-2");

    // Sedibeng
    public static readonly MemberId SedibengLeadResearcher = new("sb-lead-researcher");
    public static readonly MemberId SedibengFirstDistrictManager = new("sb-district-manager");
    public static readonly MemberId SedibengSecondDistrictManager = new("sb-district-manager-2");

    // Both South African sites
    public static readonly MemberId Facilitator = new("za-facilitator");

    public static readonly MemberRole DistrictDirector = MemberRole.Manager(ManagementLevel.District, Seniority.Senior);
    public static readonly MemberRole CountyDirector = MemberRole.Manager(ManagementLevel.County, Seniority.Senior);
    public static readonly MemberRole SubCountyManager = MemberRole.Manager(ManagementLevel.SubDistrict, Seniority.Middle);
    public static readonly MemberRole SubDistrictManager = MemberRole.Manager(ManagementLevel.SubDistrict, Seniority.Senior);
    public static readonly MemberRole FacilityManager = MemberRole.Manager(ManagementLevel.Facility, Seniority.Middle);
    public static readonly MemberRole ExternalFacilitator = new(RoleKind.ExternalFacilitator);

    /// <summary>Kenya's devolution: the last day of the districts (26 March 2013 in this fixture).</summary>
    public static readonly LocalDate LastDayOfDistricts = new(2013, 3, 26);

    public static IDateTimeZoneProvider Zones => DateTimeZoneProviders.Tzdb;

    public static Actor Lead { get; } = Actor.Named("resyst-coordinator");

    /// <summary>A fixed instant for commands: the fixture never reads a clock.</summary>
    public static Instant At { get; } = Instant.FromUtc(2019, 1, 15, 7, 30);

    /// <summary>The stamp of every fixture command: <see cref="Lead"/> at <see cref="At"/>.</summary>
    public static Stamp Stamp { get; } = new(At, Lead);

    public static LearningSite Kilifi()
    {
        var site = LearningSite.Register(
            new SiteRegistration(KilifiId, "Kilifi County", CountryCode.Kenya, Zones["Africa/Nairobi"])
            {
                Level = SiteLevel.County,
                EngagedSinceYear = 2000,
                PartnerInstitutions = ["KEMRI-Wellcome Trust Research Programme"],
            },
            Stamp);

        Join(site, KilifiLeadResearcher, "Lead researcher (Kilifi)", "R1", MemberRole.Researcher, new(2012, 1, 1));
        Join(site, KilifiDirector, "County health director", "M1", DistrictDirector, new(2012, 1, 1));
        site.LeaveRole(KilifiDirector, DistrictDirector, LastDayOfDistricts, Stamp);
        site.JoinRole(KilifiDirector, CountyDirector, LastDayOfDistricts.PlusDays(1), Stamp);

        Join(site, KilifiSubCountyManager, "Sub-county manager", "M2", SubCountyManager, new(2012, 6, 1));
        site.LeaveRole(KilifiSubCountyManager, SubCountyManager, new(2015, 6, 30), Stamp);
        site.JoinRole(KilifiSubCountyManager, SubCountyManager, new(2017, 1, 9), Stamp);

        Join(site, KilifiResearcher, "Researcher (Kilifi)", null, MemberRole.Researcher, new(2014, 2, 1));
        site.LeaveRole(KilifiResearcher, MemberRole.Researcher, new(2016, 8, 31), Stamp);

        site.MarkCore(KilifiLeadResearcher, Stamp);
        site.MarkCore(KilifiDirector, Stamp);
        site.RecordEngagement(KilifiDirector, new Engagement(new(2018, 9, 14), EngagementKind.Reflection, "reflection with managers"), Stamp);
        site.RecordEngagement(KilifiDirector, new Engagement(new(2018, 11, 20), EngagementKind.ManagerialRequest, null), Stamp);
        return site;
    }

    public static LearningSite MitchellsPlain()
    {
        var site = LearningSite.Register(
            new SiteRegistration(MitchellsPlainId, "Mitchell's Plain", CountryCode.SouthAfrica, Zones["Africa/Johannesburg"])
            {
                Level = SiteLevel.SubDistrict,
                EngagedSinceYear = 2010,
                PartnerInstitutions = ["School of Public Health and Family Medicine, University of Cape Town", "School of Public Health, University of the Western Cape"],
            },
            Stamp);

        Join(site, MitchellsPlainLeadResearcher, "Lead researcher (Mitchell's Plain)", "R2", MemberRole.Researcher, new(2010, 3, 1));
        Join(site, MitchellsPlainSubDistrictManager, "Sub-district manager", "M3", SubDistrictManager, new(2010, 3, 1));
        Join(site, MitchellsPlainFacilityManager, "Facility manager", "M4", FacilityManager, new(2013, 1, 15));
        site.LeaveRole(MitchellsPlainFacilityManager, FacilityManager, new(2016, 12, 31), Stamp);
        Join(site, MitchellsPlainNewFacilityManager, "New facility manager", "M5", FacilityManager, new(2017, 2, 1));
        Join(site, Facilitator, "Leadership facilitator", null, ExternalFacilitator, new(2015, 1, 1));

        site.MarkCore(MitchellsPlainLeadResearcher, Stamp);
        site.MarkCore(MitchellsPlainSubDistrictManager, Stamp);
        site.RecordEngagement(MitchellsPlainSubDistrictManager, new Engagement(new(2018, 10, 5), EngagementKind.Workshop, null), Stamp);
        return site;
    }

    public static LearningSite Sedibeng()
    {
        var site = LearningSite.Register(
            new SiteRegistration(SedibengId, "Sedibeng", CountryCode.SouthAfrica, Zones["Africa/Johannesburg"])
            {
                Level = SiteLevel.District,
                EngagedSinceYear = 2008,
                PartnerInstitutions = ["Centre for Health Policy, University of the Witwatersrand"],
            },
            Stamp);

        Join(site, SedibengLeadResearcher, "Lead researcher (Sedibeng)", "R3", MemberRole.Researcher, new(2014, 1, 1));
        Join(site, SedibengFirstDistrictManager, "District manager", "M6", DistrictDirector, new(2014, 1, 1));
        site.LeaveRole(SedibengFirstDistrictManager, DistrictDirector, new(2015, 10, 31), Stamp);
        Join(site, SedibengSecondDistrictManager, "Second district manager", "M7", DistrictDirector, new(2015, 11, 1));
        Join(site, Facilitator, "Leadership facilitator", null, ExternalFacilitator, new(2016, 3, 1));

        site.MarkCore(SedibengLeadResearcher, Stamp);
        site.MarkCore(SedibengFirstDistrictManager, Stamp);
        site.MarkCore(SedibengSecondDistrictManager, Stamp);
        return site;
    }

    public static Programme Programme()
    {
        var programme = CoProduction.Programmes.Programme.Register(
            new ProgrammeRegistration(Resyst, "RESYST", new DateInterval(new LocalDate(2012, 1, 1), new LocalDate(2018, 12, 31))), Stamp);
        programme.AddSite(KilifiId, Stamp);
        programme.AddSite(MitchellsPlainId, Stamp);
        programme.AddSite(SedibengId, Stamp);
        programme.LinkUmbrellaProtocol(new ProtocolId("resyst-umbrella"), Stamp);
        return programme;
    }

    public static TeamRoster Roster() => TeamRoster.Of(Kilifi().State, MitchellsPlain().State, Sedibeng().State);

    private static void Join(LearningSite site, MemberId member, string name, string? pseudonym, MemberRole role, LocalDate on)
    {
        site.AddMember(member, name, Stamp, pseudonym);
        site.JoinRole(member, role, on, Stamp);
    }
}
