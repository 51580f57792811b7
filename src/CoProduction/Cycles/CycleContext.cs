using System;
using NodaTime;
using System.Diagnostics.Contracts;

namespace CoProduction.Cycles;

/// <summary>
/// The one context every cycle command takes: the <see cref="Stamp"/> (when and by whom) and the
/// <see cref="CycleRules"/> it decides with (ethics gate, roster, time zones, policy).
/// </summary>
/// <remarks>
/// Build it with <see cref="CycleRules.At(Stamp)"/>: <c>rules.At(new Stamp(clock.GetCurrentInstant(), actor))</c>
/// (in an app, <c>CycleCommandContext.Cycle</c> is one). It is a small value: building one per command
/// allocates nothing. <c>default(CycleContext)</c> names no one and holds no rules; commands refuse it.
/// </remarks>
public readonly record struct CycleContext
{
    /// <summary>Creates the context; apps use <see cref="CycleRules.At(Stamp)"/>.</summary>
    /// <param name="stamp">When and by whom.</param>
    /// <param name="rules">The rules.</param>
    internal CycleContext(Stamp stamp, CycleRules rules)
    {
        Stamp.Require(stamp);
        Stamp = stamp;
        Rules = rules ?? throw new ArgumentNullException(nameof(rules));
    }

    /// <summary>Gets when the command happens and who issues it.</summary>
    public Stamp Stamp { get; }

    /// <summary>Gets the rules the command decides with.</summary>
    public CycleRules Rules { get; }

    /// <summary>Gets when the command happens (<see cref="Stamp.At"/>).</summary>
    public Instant At => Stamp.At;

    /// <summary>Gets who issues the command (<see cref="Stamp.By"/>).</summary>
    public Actor By => Stamp.By;

    /// <summary>Returns the same rules and actor at another instant.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>The new context.</returns>
    [System.Diagnostics.Contracts.Pure]
    public CycleContext WithAt(Instant at) => new(Stamp.WithAt(at), Rules);

    /// <summary>Refuses <c>default(CycleContext)</c>.</summary>
    /// <param name="context">The context.</param>
    /// <exception cref="ArgumentException">The context was not built with <see cref="CycleRules.At(Stamp)"/>.</exception>
    internal static void Require(CycleContext context)
    {
        if (context.Rules is null)
        {
            throw new ArgumentException("A cycle command needs a context: default(CycleContext) holds no rules and names no one; use rules.At(stamp).", nameof(context));
        }
    }

    /// <summary>Returns <c>{actor} at {instant}</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Stamp.ToString();
}
