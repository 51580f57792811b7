using CoProduction.Collections;

namespace CoProduction.Ethics;

/// <summary>An ethical dilemma as its history made it.</summary>
/// <param name="Id">The dilemma's id.</param>
/// <param name="Site">Where it arose.</param>
/// <param name="Protocol">The protocol concerned, if any.</param>
/// <param name="Description">What the dilemma is.</param>
/// <param name="Status">The machine's current stage.</param>
/// <param name="Discussions">The notes of every discussion, oldest first.</param>
/// <param name="Resolution">How it was resolved, once resolved.</param>
/// <param name="EscalatedTo">To whom it was escalated, once escalated.</param>
/// <param name="Amendment">The amendment an escalation led to, if any.</param>
public sealed record EthicalDilemmaState(
    DilemmaId Id,
    SiteId Site,
    ProtocolId? Protocol,
    string Description,
    DilemmaStatus Status,
    ValueList<string> Discussions,
    string? Resolution,
    string? EscalatedTo,
    AmendmentId? Amendment)
{
    internal bool IsNew => Description.Length == 0;

    internal static EthicalDilemmaState Initial(DilemmaId id) => new(id, default, null, string.Empty, DilemmaStatus.Raised, [], null, null, null);
}
