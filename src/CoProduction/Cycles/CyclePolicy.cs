namespace CoProduction.Cycles;

/// <summary>The rules of a programme or app that relax or tighten how cycles move on.</summary>
/// <remarks>The defaults are the paper's practice: collective leadership, managers at reflection, no research outside approval.</remarks>
public sealed record CyclePolicy
{
    /// <summary>Gets the paper's defaults.</summary>
    public static CyclePolicy Default { get; } = new();

    /// <summary>
    /// Gets a value indicating whether leaving Planning needs the current plan endorsed by at least one
    /// researcher and at least one manager (by the roles held on the day of endorsement). When
    /// <see langword="false"/>, one endorsement by any member holding a role at the site suffices.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool RequireCollectiveEndorsement { get; init; } = true;

    /// <summary>
    /// Gets a value indicating whether leaving Reflecting needs a reflection attended by a member who
    /// held a manager role on the meeting's date. When <see langword="false"/>, any reflection suffices.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool RequireManagerAtReflection { get; init; } = true;

    /// <summary>
    /// Gets what happens to an action on a data-collecting activity that no approved protocol covers on
    /// the action's date. Default <see cref="OutOfApprovalActions.Refuse"/>.
    /// </summary>
    public OutOfApprovalActions OutOfApprovalActions { get; init; } = OutOfApprovalActions.Refuse;
}
