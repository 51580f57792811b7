using System;
using System.Collections.Generic;
using CoProduction.Events;
using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// A learning site: a county, district or sub-district where researchers and managers co-produce
/// research, with its country, time zone, partner institutions and team. Every change is an event.
/// </summary>
/// <remarks>
/// <para>
/// A site is a registry, not a process: once registered it has no stages to move through, so it
/// uses no Stateless machine (one with a single state would decide nothing and cost a machine per
/// command). It keeps the same contract as the process aggregates: malformed arguments throw the
/// <see cref="ArgumentException"/> family; a command that breaks a rule of the domain (a duplicate
/// member, a role for a person who is not a member, overlapping tenure, leaving before joining)
/// throws <see cref="CommandRejectedException"/> in state <c>Registered</c> naming the commands the
/// site accepts; and a refused command changes nothing.
/// </para>
/// <para>
/// Tenure dates are <see cref="LocalDate"/>s in the site's calendar; turn an instant into one with
/// <see cref="LearningSiteState.DateAt"/>. Queries over one or several sites live in <see cref="TeamRoster"/>.
/// </para>
/// </remarks>
public sealed class LearningSite : LegacyAggregateRoot<SiteId, LearningSiteState, ISiteEvent>, IEventSourcedAggregate<LearningSite>
{
    private static readonly string[] Commands =
        [nameof(AddPartnerInstitution), nameof(AddMember), nameof(JoinRole), nameof(LeaveRole), nameof(MarkCore), nameof(ClearCore), nameof(RecordEngagement)];

    private LearningSite(SiteId id)
        : base(id, LearningSiteState.Unregistered(id))
    {
    }

    /// <summary>Gets the stream category of learning sites: <c>site</c>.</summary>
    public static string StreamCategory => "site";

    /// <inheritdoc/>
    public override StreamId StreamId => StreamId.For(StreamCategory, Id);

    /// <inheritdoc/>
    protected override string Description => "learning site '" + Id.Value + "'";

    /// <summary>Registers a learning site.</summary>
    /// <param name="id">The site's id.</param>
    /// <param name="name">The site's name, for example <c>Kilifi County</c>.</param>
    /// <param name="country">The country.</param>
    /// <param name="level">The level of the health system the site covers.</param>
    /// <param name="timeZoneId">The IANA time-zone id, for example <c>Africa/Nairobi</c>.</param>
    /// <param name="zones">The injected time-zone provider that must know <paramref name="timeZoneId"/>.</param>
    /// <param name="partnerInstitutions">The research institutions supporting the site; distinct, may be empty.</param>
    /// <param name="engagedSinceYear">The year the collaboration began (1900–9999).</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who registers it.</param>
    /// <returns>The new site with one uncommitted <see cref="SiteRegistered"/> event.</returns>
    /// <exception cref="ArgumentException">An argument is null, empty, padded, undefined or duplicated.</exception>
    /// <exception cref="UnknownTimeZoneException"><paramref name="timeZoneId"/> is not known to <paramref name="zones"/>; the closest ids are suggested.</exception>
    public static LearningSite Register(
        SiteId id,
        string name,
        CountryCode country,
        SiteLevel level,
        string timeZoneId,
        IDateTimeZoneProvider zones,
        IEnumerable<string> partnerInstitutions,
        int engagedSinceYear,
        Instant at,
        Actor by)
    {
        Registry.RequireId(id.Value, nameof(id));
        Registry.RequireText(name, nameof(name));
        if (country.Value is null)
        {
            throw new ArgumentException("A learning site needs a country; default(CountryCode) was given.", nameof(country));
        }

        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A site's level is County, District or SubDistrict.");
        }

        ArgumentNullException.ThrowIfNull(partnerInstitutions);
        ArgumentOutOfRangeException.ThrowIfLessThan(engagedSinceYear, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(engagedSinceYear, 9999);
        _ = TimeZoneIds.Require(zones, timeZoneId);

        var partners = new List<string>();
        foreach (var partner in partnerInstitutions)
        {
            Registry.RequireText(partner, nameof(partnerInstitutions));
            if (partners.Contains(partner))
            {
                throw new ArgumentException($"The partner institution '{partner}' is listed twice.", nameof(partnerInstitutions));
            }

            partners.Add(partner);
        }

        var site = new LearningSite(id);
        site.Record(new SiteRegistered(id, name, country, level, timeZoneId, partners.ToValueList(), engagedSinceYear, at, by));
        return site;
    }

    /// <inheritdoc/>
    public static LearningSite Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
    {
        var registered = HistoryStart.Require<SiteRegistered>(stream, history, e => StreamId.For(StreamCategory, e.Site));
        var site = new LearningSite(registered.Site);
        site.Replay(history);
        return site;
    }

    /// <summary>Adds a partner institution.</summary>
    /// <param name="institution">The institution's name.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who adds it.</param>
    /// <exception cref="ArgumentException"><paramref name="institution"/> is null, empty or padded.</exception>
    /// <exception cref="CommandRejectedException">The institution is already a partner.</exception>
    public void AddPartnerInstitution(string institution, Instant at, Actor by)
    {
        Registry.RequireText(institution, nameof(institution));
        foreach (var partner in State.PartnerInstitutions)
        {
            if (partner == institution)
            {
                throw Reject(nameof(AddPartnerInstitution), $"'{institution}' is already a partner institution of {Description}");
            }
        }

        Record(new PartnerInstitutionAdded(Id, institution, at, by));
    }

    /// <summary>Adds a person to the site's team; give them roles with <see cref="JoinRole"/>.</summary>
    /// <param name="member">The member's id (the same person may be a member of other sites under the same id).</param>
    /// <param name="displayName">The name shown in the app.</param>
    /// <param name="pseudonym">The name used in research reports, or <see langword="null"/> for none.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who adds them.</param>
    /// <exception cref="ArgumentException">An argument is null, empty or padded.</exception>
    /// <exception cref="CommandRejectedException">A member with this id is already in the site's team.</exception>
    public void AddMember(MemberId member, string displayName, string? pseudonym, Instant at, Actor by)
    {
        Registry.RequireId(member.Value, nameof(member));
        Registry.RequireText(displayName, nameof(displayName));
        if (pseudonym is not null)
        {
            Registry.RequireText(pseudonym, nameof(pseudonym));
        }

        if (State.FindMember(member) is { } existing)
        {
            throw Reject(nameof(AddMember), $"member '{member}' ('{existing.DisplayName}') is already in the team of {Description}; member ids are unique per site");
        }

        Record(new MemberAdded(Id, member, displayName, pseudonym, at, by));
    }

    /// <summary>Records that a member began to hold a role on a date (a new tenure period; rejoining is allowed after the last one ended).</summary>
    /// <param name="member">The member.</param>
    /// <param name="role">The role; a manager has a level, other roles have neither level nor seniority.</param>
    /// <param name="on">The first day in the role, in the site's calendar.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who records it.</param>
    /// <exception cref="ArgumentException"><paramref name="member"/> is default or <paramref name="role"/> is malformed.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member of the site, or the new period would overlap one of the same role.</exception>
    public void JoinRole(MemberId member, MemberRole role, LocalDate on, Instant at, Actor by)
    {
        var current = RequireMember(member, role, nameof(JoinRole));
        if (TenureRules.WhyCannotJoin(current, role, on) is { } why)
        {
            throw Reject(nameof(JoinRole), why);
        }

        Record(new MemberJoinedRole(Id, member, role, on, at, by));
    }

    /// <summary>Records that a member stopped holding a role; <paramref name="on"/> is their last day in it.</summary>
    /// <param name="member">The member.</param>
    /// <param name="role">The role.</param>
    /// <param name="on">The last day in the role, in the site's calendar; not before the day they joined it.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who records it.</param>
    /// <exception cref="ArgumentException"><paramref name="member"/> is default or <paramref name="role"/> is malformed.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member, does not hold the role now, or joined it after <paramref name="on"/>.</exception>
    public void LeaveRole(MemberId member, MemberRole role, LocalDate on, Instant at, Actor by)
    {
        var current = RequireMember(member, role, nameof(LeaveRole));
        if (TenureRules.WhyCannotLeave(current, role, on) is { } why)
        {
            throw Reject(nameof(LeaveRole), why);
        }

        Record(new MemberLeftRole(Id, member, role, on, at, by));
    }

    /// <summary>Marks a member as core: one of the key relationships whose continuity holds the work together.</summary>
    /// <param name="member">The member.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who marks them.</param>
    /// <exception cref="ArgumentException"><paramref name="member"/> is default.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member, or is already marked core.</exception>
    public void MarkCore(MemberId member, Instant at, Actor by)
    {
        if (RequireMember(member, null, nameof(MarkCore)).IsCore)
        {
            throw Reject(nameof(MarkCore), $"member '{member}' is already marked core");
        }

        Record(new MemberMarkedCore(Id, member, at, by));
    }

    /// <summary>Clears a member's core mark.</summary>
    /// <param name="member">The member.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who clears it.</param>
    /// <exception cref="ArgumentException"><paramref name="member"/> is default.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member, or is not marked core.</exception>
    public void ClearCore(MemberId member, Instant at, Actor by)
    {
        if (!RequireMember(member, null, nameof(ClearCore)).IsCore)
        {
            throw Reject(nameof(ClearCore), $"member '{member}' is not marked core");
        }

        Record(new MemberCoreMarkCleared(Id, member, at, by));
    }

    /// <summary>Records that a member took part in an engagement (fed by reflections, meetings and workshops).</summary>
    /// <param name="member">The member.</param>
    /// <param name="on">The date, in the site's calendar.</param>
    /// <param name="kind">What kind of engagement.</param>
    /// <param name="note">An optional short note, or <see langword="null"/>.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who records it.</param>
    /// <exception cref="ArgumentException"><paramref name="member"/> or <paramref name="kind"/> is default, or <paramref name="note"/> is empty or padded.</exception>
    /// <exception cref="CommandRejectedException">The person is not a member of the site.</exception>
    public void RecordEngagement(MemberId member, LocalDate on, EngagementKind kind, string? note, Instant at, Actor by)
    {
        if (kind.Code is null)
        {
            throw new ArgumentException("An engagement needs a kind; default(EngagementKind) was given.", nameof(kind));
        }

        if (note is not null)
        {
            Registry.RequireText(note, nameof(note));
        }

        _ = RequireMember(member, null, nameof(RecordEngagement));
        Record(new EngagementRecorded(Id, member, on, kind, note, at, by));
    }

    /// <inheritdoc/>
    protected override LearningSiteState Apply(LearningSiteState state, ISiteEvent @event) => @event switch
    {
        SiteRegistered e => state with
        {
            Name = e.Name,
            Country = e.Country,
            Level = e.Level,
            TimeZoneId = e.TimeZoneId,
            PartnerInstitutions = e.PartnerInstitutions,
            EngagedSinceYear = e.EngagedSinceYear,
        },
        PartnerInstitutionAdded e => state with { PartnerInstitutions = state.PartnerInstitutions.Add(e.Institution) },
        MemberAdded e => state with
        {
            Members = state.Members.Add(new SiteMember(e.Member, e.DisplayName, e.Pseudonym, false, ValueList<Tenure>.Empty, ValueList<Engagement>.Empty)),
        },
        MemberJoinedRole e => state.WithMember(e.Member, m => m with { Tenures = m.Tenures.Add(new Tenure(e.Role, e.On)) }),
        MemberLeftRole e => state.WithMember(e.Member, m => m.OpenTenureIndex(e.Role) is var i and >= 0
            ? m with { Tenures = m.Tenures.SetItem(i, m.Tenures[i] with { Left = e.On }) }
            : m),
        MemberMarkedCore e => state.WithMember(e.Member, m => m with { IsCore = true }),
        MemberCoreMarkCleared e => state.WithMember(e.Member, m => m with { IsCore = false }),
        EngagementRecorded e => state.WithMember(e.Member, m => m with { Engagements = m.Engagements.Add(new Engagement(e.On, e.Kind, e.Note)) }),
        _ => state,
    };

    /// <inheritdoc/>
    protected override string? CheckReplay(LearningSiteState before, ISiteEvent @event, LearningSiteState after)
    {
        if (@event.Site != Id)
        {
            return $"it belongs to site '{@event.Site}'.";
        }

        if (@event is SiteRegistered)
        {
            return before.IsRegistered ? "the site is already registered." : null;
        }

        if (!before.IsRegistered)
        {
            return "the site is not registered yet.";
        }

        return @event switch
        {
            MemberAdded e => before.FindMember(e.Member) is null ? null : $"member '{e.Member}' is already in the team.",
            MemberJoinedRole e => before.FindMember(e.Member) is { } m ? Sentence(TenureRules.WhyCannotJoin(m, e.Role, e.On)) : NotAMember(e.Member),
            MemberLeftRole e => before.FindMember(e.Member) is { } m ? Sentence(TenureRules.WhyCannotLeave(m, e.Role, e.On)) : NotAMember(e.Member),
            MemberMarkedCore e => before.FindMember(e.Member) is null ? NotAMember(e.Member) : null,
            MemberCoreMarkCleared e => before.FindMember(e.Member) is null ? NotAMember(e.Member) : null,
            EngagementRecorded e => before.FindMember(e.Member) is null ? NotAMember(e.Member) : null,
            PartnerInstitutionAdded => null,
            _ => $"{@event.GetType().Name} is not an event of a learning site.",
        };
    }

    private static string? Sentence(string? reason) => reason is null ? null : reason + ".";

    private static string NotAMember(MemberId member) => $"'{member}' is not a member of the site.";

    private static void RequireRole(MemberRole role)
    {
        if (!Enum.IsDefined(role.Kind) || !Enum.IsDefined(role.Level) || !Enum.IsDefined(role.Seniority))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "The role has an undefined kind, level or seniority.");
        }

        if (role.Kind == RoleKind.Manager && role.Level == ManagementLevel.None)
        {
            throw new ArgumentException("A manager role needs a level (County, District, SubDistrict or Facility).", nameof(role));
        }

        if (role.Kind != RoleKind.Manager && (role.Level != ManagementLevel.None || role.Seniority != Seniority.None))
        {
            throw new ArgumentException($"Only a manager role has a level and seniority; {role.Kind} was given {role.Level}/{role.Seniority}.", nameof(role));
        }
    }

    private SiteMember RequireMember(MemberId member, MemberRole? role, string command)
    {
        Registry.RequireId(member.Value, nameof(member));
        if (role is { } r)
        {
            RequireRole(r);
        }

        return State.FindMember(member)
            ?? throw Reject(command, $"'{member}' is not a member of {Description}; add them with {nameof(AddMember)} first");
    }

    private CommandRejectedException Reject(string command, string reason)
        => Registry.Rejection(Description, command, Commands, reason);
}
