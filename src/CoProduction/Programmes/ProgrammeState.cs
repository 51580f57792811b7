using CoProduction.Events;
using NodaTime;

namespace CoProduction.Programmes;

/// <summary>What a programme is now: the fold of its events. Immutable and value-equal.</summary>
public sealed record ProgrammeState
{
    private ProgrammeState()
    {
    }

    /// <summary>Gets the programme's id.</summary>
    public ProgrammeId Id { get; private init; }

    /// <summary>Gets where the programme stands: <see cref="ProgrammeStatus.Registered"/>.</summary>
    public ProgrammeStatus Status { get; private init; }

    /// <summary>Gets the programme's name.</summary>
    public string Name { get; private init; } = string.Empty;

    /// <summary>Gets the programme's period, both dates included.</summary>
    public DateInterval Period { get; private init; } = new(LocalDate.MinIsoValue, LocalDate.MinIsoValue);

    /// <summary>Gets its learning sites, in the order added.</summary>
    public ValueList<SiteId> Sites { get; private init; }

    /// <summary>Gets its umbrella protocols, in the order linked.</summary>
    public ValueList<ProtocolId> UmbrellaProtocols { get; private init; }

    /// <summary>Gets the state before the first event.</summary>
    internal static ProgrammeState Initial { get; } = new();

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal ProgrammeState Apply(IProgrammeEvent @event) => @event switch
    {
        ProgrammeRegistered e => this with { Id = e.Programme, Name = e.Name, Period = e.Period },
        ProgrammeSiteAdded e => this with { Sites = Sites.Add(e.Site) },
        UmbrellaProtocolLinked e => this with { UmbrellaProtocols = UmbrellaProtocols.Add(e.Protocol) },
        _ => throw Fold.Unknown<ProgrammeState>(@event),
    };
}
