using System;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// What a learning site is now: the fold of its events. Immutable and value-equal, so a site
/// rebuilt from its history equals the live one.
/// </summary>
/// <param name="Id">The site's id.</param>
/// <param name="Name">The site's name.</param>
/// <param name="Country">The country.</param>
/// <param name="Level">The level of the health system the site covers.</param>
/// <param name="TimeZoneId">The IANA time-zone id in which the site's calendar dates are kept.</param>
/// <param name="PartnerInstitutions">The research institutions supporting the site.</param>
/// <param name="EngagedSinceYear">The year the collaboration with the site began.</param>
/// <param name="Members">The team, past and present, in the order added.</param>
public sealed record LearningSiteState(
    SiteId Id,
    string Name,
    CountryCode Country,
    SiteLevel Level,
    string TimeZoneId,
    ValueList<string> PartnerInstitutions,
    int EngagedSinceYear,
    ValueList<SiteMember> Members)
{
    internal bool IsRegistered => TimeZoneId.Length != 0;

    /// <summary>The site's time zone, from the provider the app injects.</summary>
    /// <param name="zones">The time-zone provider (tzdb).</param>
    /// <returns>The zone.</returns>
    /// <exception cref="UnknownTimeZoneException">The provider does not know the site's zone id (for example an older tzdb).</exception>
    public DateTimeZone ZoneIn(IDateTimeZoneProvider zones) => TimeZoneIds.Require(zones, TimeZoneId);

    /// <summary>The date in the site's calendar at an instant: the only way the library turns instants into site dates.</summary>
    /// <param name="instant">The instant, for example when an endorsement was given.</param>
    /// <param name="zones">The time-zone provider (tzdb).</param>
    /// <returns>The local date at the site; never depends on the machine's own time zone.</returns>
    public LocalDate DateAt(Instant instant, IDateTimeZoneProvider zones) => instant.InZone(ZoneIn(zones)).Date;

    /// <summary>The member with <paramref name="member"/> as id.</summary>
    /// <param name="member">The member's id.</param>
    /// <returns>The member, or <see langword="null"/> when the person is not (and never was) a member of the site.</returns>
    public SiteMember? FindMember(MemberId member)
    {
        var i = IndexOf(member);
        return i < 0 ? null : Members[i];
    }

    internal static LearningSiteState Unregistered(SiteId id)
        => new(id, string.Empty, default, default, string.Empty, ValueList<string>.Empty, 0, ValueList<SiteMember>.Empty);

    internal int IndexOf(MemberId member)
    {
        for (var i = 0; i < Members.Count; i++)
        {
            if (Members[i].Id == member)
            {
                return i;
            }
        }

        return -1;
    }

    internal LearningSiteState WithMember(MemberId member, Func<SiteMember, SiteMember> change)
    {
        var i = IndexOf(member);
        return i < 0 ? this : this with { Members = Members.SetItem(i, change(Members[i])) };
    }
}
