using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// A member's continuous presence: tenures of the counted roles merged when they overlap or touch
/// (the next starts at most one day after the previous ends). <c>End</c> null means open.
/// </summary>
internal static class Spells
{
    internal static List<(LocalDate Start, LocalDate? End)> Of(SiteMember member, RoleKind? kind)
    {
        var tenures = new List<Tenure>(member.Tenures.Count);
        foreach (var tenure in member.Tenures)
        {
            if (kind is null || tenure.Role.Kind == kind)
            {
                tenures.Add(tenure);
            }
        }

        tenures.Sort((a, b) => a.Joined.CompareTo(b.Joined));
        var spells = new List<(LocalDate Start, LocalDate? End)>();
        foreach (var tenure in tenures)
        {
            if (spells.Count > 0 && spells[^1] is var last && Touches(last.End, tenure.Joined))
            {
                spells[^1] = (last.Start, Later(last.End, tenure.Left));
            }
            else
            {
                spells.Add((tenure.Joined, tenure.Left));
            }
        }

        return spells;
    }

    /// <summary>Days of [start, end] (both included) that fall inside [from, to]; 0 when they do not meet.</summary>
    internal static int DaysWithin(LocalDate start, LocalDate? end, LocalDate from, LocalDate to)
    {
        var a = start > from ? start : from;
        var b = end is { } e && e < to ? e : to;
        return a > b ? 0 : Period.DaysBetween(a, b) + 1;
    }

    internal static bool Covers((LocalDate Start, LocalDate? End) spell, LocalDate date)
        => spell.Start <= date && (spell.End is not { } end || date <= end);

    private static bool Touches(LocalDate? end, LocalDate nextStart)
        => end is not { } e || nextStart <= e || Period.DaysBetween(e, nextStart) == 1;

    private static LocalDate? Later(LocalDate? a, LocalDate? b)
        => a is null || b is null ? null : (a.Value > b.Value ? a : b);
}
