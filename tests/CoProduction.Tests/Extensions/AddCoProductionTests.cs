using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using CoProduction.DependencyInjection;

namespace CoProduction.Tests.Extensions;

public sealed class AddCoProductionTests
{
    [Fact]
    public void Defaults_resolve_from_a_plain_service_collection()
    {
        using var provider = new ServiceCollection().AddCoProduction().Services.BuildServiceProvider(validateScopes: true);
        using var scope = provider.CreateScope();
        var services = scope.ServiceProvider;

        Assert.Same(SystemClock.Instance, services.GetRequiredService<IClock>());
        Assert.Same(DateTimeZoneProviders.Tzdb, services.GetRequiredService<IDateTimeZoneProvider>());
        Assert.IsType<InMemoryEventStore>(services.GetRequiredService<IEventStore>());
        Assert.Same(services.GetRequiredService<IEventStore>(), services.GetRequiredService<IEventStoreReader>());
        Assert.Same(EventSerializer.Default, services.GetRequiredService<EventSerializer>());
        Assert.IsType<InMemoryCheckpointStore>(services.GetRequiredService<ICheckpointStore>());
        Assert.NotNull(services.GetRequiredService<AggregateRepository<Cycle>>());
        Assert.NotNull(services.GetRequiredService<AggregateRepository<LearningSite>>());
        Assert.NotNull(services.GetRequiredService<AggregateRepository<Programme>>());
        Assert.NotNull(services.GetRequiredService<IAggregateCommands<LearningSite>>());
        Assert.NotNull(services.GetRequiredService<IAggregateCommands<Programme>>());
        Assert.NotNull(services.GetRequiredService<CycleCommands>());
        Assert.NotNull(services.GetRequiredService<ICycleRulesProvider>());
        Assert.True(services.GetRequiredService<ICurrentActor>().Current.IsDefault);   // no one: a command naming no actor is refused
        Assert.Same(CoProduction.Access.AccessPolicy.Default, services.GetRequiredService<CoProduction.Access.IAccessPolicy>());
        Assert.Contains(services.GetServices<IHostedService>(), s => s is NotificationDispatcher);

        var options = services.GetRequiredService<IOptions<CoProductionOptions>>().Value;
        Assert.Equal("UTC", options.DefaultTimeZone);
        Assert.Empty(options.ReminderLeadTimeDays);
        Assert.Equal([60, 30, 15, 7], services.GetRequiredService<CoProduction.Scheduling.ReminderPolicy>().LeadDays);
        Assert.Equal(CyclePolicy.Default, services.GetRequiredService<CyclePolicy>());
    }

    [Fact]
    public void A_registered_fake_clock_wins_whether_registered_before_or_after()
    {
        var clock = new FakeClock(Instant.FromUtc(2016, 2, 15, 6, 0));
        var before = new ServiceCollection();
        before.AddSingleton<IClock>(clock);
        before.AddCoProduction();
        var after = new ServiceCollection();
        after.AddCoProduction();
        after.AddSingleton<IClock>(clock);

        using var first = before.BuildServiceProvider();
        using var second = after.BuildServiceProvider();

        Assert.Same(clock, first.GetRequiredService<IClock>());
        Assert.Same(clock, second.GetRequiredService<IClock>());
    }

    [Fact]
    public void A_registered_time_provider_is_the_clock_when_no_clock_is_registered()
    {
        var now = new DateTimeOffset(2016, 2, 15, 6, 0, 0, TimeSpan.Zero);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(now));
        services.AddCoProduction();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(Instant.FromDateTimeOffset(now), provider.GetRequiredService<IClock>().GetCurrentInstant());
    }

    [Fact]
    public void Calling_AddCoProduction_twice_registers_nothing_twice()
    {
        var once = new ServiceCollection();
        once.AddCoProduction();
        var twice = new ServiceCollection();
        twice.AddCoProduction();
        twice.AddCoProduction();

        Assert.Equal(Describe(once), Describe(twice));
    }

    [Fact]
    public void Calling_AddCoProduction_twice_with_a_section_path_binds_it_once()
    {
        var once = new ServiceCollection();
        once.AddCoProduction("CoProduction").UseInMemoryStore();
        var twice = new ServiceCollection();
        twice.AddCoProduction("CoProduction").UseInMemoryStore();
        twice.AddCoProduction("CoProduction").UseInMemoryStore();

        Assert.Equal(Describe(once), Describe(twice));
    }

    [Fact]
    public void Adding_the_same_notification_handler_twice_adds_it_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Recorder>();
        services.AddCoProduction().AddNotificationHandler<RecordingHandler>().AddNotificationHandler<RecordingHandler>();

        Assert.Single(services, d => d.ServiceType == typeof(INotificationHandler));
    }

    [Fact]
    public void The_app_can_replace_any_part_and_a_default_never_overwrites_it()
    {
        var store = new InMemoryEventStore();
        var services = new ServiceCollection();
        services.AddSingleton<IEventStore>(store);
        services.AddCoProduction();
        services.AddCoProduction();
        using var provider = services.BuildServiceProvider();

        Assert.Same(store, provider.GetRequiredService<IEventStore>());
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons", "DefaultTimeZone")]
    [InlineData("", "DefaultTimeZone")]
    public async Task An_unknown_zone_stops_the_host_at_start_naming_the_option(string zone, string option)
    {
        using var host = Host(b => b.Services.AddCoProduction(o => o.DefaultTimeZone = zone));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("CoProduction:" + option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_lead_time_stops_the_host_at_start_naming_the_option()
    {
        using var host = Host(b => b.Services.AddCoProduction(o => o.ReminderLeadTimeDays.Add(-3)));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("CoProduction:ReminderLeadTimeDays:0 is -3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_options_let_the_host_start_and_stop()
    {
        using var host = Host(b => b.Services.AddCoProduction(o => o.DefaultTimeZone = "Africa/Nairobi"));

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Africa/Nairobi", host.Services.GetRequiredService<IOptions<CoProductionOptions>>().Value.DefaultTimeZone);
    }

    [Fact]
    public void Options_bind_from_an_in_memory_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Research:DefaultTimeZone"] = "Africa/Johannesburg",
                ["Research:SweepInterval"] = "00:10:00",
                ["Research:RequireManagerAtReflection"] = "false",
                ["Research:OutOfApprovalActions"] = "RecordWithDeviation",
                ["Research:NotificationBatchSize"] = "50",
                ["Research:ReminderLeadTimeDays:0"] = "45",
                ["Research:ReminderLeadTimeDays:1"] = "10",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCoProduction("Research");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<CoProductionOptions>>().Value;

        Assert.Equal("Africa/Johannesburg", options.DefaultTimeZone);
        Assert.Equal(TimeSpan.FromMinutes(10), options.SweepInterval);
        Assert.Equal(50, options.NotificationBatchSize);
        Assert.Equal([45, 10], options.ReminderLeadTimeDays);
        Assert.Equal([45, 10], provider.GetRequiredService<CoProduction.Scheduling.ReminderPolicy>().LeadDays);
        var policy = provider.GetRequiredService<CyclePolicy>();
        Assert.False(policy.RequireManagerAtReflection);
        Assert.Equal(OutOfApprovalActions.RecordWithDeviation, policy.OutOfApprovalActions);
    }

    [Fact]
    public async Task A_bad_value_in_a_json_file_stops_the_host_naming_the_option()
    {
        var path = Path.Combine(Path.GetTempPath(), "coproduction-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, """{ "CoProduction": { "DefaultTimeZone": "Africa/Nairobi", "SweepInterval": "00:00:00" } }""", TestContext.Current.CancellationToken);
        try
        {
            using var host = Host(b =>
            {
                b.Configuration.AddJsonFile(path);
                b.Services.AddCoProduction(CoProductionOptions.DefaultSectionName);
            });

            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

            Assert.Contains("CoProduction:SweepInterval", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("DefaultTimeZone", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_sqlite_store_and_its_checkpoints_share_one_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "coproduction-" + Guid.NewGuid().ToString("N") + ".db");
        using var provider = new ServiceCollection().AddCoProduction().UseSqliteStore(path).Services.BuildServiceProvider();

        var store = Assert.IsType<SqliteEventStore>(provider.GetRequiredService<IEventStore>());
        Assert.Equal(path, store.DataSource);
        Assert.IsType<SqliteCheckpointStore>(provider.GetRequiredService<ICheckpointStore>());
        Assert.Same(store, provider.GetRequiredService<IEventStoreReader>());
    }

    [Fact]
    public async Task A_store_the_app_passes_in_is_not_disposed_with_the_container_and_one_a_factory_creates_is()
    {
        using var folder = new Persistence.TempFolder();
        var owned = new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File("owned.db") });
        var created = default(SqliteEventStore);
        using (var provider = new ServiceCollection().AddCoProduction().UseStore(owned).Services.BuildServiceProvider())
        {
            Assert.Same(owned, provider.GetRequiredService<IEventStore>());
            Assert.Same(owned, provider.GetRequiredService<IEventStoreWriter>());
            Assert.Same(owned, provider.GetRequiredService<IEventStoreReader>());
        }

        // A later choice replaces the app's store for the reader and writer too.
        using (var provider = new ServiceCollection().AddCoProduction().UseStore(owned).UseInMemoryStore().Services.BuildServiceProvider())
        {
            Assert.IsType<InMemoryEventStore>(provider.GetRequiredService<IEventStoreReader>());
            Assert.Same(provider.GetRequiredService<IEventStore>(), provider.GetRequiredService<IEventStoreWriter>());
        }

        using (var provider = new ServiceCollection().AddCoProduction()
            .UseStore(_ => created = new SqliteEventStore(new SqliteEventStoreOptions { Path = folder.File("created.db") }))
            .Services.BuildServiceProvider())
        {
            var resolved = provider.GetRequiredService<IEventStore>();
            Assert.Same(created, resolved);
        }

        // The app's store still works after its container is gone; the container's own is disposed with it.
        var kilifi = Sites.PaperSites.Kilifi();
        await new AggregateRepository<LearningSite>(owned, EventSerializer.Default).SaveAsync(kilifi);
        Assert.Equal(kilifi.Version, (await owned.ReadStreamAsync(Persistence.ArchiveTesting.KilifiStream, 1, TestContext.Current.CancellationToken)).Count);
        owned.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await created!.ReadLastPositionAsync(TestContext.Current.CancellationToken));
    }

    internal static IHost Host(Action<HostApplicationBuilder> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        configure(builder);
        return builder.Build();
    }

    private static List<string> Describe(IServiceCollection services)
        => [.. services.Select(d => string.Join(
            " ",
            d.ServiceType.FullName,
            d.Lifetime,
            d.ImplementationType?.FullName,
            d.ImplementationInstance?.GetType().FullName,
            d.ImplementationFactory is null ? null : "factory"))];

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
