using System.Collections.Generic;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Tests.Cycles;

/// <summary>A small real roster for the cycle tests: roles held by members at sites over tenure periods.</summary>
internal sealed class TestRoster : ITeamRoster
{
    private readonly Dictionary<(SiteId Site, MemberId Member), List<(MemberRole Role, LocalDate From, LocalDate? To)>> tenures = [];
    private readonly Dictionary<SiteId, string> zones = [];

    /// <summary>Registers a site with its time zone: cycles start only at registered sites.</summary>
    public TestRoster Register(SiteId site, string zoneId)
    {
        zones[site] = zoneId;
        return this;
    }

    public string? TimeZoneIdOf(SiteId site) => zones.TryGetValue(site, out var zone) ? zone : null;

    public TestRoster Add(SiteId site, MemberId member, MemberRole role, LocalDate from, LocalDate? to = null)
    {
        if (!tenures.TryGetValue((site, member), out var list))
        {
            tenures[(site, member)] = list = [];
        }

        list.Add((role, from, to));
        return this;
    }

    public bool IsMember(SiteId site, MemberId member) => tenures.ContainsKey((site, member));

    public IReadOnlyList<MemberRole> RolesOn(SiteId site, MemberId member, LocalDate date)
    {
        var roles = new List<MemberRole>();
        if (tenures.TryGetValue((site, member), out var list))
        {
            foreach (var (role, from, to) in list)
            {
                if (from <= date && (to is null || date <= to))
                {
                    roles.Add(role);
                }
            }
        }

        return roles;
    }
}
