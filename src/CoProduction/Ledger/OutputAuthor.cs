using CoProduction.Sites;

namespace CoProduction.Ledger;

/// <summary>An author of an output and the role they wrote in, so that manager co-authorship is visible. Checked when built.</summary>
public sealed record OutputAuthor
{
    /// <summary>Creates an author.</summary>
    /// <param name="member">The member.</param>
    /// <param name="role">The role they wrote in (a researcher, a manager, …), as on the day of the output.</param>
    /// <exception cref="System.ArgumentException">A default member or an undefined role.</exception>
    public OutputAuthor(MemberId member, RoleKind role)
    {
        Member = Preconditions.CheckId(member, nameof(member));
        Role = Preconditions.CheckDefined(role, nameof(role));
    }

    /// <summary>Gets the member.</summary>
    public MemberId Member { get; }

    /// <summary>Gets the role they wrote in.</summary>
    public RoleKind Role { get; }
}
