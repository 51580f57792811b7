using System;
using System.Globalization;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// One period in which a member held a role at a site: from <see cref="Joined"/> to <see cref="Left"/>,
/// both days included, in the site's calendar. Checked when built.
/// </summary>
/// <remarks>
/// <see cref="Left"/> is the last day in the role; a member who leaves on the day they joined held
/// the role for that one day. Periods of the same member and role never overlap; a member who
/// rejoins starts a new period after the day they left.
/// </remarks>
public sealed record Tenure
{
    /// <summary>Creates a tenure period.</summary>
    /// <param name="role">The role held.</param>
    /// <param name="joined">The first day in the role.</param>
    /// <param name="left">The last day in the role, or <see langword="null"/> while the role is still held; not before <paramref name="joined"/>.</param>
    /// <exception cref="ArgumentException">A default role, or a last day before the first.</exception>
    public Tenure(MemberRole role, LocalDate joined, LocalDate? left = null)
    {
        Role = MemberRole.Check(role, nameof(role));
        if (left is { } last && last < joined)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A tenure cannot end on {last:uuuu-MM-dd}, before it began on {joined:uuuu-MM-dd}."), nameof(left));
        }

        Joined = joined;
        Left = left;
    }

    /// <summary>Gets the role held.</summary>
    public MemberRole Role { get; }

    /// <summary>Gets the first day in the role.</summary>
    public LocalDate Joined { get; }

    /// <summary>Gets the last day in the role, or <see langword="null"/> while the role is still held.</summary>
    public LocalDate? Left { get; }

    /// <summary>Gets a value indicating whether the role is still held (no last day recorded yet).</summary>
    public bool IsOpen => Left is null;

    /// <summary>Whether the role was held on <paramref name="date"/>.</summary>
    /// <param name="date">The date, in the site's calendar.</param>
    /// <returns><see langword="true"/> when <see cref="Joined"/> ≤ date and (open, or date ≤ <see cref="Left"/>).</returns>
    public bool Covers(LocalDate date) => Joined <= date && (Left is not { } left || date <= left);

    /// <summary>The same period ended on <paramref name="left"/>.</summary>
    internal Tenure EndedOn(LocalDate left) => new(Role, Joined, left);
}
