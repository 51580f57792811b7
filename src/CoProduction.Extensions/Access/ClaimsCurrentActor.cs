using System;
using System.Security.Claims;

namespace CoProduction.Commands;

/// <summary>
/// The current actor from a signed-in user's claims: a <see cref="MemberClaimType"/> claim names a member of a site's
/// team (<see cref="Actor.Member"/>), else an <see cref="ActorClaimType"/> claim names an actor outside the teams such as an
/// ethics office or a committee reviewer (<see cref="Actor.Named"/>). No user, an unauthenticated one, or one with neither
/// claim (or a claim naming the reserved <c>system</c>) is no one, and the command is refused.
/// </summary>
/// <remarks>
/// Takes a function returning the principal, so it needs no web framework: in ASP.NET Core pass
/// <c>() =&gt; accessor.HttpContext?.User</c>; in a worker pass the principal the worker runs as.
/// </remarks>
public sealed class ClaimsCurrentActor : ICurrentActor
{
    /// <summary>The default claim type naming a member: <c>coproduction:member</c>.</summary>
    public const string DefaultMemberClaimType = "coproduction:member";

    /// <summary>The default claim type naming an actor outside the teams: <c>coproduction:actor</c>.</summary>
    public const string DefaultActorClaimType = "coproduction:actor";

    private readonly Func<ClaimsPrincipal?> principal;

    /// <summary>Creates the current actor.</summary>
    /// <param name="principal">Returns the signed-in user, or <see langword="null"/> when there is none.</param>
    /// <param name="memberClaimType">The claim type whose value is a member's id.</param>
    /// <param name="actorClaimType">The claim type whose value names an actor outside the teams.</param>
    public ClaimsCurrentActor(Func<ClaimsPrincipal?> principal, string memberClaimType = DefaultMemberClaimType, string actorClaimType = DefaultActorClaimType)
    {
        this.principal = principal ?? throw new ArgumentNullException(nameof(principal));
        MemberClaimType = Preconditions.CheckName(memberClaimType, nameof(memberClaimType));
        ActorClaimType = Preconditions.CheckName(actorClaimType, nameof(actorClaimType));
    }

    /// <summary>Gets the claim type whose value is a member's id.</summary>
    public string MemberClaimType { get; }

    /// <summary>Gets the claim type whose value names an actor outside the teams.</summary>
    public string ActorClaimType { get; }

    /// <summary>Gets the actor the user's claims name, or <c>default(Actor)</c> (no one) when they name none.</summary>
    public Actor Current
    {
        get
        {
            var user = principal();
            if (user?.Identity?.IsAuthenticated != true)
            {
                return default;
            }

            try
            {
                if (user.FindFirst(MemberClaimType)?.Value is { } member)
                {
                    return Actor.Member(new MemberId(member));
                }

                return user.FindFirst(ActorClaimType)?.Value is { } name ? Actor.Named(name) : default;
            }
            catch (ArgumentException)
            {
                // A claim that is not a valid id or name, or names the reserved system actor: no one.
                return default;
            }
        }
    }
}
