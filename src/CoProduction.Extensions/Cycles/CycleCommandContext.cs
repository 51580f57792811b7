using CoProduction.Commands;
using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>What a cycle's command decides with: when, who, which command, and the rules at the cycle's site.</summary>
/// <param name="Now">The instant of the command, from the registered <see cref="IClock"/>.</param>
/// <param name="Actor">Who issued the command.</param>
/// <param name="CommandId">The command's id; a retry with the same id is recorded once.</param>
/// <param name="Rules">The ethics gate, roster, time zones and policy for the cycle's site, as the store knows them now.</param>
public sealed record CycleCommandContext(Instant Now, Actor Actor, CommandId CommandId, CycleRules Rules)
{
    internal static CycleCommandContext From(CommandContext context, CycleRules rules)
        => new(context.Now, context.Actor, context.CommandId, rules);
}
