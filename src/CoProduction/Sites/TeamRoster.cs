using System;
using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// Who is who, where and when, across one or more learning sites: built from the sites' states
/// (a snapshot; build a new roster after the sites change). Cycles use it through
/// <see cref="ITeamRoster"/> to count an endorsement by the roles held on the day it was given.
/// </summary>
/// <remarks>
/// Every date is a <see cref="LocalDate"/> in the site's calendar and every "as of" is passed in:
/// the roster never reads a clock or the machine's time zone. To ask about an instant, turn it into
/// the site's date first with <see cref="DateAt"/>.
/// </remarks>
public sealed class TeamRoster : ITeamRoster
{
    private readonly Dictionary<SiteId, LearningSiteState> sites = [];
    private readonly Dictionary<(SiteId, MemberId), SiteMember> members = [];

    /// <summary>Builds the roster from the sites' current states.</summary>
    /// <param name="sites">The sites; each at most once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sites"/> or one of its items is null.</exception>
    /// <exception cref="InputLimitException">A site appears twice (<see cref="InputRule.Repeated"/>, naming the site).</exception>
    public TeamRoster(IEnumerable<LearningSiteState> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var ordered = new List<LearningSiteState>();
        foreach (var site in sites)
        {
            ArgumentNullException.ThrowIfNull(site, nameof(sites));
            if (!this.sites.TryAdd(site.Id, site))
            {
                throw Preconditions.Repeated(site.Id, nameof(sites));
            }

            ordered.Add(site);
            foreach (var member in site.Members)
            {
                members[(site.Id, member.Id)] = member;
            }
        }

        Sites = ordered.ToValueList();
    }

    /// <summary>Gets the sites of the roster, in the order given.</summary>
    public ValueList<LearningSiteState> Sites { get; }

    /// <summary>Builds the roster from sites' states.</summary>
    /// <param name="sites">The sites; each at most once.</param>
    /// <returns>The roster.</returns>
    public static TeamRoster Of(params LearningSiteState[] sites) => new(sites);

    /// <summary>The state of a site in the roster.</summary>
    /// <param name="site">The site.</param>
    /// <returns>The site's state.</returns>
    /// <exception cref="ArgumentException">The site is not in the roster.</exception>
    public LearningSiteState Site(SiteId site)
        => sites.TryGetValue(site, out var state)
            ? state
            : throw new ArgumentException($"Site '{site}' is not in this roster; it holds {string.Join(", ", sites.Keys)}.", nameof(site));

    /// <summary>The date at the site at an instant, in the site's own time zone.</summary>
    /// <param name="site">The site.</param>
    /// <param name="instant">The instant.</param>
    /// <param name="zones">The time-zone provider (tzdb).</param>
    /// <returns>The site's local date.</returns>
    public LocalDate DateAt(SiteId site, Instant instant, IDateTimeZoneProvider zones) => Site(site).DateAt(instant, zones);

    /// <inheritdoc/>
    public bool IsMember(SiteId site, MemberId member) => members.ContainsKey((site, member));

    /// <inheritdoc/>
    public IReadOnlyList<MemberRole> RolesOn(SiteId site, MemberId member, LocalDate date)
        => members.TryGetValue((site, member), out var m) ? m.RolesOn(date) : [];

    /// <inheritdoc/>
    public string? TimeZoneIdOf(SiteId site)
        => sites.TryGetValue(site, out var state) && state.TimeZoneId.Length != 0 ? state.TimeZoneId : null;

    /// <summary>The sites where the person is (or was) a member, in roster order.</summary>
    /// <param name="member">The member.</param>
    /// <returns>The sites' ids.</returns>
    public IReadOnlyList<SiteId> SitesOf(MemberId member)
    {
        var result = new List<SiteId>();
        foreach (var site in Sites)
        {
            if (members.ContainsKey((site.Id, member)))
            {
                result.Add(site.Id);
            }
        }

        return result;
    }

    /// <summary>Who held at least one role at the site on a date, and in which roles.</summary>
    /// <param name="site">The site.</param>
    /// <param name="date">The date, in the site's calendar.</param>
    /// <returns>The active members, in the order they were added to the site.</returns>
    public IReadOnlyList<ActiveMember> ActiveOn(SiteId site, LocalDate date)
    {
        var result = new List<ActiveMember>();
        var state = Site(site);
        foreach (var member in state.Members)
        {
            var roles = member.RolesOn(date);
            if (roles.Count > 0)
            {
                result.Add(new ActiveMember(member.Id, member.DisplayName, state.NameInReports(member), member.IsCore, roles.ToValueList()));
            }
        }

        return result;
    }

    /// <summary>Turnover at the site in a calendar year: joiners, leavers, headcount at start and end, and mean daily headcount.</summary>
    /// <param name="site">The site.</param>
    /// <param name="year">The calendar year (1–9998).</param>
    /// <param name="kind">Count only roles of this kind (for example <see cref="RoleKind.Manager"/>), or <see langword="null"/> for all.</param>
    /// <returns>The turnover; see <see cref="YearTurnover"/> for the precise definitions.</returns>
    /// <exception cref="ArgumentException">The site is not in the roster.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> is out of range.</exception>
    public YearTurnover TurnoverIn(SiteId site, int year, RoleKind? kind = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        var state = Site(site);
        var first = new LocalDate(year, 1, 1);
        var last = new LocalDate(year, 12, 31);
        int joiners = 0, leavers = 0, atStart = 0, atEnd = 0;
        long memberDays = 0;
        foreach (var member in state.Members)
        {
            bool joined = false, left = false, presentAtStart = false, presentAtEnd = false;
            foreach (var spell in Spells.Of(member, kind))
            {
                joined |= spell.Start >= first && spell.Start <= last;
                left |= spell.End is { } end && end >= first && end <= last;
                presentAtStart |= Spells.Covers(spell, first);
                presentAtEnd |= Spells.Covers(spell, last);
                memberDays += Spells.DaysWithin(spell.Start, spell.End, first, last);
            }

            joiners += joined ? 1 : 0;
            leavers += left ? 1 : 0;
            atStart += presentAtStart ? 1 : 0;
            atEnd += presentAtEnd ? 1 : 0;
        }

        return new YearTurnover(site, year, kind, joiners, leavers, atStart, atEnd, (double)memberDays / last.DayOfYear);
    }

    /// <summary>How long each core member has stayed with the site, as of a date.</summary>
    /// <param name="site">The site.</param>
    /// <param name="asOf">The date to measure to, included (in the site's calendar).</param>
    /// <returns>One entry per core member who had joined by <paramref name="asOf"/>, longest present first.</returns>
    /// <exception cref="ArgumentException">The site is not in the roster.</exception>
    public IReadOnlyList<CoreMemberTenure> CoreTenures(SiteId site, LocalDate asOf)
    {
        var result = new List<CoreMemberTenure>();
        foreach (var member in Site(site).Members)
        {
            if (!member.IsCore)
            {
                continue;
            }

            var spells = Spells.Of(member, null);
            if (spells.Count == 0 || spells[0].Start > asOf)
            {
                continue;
            }

            int days = 0, count = 0;
            LocalDate? lastDay = null;
            foreach (var spell in spells)
            {
                if (spell.Start > asOf)
                {
                    break;
                }

                count++;
                days += Spells.DaysWithin(spell.Start, spell.End, spell.Start, asOf);
                lastDay = spell.End is { } end && end < asOf ? end : null;
            }

            result.Add(new CoreMemberTenure(member.Id, member.DisplayName, spells[0].Start, lastDay, days, count));
        }

        result.Sort((a, b) => b.DaysPresent != a.DaysPresent ? b.DaysPresent.CompareTo(a.DaysPresent) : string.CompareOrdinal(a.Member.Value, b.Member.Value));
        return result;
    }

    /// <summary>When each core manager (a core member holding a manager role on <paramref name="asOf"/>) was last engaged.</summary>
    /// <param name="site">The site.</param>
    /// <param name="asOf">The date to measure from (in the site's calendar); engagements after it are ignored.</param>
    /// <returns>One entry per core manager, the longest without engagement first (never engaged before all others).</returns>
    /// <exception cref="ArgumentException">The site is not in the roster.</exception>
    public IReadOnlyList<CoreManagerEngagement> CoreManagerEngagements(SiteId site, LocalDate asOf)
    {
        var result = new List<CoreManagerEngagement>();
        var state = Site(site);
        foreach (var member in state.Members)
        {
            if (!member.IsCore)
            {
                continue;
            }

            var managerRoles = new List<MemberRole>();
            foreach (var role in member.RolesOn(asOf))
            {
                if (role.Kind == RoleKind.Manager)
                {
                    managerRoles.Add(role);
                }
            }

            if (managerRoles.Count == 0)
            {
                continue;
            }

            var last = member.LastEngagement(asOf);
            result.Add(new CoreManagerEngagement(
                member.Id,
                member.DisplayName,
                state.NameInReminders(member),
                managerRoles.ToValueList(),
                last?.On,
                last?.Kind,
                last is null ? null : Period.DaysBetween(last.On, asOf)));
        }

        result.Sort((a, b) =>
        {
            var c = (b.DaysSince ?? int.MaxValue).CompareTo(a.DaysSince ?? int.MaxValue);
            return c != 0 ? c : string.CompareOrdinal(a.Member.Value, b.Member.Value);
        });
        return result;
    }
}
