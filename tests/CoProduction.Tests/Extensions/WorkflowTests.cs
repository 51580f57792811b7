using System;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using CoProduction.Tests.Cycles;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Extensions;

/// <summary>Steps across aggregates through the DI layer: one atomic write, one command id, the retry policy.</summary>
public sealed class WorkflowTests
{
    private static readonly LocalDate AmendedOn = new(2015, 6, 1);

    private sealed class App : IDisposable
    {
        public App(Instant now, CommitteePolicy? policy = null)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IClock>(new FakeClock(now));
            services.AddSingleton<ITeamRoster>(KilifiSite.Roster());
            services.AddSingleton<IEthicsGate>(KilifiSite.Gate());
            services.AddSingleton<IEventStore>(Store);
            var builder = services.AddCoProduction(o => o.CommandRetryDelay = TimeSpan.Zero).UseTestAccess();
            if (policy is not null)
            {
                builder.AddCommitteePolicy(Kemri, policy);
            }

            Provider = services.BuildServiceProvider(validateScopes: true);
            Scope = Provider.CreateScope();
        }

        public InterferingStore Store { get; } = new();

        public ServiceProvider Provider { get; }

        public IServiceScope Scope { get; }

        public AmendmentWorkflow Amendments => Scope.ServiceProvider.GetRequiredService<AmendmentWorkflow>();

        public CycleCommands Cycles => Scope.ServiceProvider.GetRequiredService<CycleCommands>();

        public async Task SaveAsync<T>(T aggregate)
            where T : class, Events.IEventSourcedAggregate<T>
            => await Provider.GetRequiredService<AggregateRepository<T>>().SaveAsync(aggregate, cancellationToken: TestContext.Current.CancellationToken);

        public async Task<T> LoadAsync<T>(StreamId stream)
            where T : class, Events.IEventSourcedAggregate<T>
            => await Provider.GetRequiredService<AggregateRepository<T>>().LoadAsync(stream, TestContext.Current.CancellationToken);

        public void Dispose()
        {
            Scope.Dispose();
            Provider.Dispose();
        }
    }

    private static async Task<(App App, Protocol Protocol, Amendment Amendment)> DraftedAmendmentAsync()
    {
        var app = new App(At(200));
        var protocol = Approved();
        // A generic amendment (a KWTRP protocol adding journaling) for the amendment mechanics, not the paper's story: journaling was Mitchell's Plain's (Table 1).
        var amendment = DraftAmendment(protocol, "A1", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), AmendedOn, At(150), "managers asked to keep journals");
        await app.SaveAsync(protocol);
        await app.SaveAsync(amendment);
        return (app, protocol, amendment);
    }

    [Fact]
    public async Task Submitting_an_amendment_lodges_it_on_its_protocol_in_one_write_with_one_command_id()
    {
        var (app, protocol, amendment) = await DraftedAmendmentAsync();
        using var _ = app;
        var before = await app.Store.ReadLastPositionAsync(TestContext.Current.CancellationToken);

        var result = await app.Amendments.SubmitAsync(amendment.Id, new CommandId("submit-A1"), cancellationToken: TestContext.Current.CancellationToken);

        var written = await app.Store.ReadAllAsync(before, 10, TestContext.Current.CancellationToken);
        Assert.Equal(["amendment.submitted", "protocol.amendment-lodged"], written.Select(e => e.EventName));
        Assert.All(written, e => Assert.Equal(new CommandId("submit-A1"), e.CommandId));
        Assert.Equal(3, app.Store.Appends);   // the protocol's and the amendment's saves, then the step's one write
        Assert.Equal(AmendmentStatus.Submitted, result.Get<Amendment>(amendment.StreamId).State.Status);
        Assert.Equal(amendment.Id, Assert.Single(result.Get<Protocol>(protocol.StreamId).State.Pending).Amendment);
        Assert.Equal(written[^1].Position, result.Append!.LastPosition);

        var again = await app.Amendments.SubmitAsync(amendment.Id, new CommandId("submit-A1"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(again.WasDuplicate);
        Assert.Equal(written[^1].Position, await app.Store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Approving_applies_the_amendment_to_its_protocol_in_the_same_write()
    {
        var (app, protocol, amendment) = await DraftedAmendmentAsync();
        using var _ = app;
        await app.Amendments.SubmitAsync(amendment.Id, cancellationToken: TestContext.Current.CancellationToken);
        await ReviewAsync(app, amendment.Id);

        var result = await app.Amendments.ApproveAsync(amendment.Id, AmendedOn, cancellationToken: TestContext.Current.CancellationToken);

        var amended = result.Get<Protocol>(protocol.StreamId).State;
        Assert.Equal(AmendmentStatus.Approved, result.Get<Amendment>(amendment.StreamId).State.Status);
        Assert.Equal(2, amended.CurrentVersion!.Number);
        Assert.Equal(AmendedOn, amended.CurrentVersion.InForceFrom);
        Assert.Contains(DataCollectionMethod.Journaling, amended.CurrentVersion.Scope.Methods);
        Assert.Empty(amended.Pending);
        Assert.Equal(2, (await app.LoadAsync<Protocol>(protocol.StreamId)).State.CurrentVersion!.Number);
    }

    [Fact]
    public async Task A_non_substantial_amendment_accepted_as_a_notification_is_applied_in_the_same_write_where_the_committee_allows_it()
    {
        var changes = new AmendmentChanges([], [], personnelChanges: "adds a field researcher");
        var ct = TestContext.Current.CancellationToken;

        // The Kenyan committee reviews every amendment: refused, nothing written.
        using (var kenya = new App(At(200), CommitteePolicies.KenyaNationalCommittee))
        {
            var reviewed = Approved();
            var amendment = DraftAmendment(reviewed, "A1", changes, AmendedOn, At(150), "new field researcher", substantial: false);
            await kenya.SaveAsync(reviewed);
            await kenya.SaveAsync(amendment);
            await kenya.Amendments.SubmitAsync(amendment.Id, cancellationToken: ct);
            var before = await kenya.Store.ReadLastPositionAsync(ct);

            var refused = await Assert.ThrowsAsync<CommandRejectedException>(async () =>
                await kenya.Amendments.AcceptAsNotificationAsync(amendment.Id, AmendedOn, cancellationToken: ct));

            Assert.Equal(AmendmentTrigger.AcceptAsNotification, refused.Trigger);
            Assert.Contains("reviews every amendment", refused.Message, StringComparison.Ordinal);
            Assert.Equal(before, await kenya.Store.ReadLastPositionAsync(ct));
        }

        // A committee that accepts notifications: the amendment is approved and the protocol's next version is in force.
        using var app = new App(At(200), CommitteePolicies.SouthAfricanUniversityCommittee);
        var protocol = Approved();
        var accepted = DraftAmendment(protocol, "A1", changes, AmendedOn, At(150), "new field researcher", substantial: false);
        await app.SaveAsync(protocol);
        await app.SaveAsync(accepted);
        await app.Amendments.SubmitAsync(accepted.Id, cancellationToken: ct);
        var start = await app.Store.ReadLastPositionAsync(ct);

        var result = await app.Amendments.AcceptAsNotificationAsync(accepted.Id, AmendedOn, new CommandId("notify-A1"), cancellationToken: ct);

        var written = await app.Store.ReadAllAsync(start, 10, ct);
        Assert.Equal(["amendment.approved", "protocol.amendment-applied"], written.Select(e => e.EventName));
        Assert.All(written, e => Assert.Equal(new CommandId("notify-A1"), e.CommandId));
        var amended = result.Get<Protocol>(protocol.StreamId).State;
        Assert.Equal(2, amended.CurrentVersion!.Number);
        Assert.Equal("adds a field researcher", amended.CurrentVersion.PersonnelChanges);
        Assert.Empty(amended.Pending);
        Assert.True((await app.Amendments.AcceptAsNotificationAsync(accepted.Id, AmendedOn, new CommandId("notify-A1"), cancellationToken: ct)).WasDuplicate);
    }

    [Fact]
    public async Task Withdrawing_or_rejecting_releases_what_the_amendment_reserved()
    {
        var (app, protocol, amendment) = await DraftedAmendmentAsync();
        using var _ = app;
        await app.Amendments.SubmitAsync(amendment.Id, cancellationToken: TestContext.Current.CancellationToken);

        var withdrawn = await app.Amendments.WithdrawAsync(amendment.Id, "the managers declined", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AmendmentStatus.Withdrawn, withdrawn.Get<Amendment>(amendment.StreamId).State.Status);
        Assert.Empty(withdrawn.Get<Protocol>(protocol.StreamId).State.Pending);

        var second = DraftAmendment(withdrawn.Get<Protocol>(protocol.StreamId), "A2", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), AmendedOn, At(160));
        await app.SaveAsync(second);
        await app.Amendments.SubmitAsync(second.Id, cancellationToken: TestContext.Current.CancellationToken);
        await ReviewAsync(app, second.Id);
        var rejected = await app.Amendments.RejectAsync(second.Id, "journals would identify managers", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(AmendmentStatus.Rejected, rejected.Get<Amendment>(second.StreamId).State.Status);
        Assert.Empty(rejected.Get<Protocol>(protocol.StreamId).State.Pending);
    }

    [Fact]
    public async Task An_amendment_written_against_a_version_changed_since_is_refused_at_approval_with_the_rebase_reason_and_nothing_is_written()
    {
        var (app, protocol, stale) = await DraftedAmendmentAsync();
        using var _ = app;

        // The old two-save path: the stale amendment was submitted and reviewed without being lodged.
        stale.Submit(Stamp(At(160), Researcher));
        stale.StartReview(Stamp(At(161), Committee));
        await app.SaveAsync(stale);
        var first = DraftAmendment(protocol, "A0", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling), ScopeItem.Of(DataCollectionMethod.Diary)), AmendedOn, At(162));
        first.Submit(Stamp(At(162), Researcher));
        protocol.LodgeAmendment(first, Stamp(At(162), Researcher));
        first.StartReview(Stamp(At(163), Committee));
        first.Approve(AmendedOn, Stamp(At(164), Committee));
        protocol.ApplyAmendment(first, Stamp(At(164), Committee));
        await app.SaveAsync(first);
        await app.SaveAsync(protocol);
        var before = await app.Store.ReadLastPositionAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<CommandRejectedException>(async () =>
            await app.Amendments.ApproveAsync(stale.Id, AmendedOn.PlusDays(10), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(AmendmentTrigger.Approve, refused.Trigger);
        Assert.Contains("rebase it on version 2", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await app.Store.ReadLastPositionAsync(TestContext.Current.CancellationToken));

        // Under review, it can be rebased; a rebased amendment whose change is already in force still does not apply.
        var rebasable = await app.LoadAsync<Amendment>(stale.StreamId);
        Assert.Contains(AmendmentTrigger.Rebase, rebasable.PermittedTriggers());
    }

    [Fact]
    public async Task A_conflict_on_either_stream_retries_the_whole_step_and_says_how_many_times()
    {
        var (app, protocol, amendment) = await DraftedAmendmentAsync();
        using var _ = app;
        app.Store.BeforeNextAppend(async () =>
        {
            var other = await app.LoadAsync<Protocol>(protocol.StreamId);
            other.Suspend(new LocalDate(2015, 7, 1), "audit", Stamp(At(170), Committee));
            other.Reinstate(new LocalDate(2015, 7, 2), Stamp(At(171), Committee));
            await app.SaveAsync(other);
        });

        var result = await app.Amendments.SubmitAsync(amendment.Id, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Retries);
        Assert.Single(result.Get<Protocol>(protocol.StreamId).State.Pending);
    }

    [Fact]
    public async Task Starting_the_next_cycle_saves_both_cycles_in_one_write_and_a_retry_returns_both()
    {
        using var app = new App(KilifiSite.On(2017, 1, 9));
        var completed = KilifiSite.Completed(KilifiSite.Rules());
        await app.SaveAsync(completed);
        var next = new CycleId("kilifi-2017");

        var result = await app.Cycles.StartNextAsync(completed.Id, next, "the Facility Improvement Fund Act", new CommandId("next-2017"), cancellationToken: TestContext.Current.CancellationToken);

        var started = result.Get<Cycle>(AggregateRepository<Cycle>.StreamOf(next));
        Assert.Equal((CycleStage.Planning, completed.State.Number + 1, (CycleId?)completed.Id), (started.State.Stage, started.State.Number, started.State.PreviousCycle));
        Assert.Contains(started.State.Proposals, p => p.Id == new ActivityId("fif-act"));
        Assert.Equal(next, (await app.LoadAsync<Cycle>(completed.StreamId)).State.NextCycle);
        Assert.Equal(CycleStage.Planning, (await app.LoadAsync<Cycle>(started.StreamId)).State.Stage);

        var again = await app.Cycles.StartNextAsync(completed.Id, next, "the Facility Improvement Fund Act", new CommandId("next-2017"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(again.WasDuplicate);
        Assert.Equal(result.Append!.LastPosition, await app.Store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Starting_the_next_cycle_through_a_single_cycle_command_is_refused_and_writes_nothing()
    {
        using var app = new App(KilifiSite.On(2017, 1, 9));
        var completed = KilifiSite.Completed(KilifiSite.Rules());
        await app.SaveAsync(completed);
        var before = await app.Store.ReadLastPositionAsync(TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(async () => await app.Cycles.ExecuteAsync(
            completed.Id, (cycle, ctx) => cycle.StartNext(new CycleId("kilifi-2017"), "next", ctx.Context), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(nameof(CycleCommands.StartNextAsync), refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await app.Store.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    private static async Task ReviewAsync(App app, AmendmentId id)
        => await app.Scope.ServiceProvider.GetRequiredService<IAggregateCommands<Amendment>>().ExecuteAsync(
            id, (a, ctx) => a.StartReview(ctx.Stamp), actor: Committee, cancellationToken: TestContext.Current.CancellationToken);
}
