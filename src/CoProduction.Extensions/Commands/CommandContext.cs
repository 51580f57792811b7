using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Commands;

/// <summary>What a command decides with besides the aggregate: when, who, and which command it is.</summary>
/// <param name="Now">The instant of the command, read once from the registered <see cref="IClock"/>.</param>
/// <param name="Actor">Who issued the command: the one given to the call, else <see cref="ICurrentActor.Current"/>.</param>
/// <param name="CommandId">The command's id; a retry with the same id is recorded once.</param>
public sealed record CommandContext(Instant Now, Actor Actor, CommandId CommandId)
{
    /// <summary>Gets the command's stamp (<see cref="Now"/> and <see cref="Actor"/>): what every aggregate command takes.</summary>
    public Stamp Stamp => new(Now, Actor);
}
