using NodaTime;

namespace CoProduction.Protocols;

/// <summary>A dated change of an approved protocol's standing: approved (or reinstated), suspended, closed.</summary>
/// <param name="On">The first date of the new standing.</param>
/// <param name="Status">The standing from that date.</param>
public sealed record StatusChange(LocalDate On, ProtocolStatus Status);
