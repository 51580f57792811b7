using CoProduction.Events;
using CoProduction.Privacy;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>A learning site was registered: its name, country, level, time zone, partners and history.</summary>
/// <param name="Site">The site.</param>
/// <param name="Name">The site's name, for example <c>Kilifi County</c>.</param>
/// <param name="Country">The country.</param>
/// <param name="Level">The level of the health system the site covers.</param>
/// <param name="TimeZoneId">The IANA time-zone id, checked against the provider when registered.</param>
/// <param name="PartnerInstitutions">The research institutions supporting the site.</param>
/// <param name="EngagedSinceYear">The year the collaboration with the site began (it may predate the programme).</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("site.registered")]
public sealed record SiteRegistered(
    SiteId Site,
    string Name,
    CountryCode Country,
    SiteLevel Level,
    string TimeZoneId,
    ValueList<string> PartnerInstitutions,
    int EngagedSinceYear,
    Instant At,
    Actor By) : ISiteEvent;

/// <summary>A partner institution was added to a site.</summary>
/// <param name="Site">The site.</param>
/// <param name="Institution">The institution's name.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("site.partner-institution-added")]
public sealed record PartnerInstitutionAdded(SiteId Site, string Institution, Instant At, Actor By) : ISiteEvent;

/// <summary>A person was added to a site's team (roles come with <see cref="MemberJoinedRole"/>).</summary>
/// <param name="Site">The site.</param>
/// <param name="Member">The member.</param>
/// <param name="DisplayName">The name shown in the app: personal data of the member, sealed when protection is configured.</param>
/// <param name="Pseudonym">The name used in reports, or <see langword="null"/>; kept in clear, so reports still name the member after an erasure.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("site.member-added")]
public sealed record MemberAdded(SiteId Site, MemberId Member, [property: PersonalData] string DisplayName, string? Pseudonym, Instant At, Actor By) : ISiteEvent, IPersonalDataEvent
{
    /// <inheritdoc/>
    string IPersonalDataEvent.PersonalDataSubject => PersonalData.SubjectOf(Site, Member);
}

/// <summary>A member began to hold a role at a site on a date (a new tenure period).</summary>
/// <param name="Site">The site.</param>
/// <param name="Member">The member.</param>
/// <param name="Role">The role.</param>
/// <param name="On">The first day in the role, in the site's calendar.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("site.member-joined-role")]
public sealed record MemberJoinedRole(SiteId Site, MemberId Member, MemberRole Role, LocalDate On, Instant At, Actor By) : ISiteEvent;

/// <summary>A member stopped holding a role at a site; <paramref name="On"/> is the last day in the role.</summary>
/// <param name="Site">The site.</param>
/// <param name="Member">The member.</param>
/// <param name="Role">The role.</param>
/// <param name="On">The last day in the role, in the site's calendar.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("site.member-left-role")]
public sealed record MemberLeftRole(SiteId Site, MemberId Member, MemberRole Role, LocalDate On, Instant At, Actor By) : ISiteEvent;

/// <summary>A member was marked as core: one of the key relationships of the site.</summary>
/// <param name="Site">The site.</param>
/// <param name="Member">The member.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("site.member-marked-core")]
public sealed record MemberMarkedCore(SiteId Site, MemberId Member, Instant At, Actor By) : ISiteEvent;

/// <summary>A member's core mark was cleared.</summary>
/// <param name="Site">The site.</param>
/// <param name="Member">The member.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("site.member-core-mark-cleared")]
public sealed record MemberCoreMarkCleared(SiteId Site, MemberId Member, Instant At, Actor By) : ISiteEvent;

/// <summary>A member took part in an engagement on a date.</summary>
/// <param name="Site">The site.</param>
/// <param name="Member">The member.</param>
/// <param name="On">The date, in the site's calendar.</param>
/// <param name="Kind">What kind of engagement.</param>
/// <param name="Note">An optional short note, or <see langword="null"/>: personal data of the member, sealed when protection is configured.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("site.engagement-recorded")]
public sealed record EngagementRecorded(SiteId Site, MemberId Member, LocalDate On, EngagementKind Kind, [property: PersonalData] string? Note, Instant At, Actor By) : ISiteEvent, IPersonalDataEvent
{
    /// <inheritdoc/>
    string IPersonalDataEvent.PersonalDataSubject => PersonalData.SubjectOf(Site, Member);
}

/// <summary>
/// A member's personal data was erased at their request (or the law's): their key is deleted, so their name and the notes
/// about them read as <see cref="PersonalData.ErasedMarker"/> in every event; their pseudonym, roles and engagements' dates remain.
/// </summary>
/// <param name="Site">The site.</param>
/// <param name="Member">The member.</param>
/// <param name="RequestedBy">Who asked for the erasure, for example <c>the member</c> or <c>the data protection officer</c>; not personal data of the member.</param>
/// <param name="Reason">Why, for example the law and article the request rests on.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who recorded it.</param>
[EventName("site.member-erased")]
public sealed record MemberErased(SiteId Site, MemberId Member, string RequestedBy, string Reason, Instant At, Actor By) : ISiteEvent;

/// <summary>The site chose how its reminders and reports name its members.</summary>
/// <param name="Site">The site.</param>
/// <param name="Naming">The naming: display names (the default) or pseudonyms only.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("site.member-naming-chosen")]
public sealed record MemberNamingChosen(SiteId Site, MemberNaming Naming, Instant At, Actor By) : ISiteEvent;
