namespace CoProduction.Sites;

/// <summary>How a site's reminders and reports name its members (<see cref="LearningSite.ChooseMemberNaming"/>).</summary>
public enum MemberNaming
{
    /// <summary>
    /// Reminders use the member's display name; reports use the pseudonym when there is one, else the display name
    /// (<see cref="SiteMember.NameForReports"/>). The default.
    /// </summary>
    DisplayNames = 1,

    /// <summary>
    /// Reminders and reports use only pseudonyms: a member without one is named by their id, never by their display name.
    /// </summary>
    Pseudonyms = 2,
}
