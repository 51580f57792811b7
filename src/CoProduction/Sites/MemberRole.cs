namespace CoProduction.Sites;

/// <summary>A role a member holds: its kind and, for managers, the level and seniority.</summary>
/// <param name="Kind">The kind of role.</param>
/// <param name="Level">For managers, the level of the health system; otherwise <see cref="ManagementLevel.None"/>.</param>
/// <param name="Seniority">For managers, how senior; otherwise <see cref="Sites.Seniority.None"/>.</param>
public readonly record struct MemberRole(RoleKind Kind, ManagementLevel Level = ManagementLevel.None, Seniority Seniority = Seniority.None)
{
    /// <summary>The researcher role.</summary>
    public static MemberRole Researcher { get; } = new(RoleKind.Researcher);

    /// <summary>A manager role at a level and seniority.</summary>
    /// <param name="level">The level.</param>
    /// <param name="seniority">The seniority.</param>
    /// <returns>The role.</returns>
    public static MemberRole Manager(ManagementLevel level, Seniority seniority) => new(RoleKind.Manager, level, seniority);
}
