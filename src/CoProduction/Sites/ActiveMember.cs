
namespace CoProduction.Sites;

/// <summary>A member who held at least one role at a site on a date, with those roles.</summary>
/// <param name="Member">The member.</param>
/// <param name="DisplayName">The name shown in the app.</param>
/// <param name="NameForReports">The pseudonym when there is one, else the display name.</param>
/// <param name="IsCore">Whether the member is marked core.</param>
/// <param name="Roles">The roles held on the date, in the order first recorded; never empty.</param>
public sealed record ActiveMember(MemberId Member, string DisplayName, string NameForReports, bool IsCore, ValueList<MemberRole> Roles);
