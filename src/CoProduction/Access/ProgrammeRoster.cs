using System;
using System.Collections.Generic;
using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Access;

/// <summary>Who holds a programme role, and which sites each programme has: programme roles act across the programme's sites.</summary>
public sealed class ProgrammeRoster
{
    private readonly List<ProgrammeRoleHolder> holders = [];
    private readonly Dictionary<ProgrammeId, HashSet<SiteId>> sites = [];

    /// <summary>Builds the roster.</summary>
    /// <param name="holders">The programme roles' tenures.</param>
    /// <param name="programmeSites">Each programme's sites (for example from its <c>ProgrammeState.Sites</c>).</param>
    /// <exception cref="ArgumentException">A tenure ends before it starts, or names an undefined role.</exception>
    public ProgrammeRoster(IEnumerable<ProgrammeRoleHolder> holders, IEnumerable<KeyValuePair<ProgrammeId, IEnumerable<SiteId>>> programmeSites)
    {
        ArgumentNullException.ThrowIfNull(holders);
        ArgumentNullException.ThrowIfNull(programmeSites);
        foreach (var holder in holders)
        {
            ArgumentNullException.ThrowIfNull(holder, nameof(holders));
            _ = Preconditions.CheckDefined(holder.Role, nameof(holders));
            if (holder.To is { } to && to < holder.From)
            {
                throw new ArgumentException($"The {holder.Role} tenure of '{holder.Member}' on programme '{holder.Programme}' ends on {to.Iso()}, before it starts on {holder.From.Iso()}.", nameof(holders));
            }

            this.holders.Add(holder);
        }

        foreach (var (programme, list) in programmeSites)
        {
            ArgumentNullException.ThrowIfNull(list, nameof(programmeSites));
            if (!sites.TryGetValue(programme, out var set))
            {
                sites[programme] = set = [];
            }

            set.UnionWith(list);
        }
    }

    /// <summary>Gets a roster with no programme roles.</summary>
    public static ProgrammeRoster Empty { get; } = new([], []);

    /// <summary>The programme roles a member holds over a site on a date: roles on programmes that have the site.</summary>
    /// <param name="member">The member.</param>
    /// <param name="site">The site.</param>
    /// <param name="date">The date.</param>
    /// <returns>The roles held, with their programmes; empty when none.</returns>
    public IReadOnlyList<ProgrammeRoleHolder> RolesOver(MemberId member, SiteId site, LocalDate date)
    {
        List<ProgrammeRoleHolder>? result = null;
        foreach (var holder in holders)
        {
            if (holder.Member == member && holder.Covers(date) && sites.TryGetValue(holder.Programme, out var set) && set.Contains(site))
            {
                (result ??= []).Add(holder);
            }
        }

        return result is null ? [] : result;
    }

    /// <summary>Whether a member holds a role on a programme on a date.</summary>
    /// <param name="member">The member.</param>
    /// <param name="programme">The programme.</param>
    /// <param name="role">The role.</param>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when a tenure of that role covers the date.</returns>
    public bool Holds(MemberId member, ProgrammeId programme, ProgrammeRole role, LocalDate date)
    {
        foreach (var holder in holders)
        {
            if (holder.Member == member && holder.Programme == programme && holder.Role == role && holder.Covers(date))
            {
                return true;
            }
        }

        return false;
    }
}
