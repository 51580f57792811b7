using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// One period in which a member held a role at a site: from <see cref="Joined"/> to <see cref="Left"/>,
/// both days included, in the site's calendar.
/// </summary>
/// <remarks>
/// <see cref="Left"/> is the last day in the role; a member who leaves on the day they joined held
/// the role for that one day. Periods of the same member and role never overlap; a member who
/// rejoins starts a new period after the day they left.
/// </remarks>
/// <param name="Role">The role held.</param>
/// <param name="Joined">The first day in the role.</param>
/// <param name="Left">The last day in the role, or <see langword="null"/> while the role is still held.</param>
public sealed record Tenure(MemberRole Role, LocalDate Joined, LocalDate? Left = null)
{
    /// <summary>Gets a value indicating whether the role is still held (no last day recorded yet).</summary>
    public bool IsOpen => Left is null;

    /// <summary>Whether the role was held on <paramref name="date"/>.</summary>
    /// <param name="date">The date, in the site's calendar.</param>
    /// <returns><see langword="true"/> when <see cref="Joined"/> ≤ date and (open, or date ≤ <see cref="Left"/>).</returns>
    public bool Covers(LocalDate date) => Joined <= date && (Left is not { } left || date <= left);
}
