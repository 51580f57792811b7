using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CoProduction;

/// <summary>
/// A command was refused: its trigger is not permitted in the aggregate's current state, a guard
/// is unmet, or the command breaks a rule of the domain. The aggregate is exactly as it was.
/// </summary>
/// <remarks>
/// Apps show <see cref="Reasons"/> to users and build their buttons from
/// <see cref="PermittedTriggers"/>; the <see cref="Exception.Message"/> joins them into one sentence.
/// </remarks>
public sealed class CommandRejectedException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="aggregate">What was addressed, for example <c>cycle 'kilifi-2016'</c>.</param>
    /// <param name="state">The state the aggregate is in, for example <c>Planning</c>.</param>
    /// <param name="trigger">The trigger that was tried, for example <c>StartActing</c>.</param>
    /// <param name="permittedTriggers">The triggers allowed now.</param>
    /// <param name="reasons">Why the command was refused: unmet guard descriptions and rule violations, each a sentence.</param>
    public CommandRejectedException(
        string aggregate,
        string state,
        string trigger,
        IEnumerable<string> permittedTriggers,
        IEnumerable<string> reasons)
        : this(aggregate, state, trigger, permittedTriggers.ToArray(), reasons.ToArray())
    {
    }

    private CommandRejectedException(string aggregate, string state, string trigger, string[] permitted, string[] reasons)
        : base(Compose(aggregate, state, trigger, permitted, reasons))
    {
        Aggregate = aggregate;
        State = state;
        Trigger = trigger;
        PermittedTriggers = permitted;
        Reasons = reasons;
    }

    /// <summary>Gets what was addressed, for example <c>cycle 'kilifi-2016'</c>.</summary>
    public string Aggregate { get; }

    /// <summary>Gets the state the aggregate was in (and is still in).</summary>
    public string State { get; }

    /// <summary>Gets the trigger that was tried.</summary>
    public string Trigger { get; }

    /// <summary>Gets the triggers that are allowed in the current state with the current records.</summary>
    public IReadOnlyList<string> PermittedTriggers { get; }

    /// <summary>Gets why the command was refused, each a sentence a user can read.</summary>
    public IReadOnlyList<string> Reasons { get; }

    private static string Compose(string aggregate, string state, string trigger, string[] permitted, string[] reasons)
    {
        var why = reasons.Length == 0 ? $"{trigger} is not defined in {state}" : string.Join("; ", reasons);
        var allowed = permitted.Length == 0 ? "nothing (the state is final)" : string.Join(", ", permitted);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Cannot {trigger} {aggregate} in state {state}: {why}. Allowed now: {allowed}.");
    }
}
