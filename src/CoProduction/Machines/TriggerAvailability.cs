using System;
using System.Collections.Generic;

namespace CoProduction.Machines;

/// <summary>
/// Whether a trigger may be fired now and, when it may not, why: what an app needs to draw a
/// button enabled or disabled with its tooltip.
/// </summary>
/// <typeparam name="TTrigger">The machine's trigger type.</typeparam>
/// <param name="Trigger">The trigger.</param>
/// <param name="IsPermitted">Whether firing it now would be accepted.</param>
/// <param name="Reasons">Why it is blocked (unmet guards, or the state not allowing it); empty when permitted.</param>
public sealed record TriggerAvailability<TTrigger>(TTrigger Trigger, bool IsPermitted, IReadOnlyList<string> Reasons)
    where TTrigger : struct, Enum;
