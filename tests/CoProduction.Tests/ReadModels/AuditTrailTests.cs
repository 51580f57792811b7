using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Tests.Extensions;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.ReadModels;

/// <summary>The audit trail on both stores: who did what, when, in which role, for a cycle, a protocol and a site.</summary>
public sealed class AuditTrailTests
{
    private static readonly Instant Now = Instant.FromUtc(2019, 2, 1, 6, 0);
    private static readonly Actor Researcher = Actor.Member(PaperSites.KilifiLeadResearcher);
    private static readonly Actor Director = Actor.Member(PaperSites.KilifiDirector);
    private static readonly Actor Reviewer = Actor.Named("kemri-serc");
    private static readonly CommitteeId Kemri = new("kemri-seru");
    private static readonly CycleId CycleId = new("kilifi-2019");
    private static readonly ProtocolId ProtocolId = new("KWTRP-9");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_trail_names_who_did_what_when_and_in_which_role_for_a_cycle_a_protocol_and_a_site(bool sqlite)
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeClock(Now);
        using var app = ReadModelApp.Create(sqlite, clock, build: b => b
            .AddCommitteePolicy(Kemri, CommitteePolicies.KenyaNationalCommittee)
            .AddCommitteeReviewer(Kemri, Reviewer, new LocalDate(2015, 1, 1)));
        await app.CreateSiteAsync(PaperSites.Kilifi());
        using (var scope = app.Provider.CreateScope())
        {
            var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
            await cycles.StartAsync(new CycleOpening(CycleId, PaperSites.KilifiId, 7, "hospital fees"), actor: Researcher, cancellationToken: ct);
            var feedback = new PlannedActivity(new ActivityId("feedback"), "feedback to county policy-makers", ActivityKind.Feedback, null, new LocalDate(2019, 3, 1), PaperSites.KilifiDirector);
            await cycles.ExecuteAsync(CycleId, (c, ctx) => c.PlanActivity(feedback, ctx.Context), actor: Researcher, cancellationToken: ct);
            await cycles.ExecuteAsync(CycleId, (c, ctx) => c.EndorsePlan(PaperSites.KilifiLeadResearcher, ctx.Context), actor: Researcher, cancellationToken: ct);
            clock.AdvanceMinutes(5);
            await cycles.ExecuteAsync(CycleId, (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Context), actor: Director, cancellationToken: ct);

            var draft = new ProtocolDraft(ProtocolId, "Governance in a county health system", Kemri, new ProtocolScope(
                [DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [PaperSites.KilifiId]))
            { Institution = "KEMRI-Wellcome Trust" };
            await scope.ServiceProvider.GetRequiredService<ProtocolCommands>().DraftAsync(draft, actor: Researcher, cancellationToken: ct);
            var protocols = scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>();
            await protocols.ExecuteAsync(ProtocolId, (p, ctx) => p.Submit(ctx.Stamp), actor: Researcher, cancellationToken: ct);
            await protocols.ExecuteAsync(ProtocolId, (p, ctx) => p.StartReview(ctx.Stamp), actor: Reviewer, cancellationToken: ct);
        }

        await app.CatchUpAsync();
        var trail = app.Provider.GetRequiredService<IAuditTrail>();

        var cycle = (await trail.OfCycleAsync(CycleId, cancellationToken: ct)).Items;
        Assert.Equal(["cycle.started", "cycle.activity-planned", "cycle.plan-endorsed", "cycle.plan-endorsed"], cycle.Select(r => r.Entry.Event));
        Assert.Equal([Researcher, Researcher, Researcher, Director], cycle.Select(r => r.Entry.Actor));
        Assert.Equal([Now, Now, Now, Now.Plus(Duration.FromMinutes(5))], cycle.Select(r => r.Entry.At));
        Assert.Equal("researcher at 'kilifi'", cycle[0].Role);
        Assert.Equal("manager (County, Senior) at 'kilifi'", cycle[3].Role);

        var protocol = (await trail.OfProtocolAsync(ProtocolId, cancellationToken: ct)).Items;
        Assert.Equal(["protocol.drafted", "protocol.submitted", "protocol.review-started"], protocol.Select(r => r.Entry.Event));
        Assert.Equal($"researcher at 'kilifi'; principal investigator of '{ProtocolId}'", protocol[0].Role);
        Assert.Equal("reviewer of committee 'kemri-seru'", protocol[2].Role);

        // The site: its own events first (registered by the coordinator, who holds no role at the site), then its cycle and its protocol, in order.
        var first = await trail.OfSiteAsync(PaperSites.KilifiId, limit: 3, cancellationToken: ct);
        Assert.Equal("site.registered", first.Items[0].Entry.Event);
        Assert.Equal(PaperSites.Lead, first.Items[0].Entry.Actor);
        Assert.Equal("no role on record", first.Items[0].Role);
        var all = (await trail.OfSiteAsync(PaperSites.KilifiId, limit: 10_000, cancellationToken: ct)).Items;
        Assert.Equal(all.Select(r => r.Entry.Position).Order(), all.Select(r => r.Entry.Position));
        Assert.Equal(cycle.Select(r => r.Entry).Concat(protocol.Select(r => r.Entry)), all.Where(r => r.Entry.Stream != "site-kilifi").Select(r => r.Entry));
        var second = await trail.OfSiteAsync(PaperSites.KilifiId, first.Next, limit: 10_000, cancellationToken: ct);
        Assert.Equal(all.Skip(3).Select(r => r.Entry), second.Items.Select(r => r.Entry));
    }
}
