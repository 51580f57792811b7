using System;
using System.Collections.Generic;
using System.Linq;

namespace CoProduction.Samples.Board;

/// <summary>A demo user: a site member (by member id) or a named actor such as a committee reviewer.</summary>
/// <param name="UserName">The sign-in name.</param>
/// <param name="DisplayName">The name shown on the page.</param>
/// <param name="Member">The member id, when the user is a site member.</param>
/// <param name="Actor">The actor name, when the user is not a member.</param>
internal sealed record BoardUser(string UserName, string DisplayName, string? Member, string? Actor);

/// <summary>The seeded users. Every one signs in with the demo password <see cref="Password"/>.</summary>
internal static class Users
{
    /// <summary>The demo password of every seeded user (a demo only: never do this in a real app).</summary>
    public const string Password = "demo";

    public static IReadOnlyList<BoardUser> All { get; } =
    [
        new("ke-lead-researcher", "Lead researcher (Kilifi)", "ke-lead-researcher", null),
        new("ke-health-director", "County health director (Kilifi)", "ke-health-director", null),
        new("mp-lead-researcher", "Lead researcher (Mitchell's Plain)", "mp-lead-researcher", null),
        new("mp-subdistrict-manager", "Sub-district manager (Mitchell's Plain)", "mp-subdistrict-manager", null),
        new("sb-lead-researcher", "Lead researcher (Sedibeng)", "sb-lead-researcher", null),
        new("sb-district-manager", "District manager (Sedibeng)", "sb-district-manager", null),
        new("kemri-seru", "KEMRI Scientific and Ethics Review Unit", null, "kemri-seru"),
        new("uct-hrec", "UCT Human Research Ethics Committee", null, "uct-hrec"),
        new("wits-hrec", "Wits Human Research Ethics Committee", null, "wits-hrec"),
        new("resyst-coordinator", "RESYST coordinator", null, "resyst-coordinator"),
    ];

    public static BoardUser? Find(string? userName, string? password)
        => string.Equals(password, Password, StringComparison.Ordinal)
            ? All.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.Ordinal))
            : null;
}
