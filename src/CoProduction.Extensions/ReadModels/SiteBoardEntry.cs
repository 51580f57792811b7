using CoProduction.Sites;

namespace CoProduction.ReadModels;

/// <summary>
/// One learning site as the site board keeps it: its registration and its whole team, past and present, with each
/// member's tenures and latest engagement. What holds "today" (roles held, core managers) is worked out at query
/// time by <see cref="ISiteBoard"/>, with the domain's roster, in the site's zone.
/// </summary>
/// <param name="Site">The site's id.</param>
/// <param name="Name">The site's name.</param>
/// <param name="Country">The country.</param>
/// <param name="Level">The level of the health system the site covers.</param>
/// <param name="TimeZoneId">The site's IANA time-zone id, in which its dates are kept.</param>
/// <param name="Members">The team, past and present, in the order added.</param>
/// <param name="MemberNaming">How the site's reminders and reports name its members.</param>
/// <param name="Version">The site's stream version the entry was summarized at.</param>
/// <param name="Position">The global position of the site's last event the entry reflects.</param>
public sealed record SiteBoardEntry(
    SiteId Site,
    string Name,
    CountryCode Country,
    SiteLevel Level,
    string TimeZoneId,
    ValueList<SiteBoardMember> Members,
    MemberNaming MemberNaming,
    long Version,
    long Position);
