using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Access;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using CoProduction.Telemetry;
using CoProduction.Tests.Sites;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Access;

/// <summary>The command layer under the default policy: the site roster from the store, the committee roster, the administrators.</summary>
public sealed class AccessEnforcementTests
{
    private static readonly Instant Now = Instant.FromUtc(2019, 2, 1, 6, 0);
    private static readonly Actor Office = Actor.Named("resyst-coordinator");
    private static readonly Actor Reviewer = Actor.Named("kemri-serc");
    private static readonly CommitteeId Kemri = new("kemri-seru");
    private static readonly Actor Researcher = Actor.Member(PaperSites.KilifiLeadResearcher);
    private static readonly Actor Manager = Actor.Member(PaperSites.KilifiDirector);
    private static readonly CycleId CycleId = new("kilifi-2019");

    [Fact]
    public async Task A_command_naming_no_actor_is_refused_and_nothing_is_recorded()
    {
        using var app = await App.WithKilifiAsync();
        var before = await app.PositionAsync();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => app.Cycles.StartAsync(new CycleOpening(CycleId, PaperSites.KilifiId, 1, "fees"), cancellationToken: Ct).AsTask());

        Assert.True(ex.Actor.IsDefault);
        Assert.Contains("names no actor", ex.Message, StringComparison.Ordinal);
        Assert.Contains("UseCurrentActor", ex.AllowedRoles, StringComparison.Ordinal);
        Assert.Equal(before, await app.PositionAsync());
    }

    [Fact]
    public async Task A_researcher_recording_the_managers_endorsement_is_denied_and_the_manager_endorses_themselves()
    {
        using var app = await App.WithKilifiAsync();
        await app.PlannedCycleAsync();
        var before = await app.PositionAsync();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => app.Cycles.ExecuteAsync(
            CycleId, (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Context), actor: Researcher, cancellationToken: Ct).AsTask());

        Assert.Equal(Researcher, ex.Actor);
        Assert.Equal(Permission.For(CycleTrigger.EndorsePlan), ex.Permission);
        Assert.Contains($"member '{PaperSites.KilifiDirector}' themselves", ex.AllowedRoles, StringComparison.Ordinal);
        Assert.Contains("Nothing was recorded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, await app.PositionAsync());

        var endorsed = await app.Cycles.ExecuteAsync(CycleId, (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Context), actor: Manager, cancellationToken: Ct);
        Assert.Equal(Manager, endorsed.Aggregate.History[^1].By);
    }

    [Fact]
    public async Task A_command_that_stamps_its_event_with_another_actor_is_denied_so_the_history_names_who_gave_it()
    {
        using var app = await App.WithKilifiAsync();
        await app.PlannedCycleAsync();
        var before = await app.PositionAsync();

        // The researcher gives the command but stamps the endorsement with the director's stamp.
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => app.Cycles.ExecuteAsync(
            CycleId, (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Rules.At(new Stamp(ctx.Now, Manager))), actor: Researcher, cancellationToken: Ct).AsTask());

        Assert.Equal(Researcher, ex.Actor);
        Assert.Contains($"records what it decided as done by {Manager}", ex.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await app.PositionAsync());
    }

    [Fact]
    public async Task The_principal_investigator_cannot_approve_their_own_protocol_and_a_committee_reviewer_can()
    {
        using var app = await App.WithKilifiAsync();
        var (runner, draft) = await app.SubmittedProtocolAsync();

        var selfReview = await Assert.ThrowsAsync<AccessDeniedException>(() => runner.ExecuteAsync(draft.Id, (p, ctx) => p.StartReview(ctx.Stamp), actor: Researcher, cancellationToken: Ct).AsTask());
        Assert.Contains($"a reviewer of committee '{Kemri}'", selfReview.AllowedRoles, StringComparison.Ordinal);
        var othersSubmit = await Assert.ThrowsAsync<AccessDeniedException>(() => runner.ExecuteAsync(draft.Id, (p, ctx) => p.Withdraw("no", ctx.Stamp), actor: Manager, cancellationToken: Ct).AsTask());
        Assert.Contains($"not the principal investigator, {Researcher}", othersSubmit.Reason, StringComparison.Ordinal);

        await runner.ExecuteAsync(draft.Id, (p, ctx) => p.StartReview(ctx.Stamp), actor: Reviewer, cancellationToken: Ct);
        var start = new LocalDate(2019, 2, 1);
        var approved = await runner.ExecuteAsync(
            draft.Id, (p, ctx) => p.Approve(start, CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(start), ctx.Stamp), actor: Reviewer, cancellationToken: Ct);
        Assert.Equal(ProtocolStatus.Approved, approved.Aggregate.State.Status);
    }

    [Fact]
    public async Task Consent_is_recorded_by_the_principal_investigator_withdrawn_by_a_reviewer_and_the_cycle_then_refuses_to_collect_from_that_participant()
    {
        using var app = await App.WithKilifiAsync();
        var (runner, draft) = await app.SubmittedProtocolAsync();
        await runner.ExecuteAsync(draft.Id, (p, ctx) => p.StartReview(ctx.Stamp), actor: Reviewer, cancellationToken: Ct);
        var day = new LocalDate(2019, 2, 1);
        await runner.ExecuteAsync(draft.Id, (p, ctx) => p.Approve(day, CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(day), ctx.Stamp), actor: Reviewer, cancellationToken: Ct);
        var participant = new ParticipantId("kl-dm-03");
        var before = await app.PositionAsync();

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => runner.ExecuteAsync(
            draft.Id, (p, ctx) => p.RecordConsent(RespondentGroup.DistrictManagers, participant, [DataCollectionMethod.Interview], day, ctx.Stamp), actor: Manager, cancellationToken: Ct).AsTask());
        Assert.Equal(Permission.For(ProtocolTrigger.RecordConsent), denied.Permission);
        Assert.Equal(before, await app.PositionAsync());

        await runner.ExecuteAsync(
            draft.Id, (p, ctx) => p.RecordConsent(RespondentGroup.DistrictManagers, participant, [DataCollectionMethod.Interview], day, ctx.Stamp), actor: Researcher, cancellationToken: Ct);
        await app.Cycles.StartAsync(new CycleOpening(CycleId, PaperSites.KilifiId, 1, "hospital fees"), actor: Researcher, cancellationToken: Ct);
        var interviews = new PlannedActivity(
            new ActivityId("interviews"), "interviews with the county team", ActivityKind.Research,
            new DataCollection(DataCollectionMethod.Interview, RespondentGroup.DistrictManagers, [participant]), new LocalDate(2019, 2, 1), PaperSites.KilifiDirector);
        await app.Cycles.ExecuteAsync(CycleId, (c, ctx) => c.PlanActivity(interviews, ctx.Context), actor: Researcher, cancellationToken: Ct);
        await app.Cycles.ExecuteAsync(CycleId, (c, ctx) => c.EndorsePlan(PaperSites.KilifiLeadResearcher, ctx.Context), actor: Researcher, cancellationToken: Ct);
        await app.Cycles.ExecuteAsync(CycleId, (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Context), actor: Manager, cancellationToken: Ct);
        Assert.Contains(await app.Cycles.AvailabilityAsync(CycleId, Ct), a => a.Trigger == CycleTrigger.StartActing && a.IsPermitted);

        // The participant withdraws through the committee: a reviewer records it, and the cycle may no longer act on the plan.
        await runner.ExecuteAsync(draft.Id, (p, ctx) => p.WithdrawConsent(RespondentGroup.DistrictManagers, participant, day, ctx.Stamp), actor: Reviewer, cancellationToken: Ct);
        var cycleBefore = await app.PositionAsync();
        var refused = await Assert.ThrowsAsync<CommandRejectedException>(() => app.Cycles.ExecuteAsync(CycleId, (c, ctx) => c.StartActing(ctx.Context), actor: Researcher, cancellationToken: Ct).AsTask());

        Assert.Contains(
            refused.Refusal.UnmetGuards.SelectMany(g => g.Reasons),
            r => r.Contains("participant 'kl-dm-03' (district-managers) withdrew consent under protocol 'KWTRP-9' on 2019-02-01", StringComparison.Ordinal));
        Assert.Equal(cycleBefore, await app.PositionAsync());
        Assert.Equal(CycleStage.Planning, (await app.LoadCycleAsync()).State.Stage);
    }

    [Fact]
    public async Task The_system_actor_is_only_for_the_sweeps_and_a_denial_is_counted()
    {
        using var app = await App.WithKilifiAsync();
        var denied = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CoProductionTelemetry.Name && instrument.Name == CoProductionTelemetry.CommandsDenied)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "coproduction.permission")
                {
                    lock (denied)
                    {
                        denied.Add(tag.Value as string);
                    }
                }
            }
        });
        listener.Start();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => app.Cycles.StartAsync(new CycleOpening(CycleId, PaperSites.KilifiId, 1, "fees"), actor: Actor.System, cancellationToken: Ct).AsTask());

        Assert.Contains("reserved for the library's own sweeps", ex.Reason, StringComparison.Ordinal);
        lock (denied)
        {
            Assert.Contains("cycle.create", denied);
        }
    }

    /// <summary>Commands on a planned cycle, each by an actor drawn from the team and outside it: a denied one changes neither the store nor the cycle.</summary>
    [Property(MaxTest = 40)]
    public Property A_command_by_an_actor_without_the_permission_changes_nothing()
    {
        Actor[] actors = [Researcher, Manager, Actor.Member(PaperSites.KilifiResearcher), Actor.Member(PaperSites.MitchellsPlainLeadResearcher), Office, Reviewer, Actor.System];
        Action<Cycle, CycleCommandContext>[] commands =
        [
            (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Context),
            (c, ctx) => c.EndorsePlan(PaperSites.KilifiLeadResearcher, ctx.Context),
            (c, ctx) => c.WithdrawActivity(new ActivityId("feedback"), ctx.Context),
            (c, ctx) => c.Abandon("stopped", ctx.Context),
        ];
        return Prop.ForAll(
            Gen.Elements(actors).ToArbitrary(),
            Gen.Choose(0, commands.Length - 1).ToArbitrary(),
            (actor, command) =>
            {
                using var app = App.WithKilifiAsync().GetAwaiter().GetResult();
                app.PlannedCycleAsync().GetAwaiter().GetResult();
                var before = app.PositionAsync().GetAwaiter().GetResult();
                var stateBefore = app.LoadCycleAsync().GetAwaiter().GetResult().State;
                try
                {
                    app.Cycles.ExecuteAsync(CycleId, commands[command], actor: actor, cancellationToken: Ct).AsTask().GetAwaiter().GetResult();
                    return Allowed(actor, command);
                }
                catch (AccessDeniedException)
                {
                    return !Allowed(actor, command)
                        && app.PositionAsync().GetAwaiter().GetResult() == before
                        && app.LoadCycleAsync().GetAwaiter().GetResult().State.Equals(stateBefore);
                }
            });

        static bool Allowed(Actor actor, int command) => command switch
        {
            0 => actor == Manager,
            1 => actor == Researcher,
            _ => actor == Researcher || actor == Manager,
        };
    }

    private static System.Threading.CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class App : IDisposable
    {
        private App()
        {
            var services = new ServiceCollection();
            services.AddSingleton<IClock>(new FakeClock(Now));
            services.AddCoProduction(o => o.CommandRetryDelay = TimeSpan.Zero)
                .AddAdministrator(Office)
                .AddCommitteePolicy(Kemri, CommitteePolicies.KenyaNationalCommittee)
                .AddCommitteeReviewer(Kemri, Reviewer, new LocalDate(2015, 1, 1));
            Provider = services.BuildServiceProvider(validateScopes: true);
            Scope = Provider.CreateScope();
            Cycles = Scope.ServiceProvider.GetRequiredService<CycleCommands>();
        }

        public ServiceProvider Provider { get; }

        public IServiceScope Scope { get; }

        public CycleCommands Cycles { get; }

        public static async Task<App> WithKilifiAsync()
        {
            var app = new App();
            await app.Scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>().CreateAsync(_ => PaperSites.Kilifi(), actor: Office, cancellationToken: Ct);
            return app;
        }

        /// <summary>Starts Kilifi's 2019 cycle and plans feedback, as the lead researcher.</summary>
        public async Task PlannedCycleAsync()
        {
            await Cycles.StartAsync(new CycleOpening(CycleId, PaperSites.KilifiId, 1, "hospital fees"), actor: Researcher, cancellationToken: Ct);
            var feedback = new PlannedActivity(
                new ActivityId("feedback"), "feedback to county policy-makers", ActivityKind.Feedback, null, new LocalDate(2019, 3, 1), PaperSites.KilifiDirector);
            await Cycles.ExecuteAsync(CycleId, (c, ctx) => c.PlanActivity(feedback, ctx.Context), actor: Researcher, cancellationToken: Ct);
        }

        /// <summary>Drafts protocol KWTRP-9 (interviews with district managers at Kilifi) and submits it, as the lead researcher.</summary>
        public async Task<(IAggregateCommands<Protocol> Runner, ProtocolDraft Draft)> SubmittedProtocolAsync()
        {
            var runner = Scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>();
            var draft = new ProtocolDraft(new ProtocolId("KWTRP-9"), "Governance in a county health system", Kemri, new ProtocolScope(
                [DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [PaperSites.KilifiId]))
            { Institution = "KEMRI-Wellcome Trust" };
            await Scope.ServiceProvider.GetRequiredService<ProtocolCommands>().DraftAsync(draft, actor: Researcher, cancellationToken: Ct);
            await runner.ExecuteAsync(draft.Id, (p, ctx) => p.Submit(ctx.Stamp), actor: Researcher, cancellationToken: Ct);
            return (runner, draft);
        }

        public async Task<long> PositionAsync()
        {
            return await Provider.GetRequiredService<IEventStore>().ReadLastPositionAsync(Ct);
        }

        public async Task<Cycle> LoadCycleAsync()
            => await Provider.GetRequiredService<AggregateRepository<Cycle>>().LoadAsync(AggregateRepository<Cycle>.StreamOf(CycleId), Ct);

        public void Dispose()
        {
            Scope.Dispose();
            Provider.Dispose();
        }
    }
}
