using CoProduction.Sites;

namespace CoProduction.Samples.LearningSites;

/// <summary>The people and places of the story: the paper's programme and its three learning sites.</summary>
internal static class Cast
{
    public static readonly ProgrammeId Resyst = new("resyst");

    public static readonly SiteId Kilifi = new("kilifi");
    public static readonly SiteId MitchellsPlain = new("mitchells-plain");
    public static readonly SiteId Sedibeng = new("sedibeng");

    // Kilifi County, Kenya (Africa/Nairobi): annual cycles.
    public static readonly MemberId KilifiLeadResearcher = new("ke-lead-researcher");
    public static readonly MemberId KilifiDirector = new("ke-health-director");
    public static readonly MemberId KilifiSubCountyManager = new("ke-subcounty-manager");
    public static readonly MemberId KilifiResearcher = new("ke-researcher");

    // Mitchell's Plain, South Africa (Africa/Johannesburg): DIALHS, annual cycles of action and learning.
    public static readonly MemberId MitchellsPlainLeadResearcher = new("mp-lead-researcher");
    public static readonly MemberId MitchellsPlainSubDistrictManager = new("mp-subdistrict-manager");
    public static readonly MemberId MitchellsPlainFacilityManager = new("mp-facility-manager");

    // Sedibeng, South Africa (Africa/Johannesburg): monthly leadership workshops with an external facilitator (2016).
    public static readonly MemberId SedibengLeadResearcher = new("sb-lead-researcher");
    public static readonly MemberId SedibengDistrictManager = new("sb-district-manager");
    public static readonly MemberId SedibengSecondDistrictManager = new("sb-district-manager-2");
    public static readonly MemberId SedibengSubDistrictManager = new("sb-subdistrict-manager");
    public static readonly MemberId Facilitator = new("za-facilitator");

    public static readonly MemberRole DistrictDirector = MemberRole.Manager(ManagementLevel.District, Seniority.Senior);
    public static readonly MemberRole CountyDirector = MemberRole.Manager(ManagementLevel.County, Seniority.Senior);
    public static readonly MemberRole SubCountyManager = MemberRole.Manager(ManagementLevel.SubDistrict, Seniority.Middle);
    public static readonly MemberRole SubDistrictManager = MemberRole.Manager(ManagementLevel.SubDistrict, Seniority.Senior);
    public static readonly MemberRole SubDistrictMiddleManager = MemberRole.Manager(ManagementLevel.SubDistrict, Seniority.Middle);
    public static readonly MemberRole FacilityManager = MemberRole.Manager(ManagementLevel.Facility, Seniority.Middle);
    public static readonly MemberRole ExternalFacilitator = new(RoleKind.ExternalFacilitator);

    public static readonly Actor Coordinator = Actor.Named("resyst-coordinator");
    public static readonly Actor KenyaCommittee = Actor.Named("kemri-seru");
    public static readonly Actor WitsCommittee = Actor.Named("wits-hrec");
    public static readonly Actor UctCommittee = Actor.Named("uct-hrec");

    public static Actor Member(MemberId member) => Actor.Member(member);
}
