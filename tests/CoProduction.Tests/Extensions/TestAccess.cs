using CoProduction.Access;
using CoProduction.Commands;
using CoProduction.DependencyInjection;

namespace CoProduction.Tests.Extensions;

/// <summary>
/// For tests and tools about something other than access (projections, sweeps, stores, crashes): commands that name no
/// actor are given by <see cref="Actor"/>, and every command is allowed. Access itself is tested under the default policy
/// (tests/CoProduction.Tests/Access). Linked into the benchmarks and the crash writer.
/// </summary>
internal static class TestAccess
{
    /// <summary>Gets the actor of commands that name none.</summary>
    public static Actor Actor { get; } = Actor.Named("test-runner");

    /// <summary>Acts as <see cref="Actor"/> under a policy that allows every command.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static CoProductionBuilder UseTestAccess(this CoProductionBuilder builder)
        => builder.UseCurrentActor(_ => new Fixed()).UseAccessPolicy(new AllowAll());

    private sealed class Fixed : ICurrentActor
    {
        public Actor Current => Actor;
    }

    private sealed class AllowAll : IAccessPolicy
    {
        public AccessDecision Decide(AccessRequest request, AccessFacts facts) => AccessDecision.Allow("tests of other features allow every command");
    }
}
