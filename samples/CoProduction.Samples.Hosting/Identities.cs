using System.Security.Claims;
using CoProduction.Commands;

namespace CoProduction.Samples.Hosting;

/// <summary>Who the sample's actors are, outside the sites' teams (the members are in <see cref="KilifiTeam"/>).</summary>
internal static class Identities
{
    /// <summary>Gets the committee of the sample's protocol.</summary>
    public static CommitteeId Kemri { get; } = new("kemri-seru");

    /// <summary>Gets the coordinator: the administrator the worker runs as.</summary>
    public static Actor Coordinator { get; } = Actor.Named("kilifi-coordinator");

    /// <summary>Gets the worker's principal, signed in as the coordinator (in a web app it is the request's user instead).</summary>
    public static ClaimsPrincipal Worker { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimsCurrentActor.DefaultActorClaimType, "kilifi-coordinator")], authenticationType: "worker"));
}
