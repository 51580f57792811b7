using CoProduction.Sites;

namespace CoProduction.ReadModels;

/// <summary>A member of a site's team as the site board keeps them: every tenure, the core mark, the latest engagement.</summary>
/// <remarks>
/// Only the latest engagement (by date) is kept, so a site with thousands of engagements stays one small document;
/// an engagement is recorded once it has happened, so "last engaged as of today" is that one.
/// </remarks>
/// <param name="Member">The member's id.</param>
/// <param name="DisplayName">The name shown in the app.</param>
/// <param name="Pseudonym">The name used in research reports, or <see langword="null"/>.</param>
/// <param name="IsCore">Whether the member is marked core.</param>
/// <param name="Tenures">Every tenure period, in the order recorded.</param>
/// <param name="LastEngagement">The latest engagement, or <see langword="null"/> when never engaged.</param>
/// <param name="IsErased">
/// Whether the member's personal data was erased (<see cref="MemberErased"/>): <paramref name="DisplayName"/> is then
/// <see cref="Privacy.PersonalData.ErasedMarker"/> and <paramref name="LastEngagement"/> keeps no note.
/// </param>
public sealed record SiteBoardMember(
    MemberId Member,
    string DisplayName,
    string? Pseudonym,
    bool IsCore,
    ValueList<Tenure> Tenures,
    Engagement? LastEngagement,
    bool IsErased);
