using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CoProduction;

/// <summary>
/// A command was refused: its trigger is not possible in the aggregate's current state, a guard
/// is unmet, or the command breaks a rule of the domain. The aggregate is exactly as it was.
/// </summary>
/// <remarks>
/// Apps branch on <see cref="Refusal"/> (its <see cref="Refusal.Kind"/> and unmet guards), show
/// <see cref="Reasons"/> to users and build their buttons from <see cref="PermittedTriggers"/>; the
/// <see cref="Exception.Message"/> joins them into one sentence. <see cref="State"/> and
/// <see cref="Trigger"/> are the aggregate's own enums (for example <c>CycleStage.Planning</c> and
/// <c>CycleTrigger.StartActing</c>), so <c>ex.Trigger is CycleTrigger.StartActing</c> works.
/// </remarks>
public sealed class CommandRejectedException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="aggregate">What was addressed, for example <c>cycle 'kilifi-2016'</c>.</param>
    /// <param name="state">The state the aggregate is in, for example <c>CycleStage.Planning</c>.</param>
    /// <param name="trigger">The trigger that was tried, for example <c>CycleTrigger.StartActing</c>.</param>
    /// <param name="permittedTriggers">The triggers allowed now.</param>
    /// <param name="refusal">Why the command was refused.</param>
    public CommandRejectedException(string aggregate, Enum state, Enum trigger, IEnumerable<Enum> permittedTriggers, Refusal refusal)
        : this(aggregate, state, trigger, permittedTriggers?.ToArray() ?? throw new ArgumentNullException(nameof(permittedTriggers)), refusal)
    {
    }

    private CommandRejectedException(string aggregate, Enum state, Enum trigger, Enum[] permitted, Refusal refusal)
        : base(Compose(aggregate, state, trigger, permitted, refusal))
    {
        Aggregate = aggregate;
        State = state;
        Trigger = trigger;
        PermittedTriggers = permitted;
        Refusal = refusal;
    }

    /// <summary>Gets what was addressed, for example <c>cycle 'kilifi-2016'</c>.</summary>
    public string Aggregate { get; }

    /// <summary>Gets the state the aggregate was in (and is still in): a value of the aggregate's state enum.</summary>
    public Enum State { get; }

    /// <summary>Gets the trigger that was tried: a value of the aggregate's trigger enum.</summary>
    public Enum Trigger { get; }

    /// <summary>Gets the triggers that are allowed in the current state with the current records.</summary>
    public IReadOnlyList<Enum> PermittedTriggers { get; }

    /// <summary>Gets why the command was refused, as data.</summary>
    public Refusal Refusal { get; }

    /// <summary>Gets why the command was refused, each a sentence a user can read (<see cref="Refusal.Reasons"/>).</summary>
    public IReadOnlyList<string> Reasons => Refusal.Reasons;

    private static string Compose(string aggregate, Enum state, Enum trigger, Enum[] permitted, Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(refusal);
        var why = string.Join("; ", refusal.Reasons.Select(r => r.TrimEnd('.')));
        var allowed = permitted.Length == 0 ? "nothing (the state is final)" : string.Join(", ", permitted.Select(p => p.ToString()));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Cannot {trigger} {aggregate} in state {state}: {why}. Allowed now: {allowed}.");
    }
}
