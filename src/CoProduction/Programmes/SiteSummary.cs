using CoProduction.Sites;

namespace CoProduction.Programmes;

/// <summary>One learning site in a programme summary: who is active on the date and which cycles are open.</summary>
/// <param name="Site">The site.</param>
/// <param name="Name">The site's name.</param>
/// <param name="Country">The country.</param>
/// <param name="Level">The level of the health system.</param>
/// <param name="TimeZoneId">The site's IANA time-zone id.</param>
/// <param name="ActiveMembers">Members holding at least one role on the date.</param>
/// <param name="ActiveCoreMembers">Of those, the members marked core.</param>
/// <param name="ByRole">Active members per kind of role, in <see cref="RoleKind"/> order, kinds with nobody left out.</param>
/// <param name="OpenCycles">The site's open cycles, by number.</param>
public sealed record SiteSummary(
    SiteId Site,
    string Name,
    CountryCode Country,
    SiteLevel Level,
    string TimeZoneId,
    int ActiveMembers,
    int ActiveCoreMembers,
    ValueList<RoleHeadcount> ByRole,
    ValueList<OpenCycleSummary> OpenCycles);
