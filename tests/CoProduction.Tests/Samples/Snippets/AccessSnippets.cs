using System;
using System.Security.Claims;
using System.Threading.Tasks;
using CoProduction.Access;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Sites;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Samples.Snippets;

// The code blocks of docs/access.md, compiled and run (DocsSnippetTests keeps the page and the regions equal).
public sealed class AccessSnippets
{
    /// <summary>Stands in for ASP.NET Core's IHttpContextAccessor: the request's signed-in user.</summary>
    public sealed class SignedInUser
    {
        public ClaimsPrincipal? Principal { get; set; }
    }

    [Fact]
    public async Task The_signed_in_member_acts_as_themselves_and_cannot_endorse_for_the_manager()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2019, 2, 1, 6, 0)));
        services.AddScoped<SignedInUser>();

        #region access-setup
        services.AddCoProduction()
            .UseCurrentActor(sp => new ClaimsCurrentActor(() => sp.GetRequiredService<SignedInUser>().Principal))  // web: () => accessor.HttpContext?.User
            .AddAdministrator(Actor.Named("resyst-coordinator"))                                  // registers sites and their teams
            .AddCommitteeReviewer(new CommitteeId("kemri-seru"), Actor.Named("kemri-serc"), new LocalDate(2015, 1, 1))
            .AddProgrammeRole(new ProgrammeId("resyst"), new MemberId("resyst-lead"), ProgrammeRole.Lead, new LocalDate(2011, 1, 1))
            .AllowEndorsementDelegate(Actor.Named("chmt-secretary"), new MemberId("ke-health-director"));
        #endregion

        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>()
            .CreateAsync(_ => PaperSites.Kilifi(), actor: Actor.Named("resyst-coordinator"), cancellationToken: ct);
        var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();

        #region access-claims
        // What the authentication handler put on the request: the member's id as a claim.
        scope.ServiceProvider.GetRequiredService<SignedInUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimsCurrentActor.DefaultMemberClaimType, "ke-lead-researcher")], authenticationType: "cookie"));
        await cycles.StartAsync(new CycleOpening(new CycleId("kilifi-2019"), new SiteId("kilifi"), 7, "hospital fees"), cancellationToken: ct);
        #endregion

        var feedback = new PlannedActivity(new ActivityId("feedback"), "feedback to county policy-makers", ActivityKind.Feedback, null, new LocalDate(2019, 3, 1), PaperSites.KilifiDirector);
        await cycles.ExecuteAsync(new CycleId("kilifi-2019"), (cycle, ctx) => cycle.PlanActivity(feedback, ctx.Context), cancellationToken: ct);

        #region access-denied
        try
        {
            await cycles.ExecuteAsync(new CycleId("kilifi-2019"), (cycle, ctx) => cycle.EndorsePlan(new MemberId("ke-health-director"), ctx.Context), cancellationToken: ct);
        }
        catch (AccessDeniedException denied)
        {
            // denied.Actor: member:ke-lead-researcher; denied.Permission: cycle.EndorsePlan (AccessRule.EndorsingMember)
            // denied.AllowedRoles: "member 'ke-health-director' themselves, or a delegate the app allows for them"
            // Nothing was recorded; the denial is counted on coproduction.commands.denied.
            Assert.Equal(Permission.For(CycleTrigger.EndorsePlan), denied.Permission);
        }
        #endregion

        var cycle = await cycles.ExecuteAsync(
            new CycleId("kilifi-2019"), (c, ctx) => c.EndorsePlan(new MemberId("ke-health-director"), ctx.Context), actor: Actor.Named("chmt-secretary"), cancellationToken: ct);
        Assert.Equal(Actor.Named("chmt-secretary"), cycle.Aggregate.History[^1].By);
        Assert.Equal(Actor.Member(PaperSites.KilifiLeadResearcher), cycle.Aggregate.History[0].By);
    }
}
