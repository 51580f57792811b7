using System;
using NodaTime;

namespace CoProduction;

/// <summary>
/// When a command happens and who issues it: the two facts every accepted command records.
/// </summary>
/// <remarks>
/// A stamp always names an actor: the constructor refuses <c>default(Actor)</c>, and every
/// aggregate's command pipeline refuses a <c>default(Stamp)</c> and an instant earlier than the
/// aggregate's latest event. Take the instant from the injected <see cref="IClock"/>:
/// <c>new Stamp(clock.GetCurrentInstant(), actor)</c>.
/// </remarks>
public readonly record struct Stamp
{
    /// <summary>Creates a stamp.</summary>
    /// <param name="at">When the command happens.</param>
    /// <param name="by">Who issues it; not <c>default</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="by"/> is the default, empty actor.</exception>
    public Stamp(Instant at, Actor by)
    {
        if (by.IsDefault)
        {
            throw new ArgumentException("A command is issued by someone: default(Actor) names no one; use Actor.Member or Actor.Named.", nameof(by));
        }

        At = at;
        By = by;
    }

    /// <summary>Gets when the command happens.</summary>
    public Instant At { get; }

    /// <summary>Gets who issues the command.</summary>
    public Actor By { get; }

    /// <summary>Gets a value indicating whether this is <c>default(Stamp)</c>, which names no actor.</summary>
    public bool IsDefault => By.IsDefault;

    /// <summary>Returns the same actor at another instant.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>The new stamp.</returns>
    [System.Diagnostics.Contracts.Pure]
    public Stamp WithAt(Instant at) => new(at, By);

    /// <summary>Refuses <c>default(Stamp)</c>, which names no actor.</summary>
    /// <param name="stamp">The stamp.</param>
    /// <exception cref="ArgumentException">The stamp names no actor.</exception>
    internal static void Require(Stamp stamp)
    {
        if (stamp.IsDefault)
        {
            throw new ArgumentException("A command needs a stamp naming who acts: default(Stamp) names no one; use new Stamp(clock.GetCurrentInstant(), actor).", nameof(stamp));
        }
    }

    /// <summary>Returns <c>{actor} at {instant}</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => By + " at " + At.ToString();
}
