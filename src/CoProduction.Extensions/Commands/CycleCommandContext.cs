using CoProduction.Cycles;
using CoProduction.Commands;
using CoProduction.Persistence;
using NodaTime;

namespace CoProduction.Commands;

/// <summary>What a cycle's command decides with: when, who, which command, and the rules at the cycle's site.</summary>
/// <param name="Now">The instant of the command, from the registered <see cref="IClock"/>.</param>
/// <param name="Actor">Who issued the command.</param>
/// <param name="CommandId">The command's id; a retry with the same id is recorded once.</param>
/// <param name="Rules">The ethics gate, roster, time zones and policy for the cycle's site, as the store knows them now.</param>
public sealed record CycleCommandContext(Instant Now, Actor Actor, CommandId CommandId, CycleRules Rules)
{
    /// <summary>Gets the command's stamp (<see cref="Now"/> and <see cref="Actor"/>).</summary>
    public Stamp Stamp => new(Now, Actor);

    /// <summary>Gets the one argument every cycle command takes besides its inputs: the stamp with the rules (<c>Rules.At(Stamp)</c>).</summary>
    /// <example><c>(cycle, ctx) =&gt; cycle.StartActing(ctx.Context)</c>.</example>
    public CycleContext Context => Rules.At(Stamp);

    internal static CycleCommandContext From(CommandContext context, CycleRules rules)
        => new(context.Now, context.Actor, context.CommandId, rules);
}
