using CoProduction.Ledger;

namespace CoProduction.ReadModels;

/// <summary>How many impacts of one kind were seen at one level of the system, claimed and corroborated; retracted impacts are not counted.</summary>
/// <param name="Kind">Instrumental or conceptual.</param>
/// <param name="Level">The level of the system.</param>
/// <param name="Claimed">How many are claimed, not yet corroborated.</param>
/// <param name="Corroborated">How many are corroborated.</param>
public sealed record ImpactCount(ImpactKind Kind, SystemLevel Level, int Claimed, int Corroborated)
{
    /// <summary>Gets the impacts claimed and corroborated together.</summary>
    public int Total => Claimed + Corroborated;
}
