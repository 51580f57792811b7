using NodaTime;

namespace CoProduction.Protocols;

/// <summary>An amendment as its history made it.</summary>
/// <param name="Id">The amendment's id.</param>
/// <param name="Protocol">The protocol it amends.</param>
/// <param name="BaseVersion">The protocol version it was written against (or last rebased on).</param>
/// <param name="Rationale">Why the change is needed.</param>
/// <param name="Substantial">Whether the committee must review it (a non-substantial one may be accepted as a notification).</param>
/// <param name="Changes">What it changes.</param>
/// <param name="Status">The machine's current stage.</param>
/// <param name="ApprovedOn">The approval (or acceptance) date, once approved: the new version is in force from it.</param>
/// <param name="AcceptedAsNotification">Whether it was accepted as a notification rather than reviewed.</param>
public sealed record AmendmentState(
    AmendmentId Id,
    ProtocolId Protocol,
    int BaseVersion,
    string Rationale,
    bool Substantial,
    AmendmentChanges Changes,
    AmendmentStatus Status,
    LocalDate? ApprovedOn,
    bool AcceptedAsNotification)
{
    internal bool IsNew => Rationale.Length == 0;

    internal static AmendmentState Initial(AmendmentId id) => new(id, default, 0, string.Empty, true, AmendmentChanges.None, AmendmentStatus.Draft, null, false);
}
