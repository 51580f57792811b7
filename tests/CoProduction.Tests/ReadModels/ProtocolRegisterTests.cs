using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.ReadModels;
using CoProduction.Storage.Sqlite;
using CoProduction.Sweeps;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;
using static CoProduction.Tests.Protocols.ProtocolFixtures;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.ReadModels;

public sealed class InMemoryProtocolRegisterTests : ProtocolRegisterTests
{
    protected override IEventStore Store(CoProductionBuilder builder, IServiceProvider services) => new InMemoryEventStore();
}

public sealed class SqliteProtocolRegisterTests : ProtocolRegisterTests, IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    protected override IEventStore Store(CoProductionBuilder builder, IServiceProvider services) => services.GetRequiredService<SqliteEventStore>();

    protected override void UseStore(CoProductionBuilder builder) => builder.UseSqliteStore(folder.File("register.db"));
}

/// <summary>
/// The protocol register on each store, through <c>AddCoProduction</c>: KWTRP-1 (Kilifi's first protocol, approved
/// 2015-03-01 to 2016-02-29 by KEMRI's committee), a sub-study of it interviewing facility managers on facility financing
/// (Kilifi's facility-level focus, Table 1; journaling was Mitchell's Plain's) and RESYST's umbrella protocol over the
/// three sites.
/// </summary>
public abstract class ProtocolRegisterTests
{
    private static readonly ProtocolId Kwtrp1 = new("KWTRP-1");
    private static readonly ProtocolId FinancingStudy = new("KWTRP-1-F");
    private static readonly ProtocolId Umbrella = new("RESYST-U");

    private static readonly ProtocolScope FinancingScope = new([DataCollectionMethod.Interview], [RespondentGroup.FacilityManagers], [Kilifi]);
    private static readonly ProtocolScope UmbrellaScope = new([DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [Kilifi, MitchellsPlain, Sedibeng]);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The store the counting wrapper reads through.</summary>
    protected abstract IEventStore Store(CoProductionBuilder builder, IServiceProvider services);

    /// <summary>Chooses the store.</summary>
    protected virtual void UseStore(CoProductionBuilder builder)
    {
    }

    [Fact]
    public async Task An_entry_summarizes_the_protocol_from_its_own_state()
    {
        using var app = App.Create(this, Instant.FromUtc(2016, 1, 15, 6, 0));
        await app.SeedAsync();

        var entry = await app.Register.GetAsync(Kwtrp1, Cancel);

        Assert.NotNull(entry);
        Assert.Equal("Governance in a county health system", entry.Title);
        Assert.Equal(ProtocolKind.Main, entry.Kind);
        Assert.Null(entry.Parent);
        Assert.Equal(Kemri, entry.Committee);
        Assert.Equal(ProtocolStatus.Approved, entry.Status);
        Assert.Equal([new StatusChange(new LocalDate(2015, 3, 1), ProtocolStatus.Approved)], entry.Timeline);
        var version = Assert.Single(entry.Versions);
        Assert.Equal(new ProtocolVersionEntry(1, new LocalDate(2015, 3, 1), new LocalDate(2015, 3, 1), null, KilifiFirstScope), version);
        Assert.Equal([new ApprovalPeriod(new LocalDate(2015, 3, 1), new LocalDate(2016, 2, 29))], entry.Approvals);
        Assert.Equal(new LocalDate(2016, 2, 29), entry.ApprovalEnd);
        Assert.Empty(entry.Pending);
        Assert.Equal([Kilifi], entry.Sites);
        Assert.Equal(4, entry.Version);
        var stored = await app.Events.ReadStreamAsync(AggregateRepository<Protocol>.StreamOf(Kwtrp1), cancellationToken: Cancel);
        Assert.Equal(stored[^1].Position, entry.Position);
        Assert.Null(await app.Register.GetAsync(new ProtocolId("nowhere"), Cancel));
    }

    [Fact]
    public async Task Sites_sub_studies_umbrellas_and_committees_find_their_protocols_a_page_at_a_time()
    {
        using var app = App.Create(this, Instant.FromUtc(2016, 1, 15, 6, 0));
        await app.SeedAsync();

        var first = await app.Register.OfSiteAsync(Kilifi, limit: 2, cancellationToken: Cancel);
        var second = await app.Register.OfSiteAsync(Kilifi, first.Next, 2, Cancel);
        Assert.Equal([Kwtrp1, FinancingStudy], first.Items.Select(p => p.Id));
        Assert.NotNull(first.Next);
        Assert.Equal([Umbrella], second.Items.Select(p => p.Id));
        Assert.Null(second.Next);
        Assert.Equal([Umbrella], (await app.Register.OfSiteAsync(Sedibeng, cancellationToken: Cancel)).Items.Select(p => p.Id));

        var sub = Assert.Single((await app.Register.SubStudiesAsync(Kwtrp1, cancellationToken: Cancel)).Items);
        Assert.Equal(FinancingStudy, sub.Id);
        Assert.Equal(ProtocolKind.SubStudy, sub.Kind);
        Assert.Equal(Kwtrp1, sub.Parent);
        Assert.Empty((await app.Register.SubStudiesAsync(FinancingStudy, cancellationToken: Cancel)).Items);

        var umbrella = Assert.Single((await app.Register.UmbrellasAsync(cancellationToken: Cancel)).Items);
        Assert.Equal(Umbrella, umbrella.Id);
        Assert.Equal([Kilifi, MitchellsPlain, Sedibeng], umbrella.Sites);

        Assert.Equal(
            [Kwtrp1, FinancingStudy, Umbrella],
            (await app.Register.OfCommitteeAsync(Kemri, cancellationToken: Cancel)).Items.Select(p => p.Id));
        await Assert.ThrowsAsync<ArgumentException>(async () => await app.Register.OfSiteAsync(default, cancellationToken: Cancel));
    }

    [Fact]
    public async Task Approvals_ending_within_some_days_count_from_today_in_the_default_zone()
    {
        using var app = App.Create(this, Instant.FromUtc(2016, 1, 15, 6, 0));
        await app.SeedAsync();

        // KWTRP-1 ends 2016-02-29 (45 days on); the sub-study ends 2016-05-31; the umbrella 2016-04-30.
        var sixty = await app.Register.EndingWithinAsync(60, cancellationToken: Cancel);
        var all = await app.Register.EndingWithinAsync(140, cancellationToken: Cancel);
        var paged = await app.Register.EndingWithinAsync(140, limit: 1, cancellationToken: Cancel);

        Assert.Equal([Kwtrp1], sixty.Items.Select(p => p.Id));
        Assert.Equal([Kwtrp1, Umbrella, FinancingStudy], all.Items.Select(p => p.Id));
        Assert.Equal([Kwtrp1], paged.Items.Select(p => p.Id));
        Assert.Equal([Umbrella], (await app.Register.EndingWithinAsync(140, paged.Next, 1, Cancel)).Items.Select(p => p.Id));
        Assert.Empty((await app.Register.EndingWithinAsync(0, cancellationToken: Cancel)).Items);
        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await app.Register.EndingWithinAsync(-1, cancellationToken: Cancel));
        Assert.Contains("0 (approvals ending today)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_docs_read_approvals_ending_soon_and_what_a_site_was_approved_for()
    {
        using var app = App.Create(this, Instant.FromUtc(2016, 1, 15, 6, 0));
        await app.SeedAsync();
        var services = app.Services;
        var ct = Cancel;
        var lines = new List<string>();

        #region read-side-protocol-register
        var register = services.GetRequiredService<IProtocolRegister>();
        var ending = await register.EndingWithinAsync(days: 60, cancellationToken: ct);   // from today, in DefaultTimeZone
        foreach (var protocol in ending.Items)
        {
            lines.Add($"{protocol.Id} '{protocol.Title}' ends {LocalDatePattern.Iso.Format(protocol.ApprovalEnd!.Value)}");
        }

        // What the domain says was in force at Kilifi on 1 July 2015, version and scope.
        foreach (var approval in await register.ApprovedOnAsync(new SiteId("kilifi"), new LocalDate(2015, 7, 1), ct))
        {
            lines.Add($"{approval.Protocol} v{approval.Version}: {string.Join(", ", approval.Scope.Methods.Select(m => m.Code))}");
        }
        #endregion

        Assert.Equal(
            [
                "KWTRP-1 'Governance in a county health system' ends 2016-02-29",
                "KWTRP-1 v1: document-review, interview, observation",
                "KWTRP-1-F v1: interview",
                "RESYST-U v1: interview",
            ],
            lines);
    }

    [Fact]
    public async Task What_was_approved_for_a_site_on_a_date_is_the_version_in_force_that_day()
    {
        using var app = App.Create(this, Instant.FromUtc(2016, 1, 15, 6, 0));
        await app.SeedAsync();

        var april = await app.Register.ApprovedOnAsync(Kilifi, new LocalDate(2015, 4, 1), Cancel);
        var july = await app.Register.ApprovedOnAsync(Kilifi, new LocalDate(2015, 7, 1), Cancel);
        var march = await app.Register.ApprovedOnAsync(Kilifi, new LocalDate(2016, 3, 5), Cancel);

        Assert.Equal([new SiteApproval(Kwtrp1, "Governance in a county health system", ProtocolKind.Main, 1, KilifiFirstScope)], april);
        Assert.Equal([Kwtrp1, FinancingStudy, Umbrella], july.Select(a => a.Protocol));
        Assert.Equal(FinancingScope, july[1].Scope);
        Assert.Equal([FinancingStudy, Umbrella], march.Select(a => a.Protocol)); // KWTRP-1 lapsed after 2016-02-29.
        Assert.Equal([Umbrella], (await app.Register.ApprovedOnAsync(Sedibeng, new LocalDate(2015, 7, 1), Cancel)).Select(a => a.Protocol));
        Assert.Empty(await app.Register.ApprovedOnAsync(Kilifi, new LocalDate(2014, 12, 1), Cancel));
    }

    [Fact]
    public async Task The_register_follows_an_amendment_from_lodging_to_its_new_version_and_then_the_expiry()
    {
        var clock = new FakeClock(Instant.FromUtc(2015, 9, 1, 6, 0));
        using var app = App.Create(this, clock);
        await app.CreateAsync(Approved());
        Amendment? amendment = null;
        await app.ExecuteAsync(Kwtrp1, (p, ctx) =>
        {
            amendment = DraftAmendment(p, "KWTRP-1-A1", AmendmentChanges.Adding(ScopeItem.Of(RespondentGroup.FacilityManagers)), new LocalDate(2015, 9, 1), ctx.Stamp.At);
            amendment.Submit(ctx.Stamp);
            p.LodgeAmendment(amendment, ctx.Stamp);
        });
        await app.CatchUpAsync();

        var pending = Assert.Single((await app.Register.PendingAmendmentsAsync(cancellationToken: Cancel)).Items);
        Assert.Equal(Kwtrp1, pending.Id);
        Assert.Equal(new AmendmentId("KWTRP-1-A1"), Assert.Single(pending.Pending).Amendment);

        amendment!.StartReview(Stamp(clock.GetCurrentInstant(), Committee));
        amendment.Approve(new LocalDate(2015, 9, 20), Stamp(clock.GetCurrentInstant(), Committee));
        await app.ExecuteAsync(Kwtrp1, (p, ctx) => p.ApplyAmendment(amendment, ctx.Stamp));
        await app.CatchUpAsync();

        var amended = (await app.Register.GetAsync(Kwtrp1, Cancel))!;
        Assert.Empty((await app.Register.PendingAmendmentsAsync(cancellationToken: Cancel)).Items);
        Assert.Equal([1, 2], amended.Versions.Select(v => v.Number));
        Assert.Equal(new LocalDate(2015, 9, 20), amended.Versions[1].InForceFrom);
        Assert.Contains(RespondentGroup.FacilityManagers, amended.Versions[1].Scope.RespondentGroups);
        var october = Assert.Single(await app.Register.ApprovedOnAsync(Kilifi, new LocalDate(2015, 10, 1), Cancel));
        Assert.Equal(2, october.Version);
        Assert.Equal(1, Assert.Single(await app.Register.ApprovedOnAsync(Kilifi, new LocalDate(2015, 9, 19), Cancel)).Version);

        clock.Reset(Instant.FromUtc(2016, 3, 2, 6, 0));
        var swept = await app.Services.GetRequiredService<SweepService>().RunOnceAsync(Cancel);
        await app.CatchUpAsync();

        Assert.Equal(1, swept.ProtocolsExpired);
        var expired = (await app.Register.GetAsync(Kwtrp1, Cancel))!;
        Assert.Equal(ProtocolStatus.Expired, expired.Status);
        Assert.Equal(amended.Version + 1, expired.Version);
        Assert.Empty(await app.Register.ApprovedOnAsync(Kilifi, new LocalDate(2016, 3, 2), Cancel));
        Assert.Equal(0, (await app.Services.GetRequiredService<SweepService>().RunOnceAsync(Cancel)).ProtocolsExpired);
    }

    [Fact]
    public async Task A_cycle_command_sees_a_protocol_approved_just_before_it()
    {
        using var app = App.Create(this, Instant.FromUtc(2016, 2, 1, 6, 0));
        var cycle = await app.CycleReadyToActAsync();

        await Assert.ThrowsAsync<CommandRejectedException>(async () => await app.Cycles.ExecuteAsync(cycle, (c, ctx) => c.StartActing(ctx.Context), cancellationToken: Cancel));
        await app.CreateAsync(Approved(start: new LocalDate(2016, 1, 1)));
        var acting = await app.Cycles.ExecuteAsync(cycle, (c, ctx) => c.StartActing(ctx.Context), cancellationToken: Cancel);

        Assert.Equal(CycleStage.Acting, acting.Aggregate.Stage);
    }

    [Fact]
    public async Task The_gate_reads_no_protocol_stream_while_no_protocol_changed_and_only_the_changed_one_after()
    {
        using var app = App.Create(this, Instant.FromUtc(2016, 2, 1, 6, 0));
        await app.CreateAsync(Approved("KWTRP-0", start: new LocalDate(2015, 1, 5)));
        await app.CreateAsync(Approved(start: new LocalDate(2016, 1, 1)));
        var cycle = await app.CycleReadyToActAsync();
        await app.Cycles.AvailabilityAsync(cycle, Cancel);
        var before = app.Counter.ReadsOf(Protocol.StreamCategory);

        await app.Cycles.AvailabilityAsync(cycle, Cancel);
        await app.Cycles.ExecuteAsync(cycle, (c, ctx) => c.StartActing(ctx.Context), cancellationToken: Cancel);
        Assert.Equal(before, app.Counter.ReadsOf(Protocol.StreamCategory));

        await app.CreateAsync(Approved(FinancingStudy.Value, FinancingScope, new LocalDate(2016, 1, 1), ProtocolKind.SubStudy, Kwtrp1));
        var created = app.Counter.ReadsOf(Protocol.StreamCategory);
        await app.Cycles.AvailabilityAsync(cycle, Cancel);
        Assert.Equal(created + 1, app.Counter.ReadsOf(Protocol.StreamCategory));
    }

    [Fact]
    public async Task A_sweep_with_nothing_due_reads_no_protocol_stream()
    {
        using var app = App.Create(this, Instant.FromUtc(2015, 4, 1, 6, 0));
        for (var i = 0; i < 20; i++)
        {
            await app.CreateAsync(Approved($"KWTRP-{i + 10}"));
        }

        await app.CatchUpAsync();
        var before = app.Counter.ReadsOf(Protocol.StreamCategory);
        var sweep = await app.Services.GetRequiredService<SweepService>().RunOnceAsync(Cancel);

        Assert.Equal(0, sweep.ProtocolsExpired);
        Assert.DoesNotContain(sweep.Due, r => r.Subject.StartsWith("protocol", StringComparison.Ordinal));
        Assert.Equal(before, app.Counter.ReadsOf(Protocol.StreamCategory));
    }

    /// <summary>An app over the test's store, counting protocol stream reads, with a fake clock in Nairobi.</summary>
    private sealed class App : IDisposable
    {
        private readonly IServiceScope scope;

        private App(ServiceProvider services)
        {
            Services = services;
            scope = services.CreateScope();
            Counter = (CountingStore)services.GetRequiredService<IEventStore>();
            Events = Counter;
            Register = services.GetRequiredService<IProtocolRegister>();
            Cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
        }

        public ServiceProvider Services { get; }

        public CountingStore Counter { get; }

        public IEventStore Events { get; }

        public IProtocolRegister Register { get; }

        public CycleCommands Cycles { get; }

        public static App Create(ProtocolRegisterTests test, Instant now) => Create(test, new FakeClock(now));

        public static App Create(ProtocolRegisterTests test, FakeClock clock)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IClock>(clock);
            var builder = services.AddCoProduction(o =>
                {
                    o.DefaultTimeZone = "Africa/Nairobi";
                    o.NotificationPollInterval = TimeSpan.FromHours(1);
                }).UseTestAccess()
                .AddCommitteePolicy(Kemri, CommitteePolicies.KenyaNationalCommittee);
            test.UseStore(builder);
            builder.UseStore(sp => new CountingStore { Inner = test.Store(builder, sp) });
            return new App(services.BuildServiceProvider(validateScopes: true));
        }

        public async Task SeedAsync()
        {
            await CreateAsync(Approved());
            await CreateAsync(Approved(FinancingStudy.Value, FinancingScope, new LocalDate(2015, 6, 1), ProtocolKind.SubStudy, Kwtrp1));
            await CreateAsync(Approved(Umbrella.Value, UmbrellaScope, new LocalDate(2015, 5, 1), ProtocolKind.Umbrella));
            await CatchUpAsync();
        }

        public async Task CreateAsync(Protocol protocol)
            => await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>().CreateAsync(_ => protocol, cancellationToken: Cancel);

        public async Task ExecuteAsync(ProtocolId id, Action<Protocol, CommandContext> decide)
            => await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>().ExecuteAsync(id, decide, cancellationToken: Cancel);

        public async Task CatchUpAsync() => await Services.GetRequiredService<ProjectionRunner>().CatchUpAsync(Cancel);

        /// <summary>Kilifi, and a cycle whose plan (interviews with district managers on 2016-03-01) is endorsed.</summary>
        public async Task<CycleId> CycleReadyToActAsync()
        {
            var id = new CycleId("kilifi-2016");
            await scope.ServiceProvider.GetRequiredService<IAggregateCommands<CoProduction.Sites.LearningSite>>().CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: Cancel);
            await Cycles.StartAsync(new CycleOpening(id, PaperSites.KilifiId, 4, "priority-setting"), cancellationToken: Cancel);
            var interviews = new PlannedActivity(
                new ActivityId("interviews"), "interviews with district managers", ActivityKind.Research,
                new DataCollection(DataCollectionMethod.Interview, RespondentGroup.DistrictManagers), new LocalDate(2016, 3, 1), PaperSites.KilifiLeadResearcher);
            await Cycles.ExecuteAsync(id, (c, ctx) => c.PlanActivity(interviews, ctx.Context), cancellationToken: Cancel);
            await Cycles.ExecuteAsync(id, (c, ctx) => c.EndorsePlan(PaperSites.KilifiLeadResearcher, ctx.Context), cancellationToken: Cancel);
            await Cycles.ExecuteAsync(id, (c, ctx) => c.EndorsePlan(PaperSites.KilifiDirector, ctx.Context), cancellationToken: Cancel);
            return id;
        }

        public void Dispose()
        {
            scope.Dispose();
            Services.Dispose();
        }
    }
}
