using NodaTime;

namespace CoProduction.Access;

/// <summary>One question for the access policy: may this actor give this command on this target at this instant?</summary>
/// <param name="Actor">Who gives the command.</param>
/// <param name="Permission">What the command needs.</param>
/// <param name="Target">What it addresses.</param>
/// <param name="At">When: roles are read on the date this instant falls on at each site.</param>
public sealed record AccessRequest(Actor Actor, Permission Permission, AccessTarget Target, Instant At)
{
    /// <summary>
    /// Gets who gave the command when it is not <see cref="Actor"/>, the actor the recorded events name (a command that
    /// stamped its events with someone else's stamp); <see langword="null"/> when they are the same.
    /// </summary>
    public Actor? GivenBy { get; init; }
}
