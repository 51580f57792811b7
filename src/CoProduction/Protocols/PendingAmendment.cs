using NodaTime;

namespace CoProduction.Protocols;

/// <summary>
/// An amendment lodged with its protocol and awaiting the committee's decision. While it is pending,
/// no other amendment touching the same items can be lodged or applied.
/// </summary>
/// <param name="Amendment">The amendment.</param>
/// <param name="BaseVersion">The protocol version it was written against.</param>
/// <param name="Touches">The scope items (and possibly the approval period) it changes.</param>
/// <param name="LodgedAt">When it was lodged.</param>
public sealed record PendingAmendment(AmendmentId Amendment, int BaseVersion, ValueList<ScopeItem> Touches, Instant LodgedAt);
