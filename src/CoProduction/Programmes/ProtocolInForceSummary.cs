using NodaTime;

namespace CoProduction.Programmes;

/// <summary>An approved protocol version, as the programme summary shows it (input from the protocols' read side).</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Version">The approved version in force.</param>
/// <param name="Title">The protocol's title.</param>
/// <param name="ValidUntil">The last day of the approval, included.</param>
public sealed record ProtocolInForceSummary(ProtocolId Protocol, int Version, string Title, LocalDate ValidUntil);
