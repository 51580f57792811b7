using CoProduction.Events;
using NodaTime;

namespace CoProduction.Programmes;

/// <summary>A research programme was registered with its name and period.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="Name">The programme's name, for example <c>RESYST</c>.</param>
/// <param name="Period">The programme's period, both dates included.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("programme.registered")]
public sealed record ProgrammeRegistered(ProgrammeId Programme, string Name, DateInterval Period, Instant At, Actor By) : IProgrammeEvent;

/// <summary>A learning site was added to a programme.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="Site">The site.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("programme.site-added")]
public sealed record ProgrammeSiteAdded(ProgrammeId Programme, SiteId Site, Instant At, Actor By) : IProgrammeEvent;

/// <summary>An umbrella protocol (shared across the programme's sites) was linked to a programme.</summary>
/// <param name="Programme">The programme.</param>
/// <param name="Protocol">The protocol.</param>
/// <param name="At">When the command was accepted.</param>
/// <param name="By">Who issued it.</param>
[EventName("programme.umbrella-protocol-linked")]
public sealed record UmbrellaProtocolLinked(ProgrammeId Programme, ProtocolId Protocol, Instant At, Actor By) : IProgrammeEvent;
