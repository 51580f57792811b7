using System;

namespace CoProduction;

/// <summary>
/// Whether a trigger may be fired now and, when it may not, why: what an app needs to draw a
/// button enabled or disabled with its tooltip.
/// </summary>
/// <typeparam name="TTrigger">The machine's trigger type.</typeparam>
/// <param name="Trigger">The trigger.</param>
/// <param name="Refusal">Why it is blocked, as data; <see langword="null"/> when permitted.</param>
public sealed record TriggerAvailability<TTrigger>(TTrigger Trigger, Refusal? Refusal)
    where TTrigger : struct, Enum
{
    /// <summary>Gets a value indicating whether firing the trigger now would be accepted (its arguments aside).</summary>
    public bool IsPermitted => Refusal is null;

    /// <summary>Gets why it is blocked, each a sentence; empty when permitted.</summary>
    public ValueList<string> Reasons => Refusal?.Reasons ?? [];
}
