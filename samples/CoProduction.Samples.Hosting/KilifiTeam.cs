using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace CoProduction.Samples.Hosting;

/// <summary>
/// Stands in for the app's users, each acting as themselves under the default access policy: the coordinator (the
/// worker's identity) registers Kilifi; the principal investigator drafts and submits a protocol and the committee's
/// reviewer approves it (ending in three weeks,
/// so the sweep has a reminder to hand over), and starts a cycle through to Acting. Every command has
/// a fixed <see cref="CommandId"/>, so a second run records nothing twice.
/// </summary>
public sealed class KilifiTeam(IServiceScopeFactory scopes, IDateTimeZoneProvider zones, IClock clock) : BackgroundService
{
    private static readonly SiteId Kilifi = new("kilifi");
    private static readonly MemberId Amina = new("amina");
    private static readonly MemberId Peter = new("peter");
    private static readonly CycleId FirstCycle = new("kilifi-1");

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var sites = services.GetRequiredService<IAggregateCommands<LearningSite>>();
        var protocols = services.GetRequiredService<IAggregateCommands<Protocol>>();
        var protocolDrafts = services.GetRequiredService<ProtocolCommands>();
        var cycles = services.GetRequiredService<CycleCommands>();
        var nairobi = zones["Africa/Nairobi"];
        LocalDate Today(Instant now) => now.InZone(nairobi).Date;

        await sites.CreateAsync(ctx =>
        {
            var registration = new SiteRegistration(Kilifi, "Kilifi County", CountryCode.Kenya, nairobi) { Level = SiteLevel.County, EngagedSinceYear = 2000 };
            var site = LearningSite.Register(registration, ctx.Stamp);
            site.AddMember(Amina, "Amina (researcher)", ctx.Stamp);
            site.JoinRole(Amina, MemberRole.Researcher, Today(ctx.Now).PlusYears(-1), ctx.Stamp);
            site.AddMember(Peter, "Peter (county director)", ctx.Stamp);
            site.JoinRole(Peter, MemberRole.Manager(ManagementLevel.County, Seniority.Senior), Today(ctx.Now).PlusYears(-1), ctx.Stamp);
            return site;
        }, new CommandId("kilifi/register"), cancellationToken: stoppingToken);   // by the current actor: the worker's own identity (Identities.Worker)

        // The principal investigator drafts and submits; only the committee's reviewer starts the review and approves.
        var committee = Actor.Named("kemri-seru");
        var protocol = new ProtocolId("KWTRP-2");
        var approvedOn = Today(clock.GetCurrentInstant()).PlusDays(-345);   // a year's approval that ends in about three weeks
        var protocolScope = new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [Kilifi]);
        await protocolDrafts.DraftAsync(
            new ProtocolDraft(protocol, "Micro-practices of governance", Identities.Kemri, protocolScope) { Institution = "KEMRI-Wellcome Trust", DraftedOn = approvedOn.PlusDays(-30) },
            new CommandId("kwtrp-2/draft"), Actor.Member(Amina), stoppingToken);
        await protocols.ExecuteAsync(protocol, (p, ctx) => p.Submit(ctx.Stamp), new CommandId("kwtrp-2/submit"), Actor.Member(Amina), stoppingToken);
        await protocols.ExecuteAsync(protocol, (p, ctx) => p.StartReview(ctx.Stamp), new CommandId("kwtrp-2/review"), committee, stoppingToken);
        await protocols.ExecuteAsync(
            protocol,
            (p, ctx) => p.Approve(approvedOn, CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(approvedOn), ctx.Stamp),
            new CommandId("kwtrp-2/approve"),
            committee,
            stoppingToken);

        // The researcher plans and endorses; the county director endorses the plan themselves.
        await cycles.StartAsync(
            new CycleOpening(FirstCycle, Kilifi, 1, "Budget decisions after devolution"),   // in the site's zone, as its roster gives it
            new CommandId("kilifi-1/start"), Actor.Member(Amina), stoppingToken);
        await cycles.ExecuteAsync(FirstCycle, (cycle, ctx) =>
        {
            cycle.PlanActivity(new PlannedActivity(new ActivityId("interviews"), "interviews with the county team", ActivityKind.Research,
                new DataCollection(DataCollectionMethod.Interview, RespondentGroup.DistrictManagers), Today(ctx.Now).PlusDays(7), Amina), ctx.Context);
            cycle.EndorsePlan(Amina, ctx.Context);
        }, new CommandId("kilifi-1/plan"), Actor.Member(Amina), stoppingToken);
        await cycles.ExecuteAsync(FirstCycle, (cycle, ctx) => cycle.EndorsePlan(Peter, ctx.Context), new CommandId("kilifi-1/endorse-peter"), Actor.Member(Peter), stoppingToken);
        await cycles.ExecuteAsync(FirstCycle, (cycle, ctx) => cycle.StartActing(ctx.Context),
            new CommandId("kilifi-1/start-acting"), Actor.Member(Amina), stoppingToken);
    }
}
