using NodaTime;

namespace CoProduction.Sites;

/// <summary>When a core manager was last engaged, relative to a given date (never the clock).</summary>
/// <param name="Member">The member.</param>
/// <param name="DisplayName">The name shown in the app.</param>
/// <param name="NameInReminders">The name the site's reminders use (<see cref="LearningSiteState.NameInReminders"/>).</param>
/// <param name="ManagerRoles">The manager roles they held on the as-of date.</param>
/// <param name="LastEngaged">The date of their latest engagement on or before the as-of date, or <see langword="null"/> if never.</param>
/// <param name="LastKind">The kind of that engagement, or <see langword="null"/> if never.</param>
/// <param name="DaysSince">Days from <paramref name="LastEngaged"/> to the as-of date (0 on the same day), or <see langword="null"/> if never.</param>
public sealed record CoreManagerEngagement(
    MemberId Member,
    string DisplayName,
    string NameInReminders,
    ValueList<MemberRole> ManagerRoles,
    LocalDate? LastEngaged,
    EngagementKind? LastKind,
    int? DaysSince);
