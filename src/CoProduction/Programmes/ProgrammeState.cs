using NodaTime;

namespace CoProduction.Programmes;

/// <summary>What a programme is now: the fold of its events. Immutable and value-equal.</summary>
/// <param name="Id">The programme's id.</param>
/// <param name="Name">The programme's name.</param>
/// <param name="Period">The programme's period, both dates included.</param>
/// <param name="Sites">Its learning sites, in the order added.</param>
/// <param name="UmbrellaProtocols">Its umbrella protocols, in the order linked.</param>
public sealed record ProgrammeState(ProgrammeId Id, string Name, DateInterval Period, ValueList<SiteId> Sites, ValueList<ProtocolId> UmbrellaProtocols)
{
    internal bool IsRegistered => Name.Length != 0;

    internal static ProgrammeState Unregistered(ProgrammeId id)
        => new(id, string.Empty, new DateInterval(LocalDate.MinIsoValue, LocalDate.MinIsoValue), ValueList<SiteId>.Empty, ValueList<ProtocolId>.Empty);
}
