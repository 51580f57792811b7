using System;
using System.Globalization;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>
/// The rules of tenure, shared by commands (which reject) and replay (which refuses a history that
/// breaks them), so both agree by construction.
/// </summary>
internal static class TenureRules
{
    /// <summary>Why <paramref name="member"/> cannot begin <paramref name="role"/> on <paramref name="on"/>, or null.</summary>
    internal static string? WhyCannotJoin(SiteMember member, MemberRole role, LocalDate on)
    {
        foreach (var tenure in member.Tenures)
        {
            if (tenure.Role != role)
            {
                continue;
            }

            if (tenure.Left is not { } left)
            {
                return Text($"member '{member.Id}' already holds {Describe(role)} since {tenure.Joined:uuuu-MM-dd} (tenure periods of one role cannot overlap); record the day they left first");
            }

            if (on <= left)
            {
                return Text($"member '{member.Id}' held {Describe(role)} from {tenure.Joined:uuuu-MM-dd} to {left:uuuu-MM-dd}, so joining it again on {on:uuuu-MM-dd} would overlap; rejoin after {left:uuuu-MM-dd}");
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="member"/> cannot leave <paramref name="role"/> on <paramref name="on"/>, or null.</summary>
    internal static string? WhyCannotLeave(SiteMember member, MemberRole role, LocalDate on)
    {
        if (member.OpenTenure(role) is not { } open)
        {
            return Text($"member '{member.Id}' does not hold {Describe(role)} now, so cannot leave it");
        }

        return on < open.Joined
            ? Text($"member '{member.Id}' joined {Describe(role)} on {open.Joined:uuuu-MM-dd}, so cannot leave it earlier, on {on:uuuu-MM-dd}")
            : null;
    }

    internal static string Describe(MemberRole role) => role.Kind switch
    {
        RoleKind.Manager when role.Seniority != Seniority.None => Text($"the role {role.Seniority} {role.Level} Manager"),
        RoleKind.Manager => Text($"the role {role.Level} Manager"),
        _ => Text($"the role {role.Kind}"),
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
