using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// One approved version of a protocol: version 1 as first approved, then one per applied amendment.
/// A version is in force from <see cref="InForceFrom"/> until the next version comes into force,
/// while the protocol's approval is current.
/// </summary>
/// <param name="Number">1 for the first approval, then 2, 3, … per applied amendment.</param>
/// <param name="Scope">What this version permits.</param>
/// <param name="InForceFrom">The first date it applies: the approval period's start for version 1, the amendment's approval date after.</param>
/// <param name="ApprovedOn">The committee's approval date (of the protocol, or of the amendment).</param>
/// <param name="Amendment">The amendment that produced it; <see langword="null"/> for version 1.</param>
/// <param name="Changes">The scope changes from the previous version; empty for version 1.</param>
/// <param name="ExtendedApprovalTo">The new approval end the amendment set, if it extended the period.</param>
/// <param name="PersonnelChanges">Personnel changes the amendment described, if any.</param>
public sealed record ProtocolVersion(
    int Number,
    ProtocolScope Scope,
    LocalDate InForceFrom,
    LocalDate ApprovedOn,
    AmendmentId? Amendment,
    ScopeDiff Changes,
    LocalDate? ExtendedApprovalTo,
    string? PersonnelChanges)
{
    /// <summary>Gets every item this version changed: the scope items, and the approval period when it was extended.</summary>
    public ValueList<ScopeItem> Touched
        => ExtendedApprovalTo is null
            ? Changes.Added.AddRange(Changes.Removed)
            : Changes.Added.AddRange(Changes.Removed).Add(ScopeItem.Period);
}
