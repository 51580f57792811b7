using CoProduction.Protocols;

namespace CoProduction.ReadModels;

/// <summary>What a protocol approved for a site on a date: the version in force that day and its scope.</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Title">The protocol's title.</param>
/// <param name="Kind">Main, sub-study or umbrella.</param>
/// <param name="Version">The version's number.</param>
/// <param name="Scope">What the version permits.</param>
public sealed record SiteApproval(ProtocolId Protocol, string Title, ProtocolKind Kind, int Version, ProtocolScope Scope);
