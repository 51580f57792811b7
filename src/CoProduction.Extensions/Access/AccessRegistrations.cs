using CoProduction.Access;

namespace CoProduction.Commands;

/// <summary>A committee reviewer's tenure registered with <c>builder.AddCommitteeReviewer</c>.</summary>
internal sealed record CommitteeReviewerRegistration(CommitteeReviewer Reviewer);

/// <summary>A programme role's tenure registered with <c>builder.AddProgrammeRole</c>.</summary>
internal sealed record ProgrammeRoleRegistration(ProgrammeRoleHolder Holder);

/// <summary>An administrator registered with <c>builder.AddAdministrator</c>.</summary>
internal sealed record AdministratorRegistration(Actor Administrator);

/// <summary>An endorsement delegate registered with <c>builder.AllowEndorsementDelegate</c>.</summary>
internal sealed record EndorsementDelegateRegistration(EndorsementDelegate Delegate);
