using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// Answers who held which roles at a learning site on a date, from members' tenure periods.
/// Cycles use it so that an endorsement counts by the roles held on the day it was given.
/// </summary>
public interface ITeamRoster
{
    /// <summary>Whether the member is known at the site at all (in any period).</summary>
    /// <param name="site">The site.</param>
    /// <param name="member">The member.</param>
    /// <returns><see langword="true"/> when the member has been added to the site's team, with or without a role.</returns>
    bool IsMember(SiteId site, MemberId member);

    /// <summary>The roles the member held at the site on the date.</summary>
    /// <param name="site">The site.</param>
    /// <param name="member">The member.</param>
    /// <param name="date">The date, in the site's calendar.</param>
    /// <returns>The roles in force on that date; empty when none (not yet joined, or left).</returns>
    IReadOnlyList<MemberRole> RolesOn(SiteId site, MemberId member, LocalDate date);

    /// <summary>The IANA time-zone id of a registered site, in which its calendar dates are read: a cycle started at the site takes it.</summary>
    /// <param name="site">The site.</param>
    /// <returns>The zone id, or <see langword="null"/> when the roster does not know the site.</returns>
    string? TimeZoneIdOf(SiteId site);
}
