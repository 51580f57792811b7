using NodaTime;

namespace CoProduction.Programmes;

/// <summary>
/// A protocol version in force at a site during part of a year: approved and unexpired
/// (<see cref="Protocols.ProtocolState.VersionInForceOn"/>) with a scope naming the site, from <paramref name="From"/>
/// to <paramref name="To"/>.
/// </summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Version">The version in force.</param>
/// <param name="Title">The protocol's title.</param>
/// <param name="From">The first day of the year it was in force at the site.</param>
/// <param name="To">The last day of the year it was in force at the site, included.</param>
public sealed record ProtocolInForceSummary(ProtocolId Protocol, int Version, string Title, LocalDate From, LocalDate To);
