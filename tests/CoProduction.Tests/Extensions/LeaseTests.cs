using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.DependencyInjection;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Sweeps;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Protocols;
using CoProduction.Tests.Sites;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Extensions;

/// <summary>
/// The lease that elects the one delivering and the one sweeping process: the port's rule in both stores (a property
/// against a model), and two apps over one SQLite file on one fake clock, one taking over when the other's lease lapses.
/// </summary>
public sealed class LeaseTests : IDisposable
{
    private static readonly Instant Start = Instant.FromUtc(2016, 3, 2, 6, 0);
    private readonly TempFolder folder = new();
    private int files;

    public void Dispose() => folder.Dispose();

    /// <summary>One request to the lease store: a holder (0-2) takes or releases one of two leases, after the clock moved on.</summary>
    public sealed record LeaseStep(bool Release, int Holder, int Lease, int AdvanceSeconds, int DurationSeconds);

    internal static readonly Gen<LeaseStep[]> Steps =
        (from release in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
         from holder in Gen.Choose(0, 2)
         from lease in Gen.Choose(0, 1)
         from advance in Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Choose(1, 20)), (1, Gen.Choose(20, 60)))
         from duration in Gen.Choose(1, 30)
         select new LeaseStep(release, holder, lease, advance, duration)).ArrayOf();

    [Property(MaxTest = 300)]
    public Property At_most_one_holder_has_a_lease_until_it_expires_or_is_released_in_memory()
        => Prop.ForAll(Steps.ToArbitrary(), steps => FollowsTheModel(new InMemoryLeaseStore(), steps));

    [Property(MaxTest = 30)]
    public Property At_most_one_holder_has_a_lease_until_it_expires_or_is_released_in_sqlite()
        => Prop.ForAll(Steps.ToArbitrary(), steps =>
        {
            using var store = new SqliteLeaseStore(new SqliteEventStoreOptions { Path = folder.File($"lease-{Interlocked.Increment(ref files)}.db") });
            return FollowsTheModel(store, steps);
        });

    /// <summary>The rule, as a model: a lease is granted when free, expired at the request's instant, or already the asker's.</summary>
    internal static bool FollowsTheModel(ILeaseStore store, LeaseStep[] steps)
    {
        var model = new Dictionary<int, (int Holder, Instant Until)>();
        var now = Start;
        foreach (var step in steps)
        {
            now += Duration.FromSeconds(step.AdvanceSeconds);
            var lease = "lease-" + step.Lease;
            var holder = "holder-" + step.Holder;
            if (step.Release)
            {
                store.ReleaseAsync(lease, holder).AsTask().GetAwaiter().GetResult();
                if (model.TryGetValue(step.Lease, out var held) && held.Holder == step.Holder)
                {
                    model.Remove(step.Lease);
                }

                continue;
            }

            var expected = !model.TryGetValue(step.Lease, out var current) || current.Holder == step.Holder || current.Until <= now;
            var granted = store.TryAcquireAsync(lease, holder, now, Duration.FromSeconds(step.DurationSeconds)).AsTask().GetAwaiter().GetResult();
            if (granted != expected)
            {
                return false;
            }

            if (granted)
            {
                model[step.Lease] = (step.Holder, now + Duration.FromSeconds(step.DurationSeconds));
            }
        }

        return true;
    }

    [Fact]
    public async Task A_bad_lease_request_is_refused_with_a_typed_error_in_both_stores()
    {
        using var sqlite = new SqliteLeaseStore(new SqliteEventStoreOptions { Path = folder.File("bad.db") });
        foreach (var store in new ILeaseStore[] { new InMemoryLeaseStore(), sqlite })
        {
            var zero = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
                async () => await store.TryAcquireAsync("coproduction.dispatcher", "me", Start, Duration.Zero, TestContext.Current.CancellationToken));
            Assert.Contains("lasts a positive time", zero.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.TryAcquireAsync(" ", "me", Start, Duration.FromSeconds(1), TestContext.Current.CancellationToken));
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.ReleaseAsync("coproduction.dispatcher", "", TestContext.Current.CancellationToken));

            // Nothing was taken by the refused requests.
            Assert.True(await store.TryAcquireAsync("coproduction.dispatcher", "other", Start, Duration.FromSeconds(1), TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_file_written_before_leases_existed_opens_and_gets_its_leases_table()
    {
        var path = folder.File("old.db");
        var options = new SqliteEventStoreOptions { Path = path };
        using (var old = new SqliteEventStore(options))
        {
            await old.AppendAsync(new StreamId("old-1"), 0, [StoreTesting.Numbered(1)], cancellationToken: TestContext.Current.CancellationToken);
        }

        SqliteConnection.ClearAllPools();
        using var store = new SqliteEventStore(options);
        using var leases = new SqliteLeaseStore(options);

        Assert.True(await leases.TryAcquireAsync(SweepService.LeaseName, "me", Start, Duration.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Single(await store.ReadStreamAsync(new StreamId("old-1"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((long)SqliteEventStore.SchemaVersion, Scalar(path, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1L, Scalar(path, "SELECT COUNT(*) FROM leases"));
    }

    [Fact]
    public async Task Of_two_apps_on_one_file_one_delivers_and_the_other_takes_over_from_its_checkpoints_when_its_lease_lapses()
    {
        var clock = new FakeClock(Start);
        var path = folder.File("two.db");
        using var first = Provider(path, clock, out var firstSeen);
        using var second = Provider(path, clock, out var secondSeen);
        await CreateAsync(first, PaperSites.Kilifi());

        Assert.True(await first.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken) > 0);
        Assert.Equal(0, await second.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken));
        var before = await ReadAllAsync(first);
        Assert.Equal(before.Select(e => "mailer/" + e.Position), firstSeen.Ids);

        // The first app stops delivering (killed, or hung) while the second commits more events.
        await CreateAsync(second, PaperSites.MitchellsPlain());
        clock.Advance(Duration.FromSeconds(29));
        Assert.Equal(0, await second.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken));
        Assert.Empty(secondSeen.Ids);

        clock.Advance(Duration.FromSeconds(2));
        await second.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken);

        var after = (await ReadAllAsync(second)).Skip(before.Count).ToList();
        Assert.NotEmpty(after);
        Assert.Equal(after.Select(e => "mailer/" + e.Position), secondSeen.Ids);

        // The first app comes back: the second holds the lease now, so it delivers nothing, not even what it missed.
        await CreateAsync(first, PaperSites.Sedibeng());
        Assert.Equal(0, await first.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken));
        Assert.Equal(before.Count, firstSeen.Ids.Count);
    }

    [Fact]
    public async Task A_sweep_lease_left_by_a_killed_process_stops_other_sweeps_until_it_lapses()
    {
        var clock = new FakeClock(Start);
        var path = folder.File("sweep.db");
        using var provider = Provider(path, clock, out _);
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>()
                .CreateAsync(_ => ProtocolFixtures.Approved(), cancellationToken: TestContext.Current.CancellationToken);
        }

        // A process that died in the middle of a sweep left its lease behind.
        Assert.True(await provider.GetRequiredService<ILeaseStore>().TryAcquireAsync(
            SweepService.LeaseName, "killed", clock.GetCurrentInstant(), Duration.FromSeconds(30), TestContext.Current.CancellationToken));
        var sweep = provider.GetRequiredService<SweepService>();
        var outbox = provider.GetRequiredService<SweepTests.Outbox>();

        var blocked = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.False(blocked.Swept);
        Assert.Equal(0, blocked.ProtocolsExpired);
        Assert.Empty(outbox.Sent);

        clock.Advance(Duration.FromSeconds(31));
        var taken = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.True(taken.Swept);
        Assert.Equal(1, taken.ProtocolsExpired);
        Assert.Equal(taken.Due.Select(r => r.Id), outbox.Sent.Select(r => r.Id));

        // Each sweep gives the lease up: the next one, by any process, can run at once.
        Assert.True(await provider.GetRequiredService<ILeaseStore>().TryAcquireAsync(
            SweepService.LeaseName, "another", clock.GetCurrentInstant(), Duration.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_stopped_app_gives_its_lease_up_so_another_delivers_at_once()
    {
        var clock = new FakeClock(Start);
        var path = folder.File("stop.db");
        var second = Provider(path, clock, out var secondSeen);
        using (var first = Provider(path, clock, out _))
        {
            await CreateAsync(first, PaperSites.Kilifi());
            await first.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken);
            await CreateAsync(first, PaperSites.MitchellsPlain());
        }

        await second.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(secondSeen.Ids);
        await second.DisposeAsync();
    }

    [Theory]
    [InlineData(10, 10, "LeaseRenewal is 00:00:10, not shorter than LeaseDuration 00:00:10")]
    [InlineData(0, 1, "LeaseDuration is 00:00:00")]
    public async Task A_lease_renewed_no_sooner_than_it_lapses_stops_the_host_naming_the_options(int durationSeconds, int renewalSeconds, string message)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddCoProduction(o =>
        {
            o.LeaseDuration = TimeSpan.FromSeconds(durationSeconds);
            o.LeaseRenewal = TimeSpan.FromSeconds(renewalSeconds);
        }).UseTestAccess();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("CoProduction:" + message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_store_registers_its_own_lease_store()
    {
        using var memory = new ServiceCollection().AddCoProduction().UseTestAccess().Services.BuildServiceProvider();
        using var sqlite = new ServiceCollection().AddCoProduction().UseTestAccess().UseSqliteStore(folder.File("di.db")).Services.BuildServiceProvider();

        Assert.IsType<InMemoryLeaseStore>(memory.GetRequiredService<ILeaseStore>());
        Assert.IsType<SqliteLeaseStore>(sqlite.GetRequiredService<ILeaseStore>());
    }

    private static ServiceProvider Provider(string path, FakeClock clock, out DeliveryLog seen)
        => Provider(builder => builder.UseSqliteStore(path), clock, out seen);

    /// <summary>An app on the given store, with the mailer handler and the outbox reminder handler, on the fake clock.</summary>
    internal static ServiceProvider Provider(Action<CoProductionBuilder> store, FakeClock clock, out DeliveryLog seen)
    {
        var services = new ServiceCollection();
        seen = new DeliveryLog();
        services.AddSingleton(seen);
        services.AddSingleton<IClock>(clock);
        services.AddSingleton<SweepTests.Outbox>();
        var builder = services.AddCoProduction(o => o.DefaultTimeZone = "Africa/Nairobi").UseTestAccess();
        store(builder);
        builder
            .AddCommitteePolicy(ProtocolFixtures.Kemri, CommitteePolicies.KenyaNationalCommittee)
            .AddNotificationHandler<MailerHandler>()
            .AddReminderHandler<SweepTests.OutboxReminderHandler>();
        return services.BuildServiceProvider(validateScopes: true);
    }

    internal static async Task CreateAsync(ServiceProvider provider, LearningSite site)
    {
        using var scope = provider.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>()
            .CreateAsync(_ => site, cancellationToken: TestContext.Current.CancellationToken);
    }

    internal static async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(ServiceProvider provider)
        => await provider.GetRequiredService<IEventStore>().ReadAllAsync(0, 10_000, TestContext.Current.CancellationToken);

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The delivery ids a handler saw, in order.</summary>
    internal sealed class DeliveryLog
    {
        private readonly ConcurrentQueue<string> ids = new();

        public IReadOnlyList<string> Ids => [.. ids];

        public void Add(string id) => ids.Enqueue(id);
    }

    #region deduplicating-handler
    internal sealed class MailerHandler(DeliveryLog outbox) : INotificationHandler
    {
        public string Name => "mailer";

        public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken)
        {
            // "mailer/1234": the same when a crash offers this event again, so the receiver drops the repeat
            // (an e-mail's Message-ID, a webhook's idempotency key).
            outbox.Add(notification.DeliveryId);
            return ValueTask.CompletedTask;
        }
    }
    #endregion
}
