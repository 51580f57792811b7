using System;
using System.Text.Json.Serialization;

namespace CoProduction.Sites;

/// <summary>A role a member holds: its kind and, for managers, the level and seniority. Checked when built.</summary>
public readonly record struct MemberRole
{
    /// <summary>Creates a role.</summary>
    /// <param name="kind">The kind of role.</param>
    /// <param name="level">For managers, the level of the health system (required); otherwise <see cref="ManagementLevel.None"/>.</param>
    /// <param name="seniority">For managers, how senior; otherwise <see cref="Sites.Seniority.None"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An undefined kind, level or seniority.</exception>
    /// <exception cref="ArgumentException">A manager without a level, or another role with a level or seniority.</exception>
    [JsonConstructor]
    public MemberRole(RoleKind kind, ManagementLevel level = ManagementLevel.None, Seniority seniority = Seniority.None)
    {
        Kind = Preconditions.CheckDefined(kind, nameof(kind));
        Level = Preconditions.CheckDefined(level, nameof(level));
        Seniority = Preconditions.CheckDefined(seniority, nameof(seniority));
        if (kind == RoleKind.Manager && level == ManagementLevel.None)
        {
            throw new ArgumentException("A manager role needs a level (County, District, SubDistrict or Facility).", nameof(level));
        }

        if (kind != RoleKind.Manager && (level != ManagementLevel.None || seniority != Seniority.None))
        {
            throw new ArgumentException($"Only a manager role has a level and seniority; {kind} was given {level}/{seniority}.", nameof(level));
        }
    }

    /// <summary>The researcher role.</summary>
    public static MemberRole Researcher { get; } = new(RoleKind.Researcher);

    /// <summary>Gets the kind of role.</summary>
    public RoleKind Kind { get; }

    /// <summary>Gets the level of the health system, for managers; otherwise <see cref="ManagementLevel.None"/>.</summary>
    public ManagementLevel Level { get; }

    /// <summary>Gets how senior, for managers; otherwise <see cref="Sites.Seniority.None"/>.</summary>
    public Seniority Seniority { get; }

    /// <summary>A manager role at a level and seniority.</summary>
    /// <param name="level">The level.</param>
    /// <param name="seniority">The seniority.</param>
    /// <returns>The role.</returns>
    /// <exception cref="ArgumentException">No level, or an undefined level or seniority.</exception>
    [System.Diagnostics.Contracts.Pure]
    public static MemberRole Manager(ManagementLevel level, Seniority seniority) => new(RoleKind.Manager, level, seniority);

    /// <summary>Refuses <c>default(MemberRole)</c>, which names no kind (a struct can always be defaulted).</summary>
    internal static MemberRole Check(MemberRole role, string paramName)
        => Enum.IsDefined(role.Kind)
            ? role
            : throw new ArgumentException("A role is required; default(MemberRole) names no kind: use MemberRole.Researcher, MemberRole.Manager(…) or new MemberRole(kind).", paramName);
}
