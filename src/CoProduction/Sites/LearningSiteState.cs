using CoProduction.Events;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// What a learning site is now: the fold of its events. Immutable and value-equal, so a site
/// rebuilt from its history equals the live one.
/// </summary>
/// <remarks>
/// The fold is linear in the history: an engagement or a tenure appends to one member's list
/// (an amortised O(1) <see cref="ValueList{T}.Add"/>) and replaces that member in the team, a copy
/// of the team's references, never of the histories they hold.
/// </remarks>
public sealed record LearningSiteState
{
    private LearningSiteState()
    {
    }

    /// <summary>Gets the site's id.</summary>
    public SiteId Id { get; private init; }

    /// <summary>Gets where the site stands: <see cref="SiteStatus.Registered"/>.</summary>
    public SiteStatus Status { get; private init; }

    /// <summary>Gets the site's name.</summary>
    public string Name { get; private init; } = string.Empty;

    /// <summary>Gets the country.</summary>
    public CountryCode Country { get; private init; }

    /// <summary>Gets the level of the health system the site covers.</summary>
    public SiteLevel Level { get; private init; }

    /// <summary>Gets the IANA time-zone id in which the site's calendar dates are kept.</summary>
    public string TimeZoneId { get; private init; } = string.Empty;

    /// <summary>Gets the research institutions supporting the site.</summary>
    public ValueList<string> PartnerInstitutions { get; private init; }

    /// <summary>Gets the year the collaboration with the site began.</summary>
    public int EngagedSinceYear { get; private init; }

    /// <summary>Gets the team, past and present, in the order added.</summary>
    public ValueList<SiteMember> Members { get; private init; }

    /// <summary>Gets how reminders and reports name the members: <see cref="MemberNaming.DisplayNames"/> until the site chooses otherwise.</summary>
    public MemberNaming MemberNaming { get; private init; } = MemberNaming.DisplayNames;

    /// <summary>Gets the state before the first event.</summary>
    internal static LearningSiteState Initial { get; } = new();

    /// <summary>
    /// A site's state rebuilt from what a read model keeps of it (registration and team, each member's latest
    /// engagement), so that the roster's queries (<see cref="TeamRoster.ActiveOn"/>,
    /// <see cref="TeamRoster.CoreManagerEngagements"/>) answer for a day at query time with the domain's own rules.
    /// </summary>
    internal static LearningSiteState Restore(SiteId id, string name, CountryCode country, SiteLevel level, string timeZoneId, ValueList<SiteMember> members, MemberNaming naming)
        => new()
        {
            Id = id,
            Status = SiteStatus.Registered,
            Name = name,
            Country = country,
            Level = level,
            TimeZoneId = timeZoneId,
            Members = members,
            MemberNaming = naming,
        };

    /// <summary>The site's time zone, from the provider the app injects.</summary>
    /// <param name="zones">The time-zone provider (tzdb).</param>
    /// <returns>The zone.</returns>
    /// <exception cref="UnknownTimeZoneException">The provider does not know the site's zone id (for example an older tzdb).</exception>
    public DateTimeZone ZoneIn(IDateTimeZoneProvider zones) => TimeZoneIds.Find(zones, TimeZoneId);

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

    /// <summary>
    /// The name the site's research reports print for a member, under the site's <see cref="MemberNaming"/>: the pseudonym
    /// when there is one; else, with pseudonyms only, the member's id, and otherwise the display name.
    /// </summary>
    /// <param name="member">A member of the site.</param>
    /// <returns>The name to print.</returns>
    public string NameInReports(SiteMember member)
    {
        System.ArgumentNullException.ThrowIfNull(member);
        return MemberNaming == MemberNaming.Pseudonyms ? member.Pseudonym ?? member.Id.Value : member.NameForReports;
    }

    /// <summary>
    /// The name the site's reminders print for a member, under the site's <see cref="MemberNaming"/>: the display name; with
    /// pseudonyms only, the pseudonym, or the member's id when there is none.
    /// </summary>
    /// <param name="member">A member of the site.</param>
    /// <returns>The name to print.</returns>
    public string NameInReminders(SiteMember member)
    {
        System.ArgumentNullException.ThrowIfNull(member);
        return MemberNaming == MemberNaming.Pseudonyms ? member.Pseudonym ?? member.Id.Value : member.DisplayName;
    }

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal LearningSiteState Apply(ISiteEvent @event) => @event switch
    {
        SiteRegistered e => this with
        {
            Id = e.Site,
            Name = e.Name,
            Country = e.Country,
            Level = e.Level,
            TimeZoneId = e.TimeZoneId,
            PartnerInstitutions = e.PartnerInstitutions,
            EngagedSinceYear = e.EngagedSinceYear,
        },
        PartnerInstitutionAdded e => this with { PartnerInstitutions = PartnerInstitutions.Add(e.Institution) },
        MemberAdded e => this with { Members = Members.Add(new SiteMember(e.Member, e.DisplayName, e.Pseudonym)) },
        MemberJoinedRole e => With(e.Member, static (m, e) => m with { Tenures = m.Tenures.Add(new Tenure(e.Role, e.On)) }, e),
        // A leave before the join is never recorded (the command refuses it) and refused on replay (CheckReplay).
        MemberLeftRole e => With(e.Member, static (m, e) => m.OpenTenureIndex(e.Role) is var i and >= 0 && m.Tenures[i].Joined <= e.On
            ? m with { Tenures = m.Tenures.SetItem(i, m.Tenures[i].EndedOn(e.On)) }
            : m, e),
        MemberMarkedCore e => With(e.Member, static (m, _) => m with { IsCore = true }, e),
        MemberCoreMarkCleared e => With(e.Member, static (m, _) => m with { IsCore = false }, e),
        EngagementRecorded e => With(e.Member, static (m, e) => m with { Engagements = m.Engagements.Add(new Engagement(e.On, e.Kind, e.Note)) }, e),
        MemberErased e => With(e.Member, static (m, _) => m.Erased(), e),
        MemberNamingChosen e => this with { MemberNaming = e.Naming },
        _ => throw Fold.Unknown<LearningSiteState>(@event),
    };

    internal int IndexOf(MemberId member)
    {
        var members = Members;
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].Id == member)
            {
                return i;
            }
        }

        return -1;
    }

    private LearningSiteState With<TEvent>(MemberId member, System.Func<SiteMember, TEvent, SiteMember> change, TEvent @event)
    {
        var i = IndexOf(member);
        return i < 0 ? this : this with { Members = Members.SetItem(i, change(Members[i], @event)) };
    }
}
