using CoProduction.Sites;

namespace CoProduction.ReadModels;

/// <summary>A core manager at a site and their last engagement, as of the site's today.</summary>
/// <param name="Site">The site.</param>
/// <param name="TimeZoneId">The site's IANA time-zone id, in which the dates are kept.</param>
/// <param name="Manager">The manager, the roles they hold and their last engagement.</param>
public sealed record SiteBoardManager(SiteId Site, string TimeZoneId, CoreManagerEngagement Manager);
