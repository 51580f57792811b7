namespace CoProduction.Sites;

/// <summary>
/// Turnover of a site's team (or of one kind of role in it) in a calendar year of the site's calendar.
/// </summary>
/// <remarks>
/// <para>
/// A member is <em>present</em> on a day when they hold at least one counted role. Consecutive or
/// overlapping tenures of counted roles form one continuous <em>spell</em>, so moving from one role
/// to another without a gap day is not turnover.
/// </para>
/// <para>
/// <see cref="Joiners"/>: members with a spell starting in the year. <see cref="Leavers"/>: members
/// with a spell whose last day is in the year. A member who left and rejoined within the year
/// counts once in each. In the first year of records every founding member is a joiner.
/// </para>
/// <para>
/// <see cref="AverageHeadcount"/>: the mean of the daily headcount over every day of the year
/// (365 or 366), that is the member-days present in the year divided by the number of days.
/// A role still held counts as continuing, so for the current year the figure describes the team
/// as recorded, assuming no one leaves before the year ends.
/// </para>
/// </remarks>
/// <param name="Site">The site.</param>
/// <param name="Year">The calendar year.</param>
/// <param name="Kind">The kind of role counted, or <see langword="null"/> for every role.</param>
/// <param name="Joiners">Members with a spell starting in the year.</param>
/// <param name="Leavers">Members with a spell ending in the year.</param>
/// <param name="HeadcountAtStart">Members present on 1 January.</param>
/// <param name="HeadcountAtEnd">Members present on 31 December.</param>
/// <param name="AverageHeadcount">The mean daily headcount over the year.</param>
public sealed record YearTurnover(
    SiteId Site,
    int Year,
    RoleKind? Kind,
    int Joiners,
    int Leavers,
    int HeadcountAtStart,
    int HeadcountAtEnd,
    double AverageHeadcount)
{
    /// <summary>Gets leavers per average member: <see cref="Leavers"/> ÷ <see cref="AverageHeadcount"/>; <see langword="null"/> when nobody was present.</summary>
    public double? LeaverRate => AverageHeadcount > 0 ? Leavers / AverageHeadcount : null;
}
