using System;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Sites;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using CoProduction.DependencyInjection;
using CoProduction.Storage.Sqlite;

namespace CoProduction.Tests.Extensions;

public sealed class NotificationTests
{
    private static readonly Instant Now = Instant.FromUtc(2019, 2, 1, 6, 0);

    [Fact]
    public async Task Handlers_receive_every_committed_event_once_in_global_order()
    {
        using var provider = Provider(null, out var recorder);
        await RegisterSitesAsync(provider);
        var dispatcher = provider.GetRequiredService<NotificationDispatcher>();

        var delivered = await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);
        var again = await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);

        var all = await provider.GetRequiredService<IEventStore>().ReadAllAsync(0, 10_000, TestContext.Current.CancellationToken);
        Assert.Equal(all.Select(e => e.Position), recorder.PositionsSeenBy("recording"));
        Assert.Equal(all.Select(e => e.Position), recorder.PositionsSeenBy("flaky"));
        Assert.Equal(2 * all.Count, delivered);
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task A_throwing_handler_keeps_its_checkpoint_and_gets_the_failed_event_again_next_pass()
    {
        using var provider = Provider(null, out var recorder);
        await RegisterSitesAsync(provider);
        var all = await provider.GetRequiredService<IEventStore>().ReadAllAsync(0, 10_000, TestContext.Current.CancellationToken);
        var failing = all[5].Position;
        recorder.FailAt.Add(failing);
        var dispatcher = provider.GetRequiredService<NotificationDispatcher>();

        await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(all.Take(5).Select(e => e.Position), recorder.PositionsSeenBy("flaky"));
        Assert.Equal(all.Select(e => e.Position), recorder.PositionsSeenBy("recording"));
        Assert.Equal(all[4].Position, await provider.GetRequiredService<ICheckpointStore>().GetAsync("flaky", TestContext.Current.CancellationToken));

        await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(all.Select(e => e.Position), recorder.PositionsSeenBy("flaky"));
    }

    [Fact]
    public async Task A_restarted_app_over_the_same_sqlite_file_catches_up_on_what_a_failing_handler_missed()
    {
        using var folder = new TempFolder();
        var path = folder.File("kilifi.db");
        long failedAt;
        using (var first = Provider(path, out var recorder))
        {
            await RegisterSitesAsync(first);
            var all = await first.GetRequiredService<IEventStore>().ReadAllAsync(0, 10_000, TestContext.Current.CancellationToken);
            failedAt = all[3].Position;
            recorder.FailAt.Add(failedAt);
            recorder.FailForever = true;

            await first.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken);

            Assert.Equal(all.Take(3).Select(e => e.Position), recorder.PositionsSeenBy("flaky"));
            Assert.Equal(all.Count, recorder.PositionsSeenBy("recording").Count);
        }

        using var second = Provider(path, out var afterRestart);
        using (var scope = second.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>().ExecuteAsync(
                PaperSites.KilifiId,
                (site, ctx) => site.ClearCore(PaperSites.KilifiDirector, ctx.Stamp),
                cancellationToken: TestContext.Current.CancellationToken);
        }

        await second.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken);

        var everything = await second.GetRequiredService<IEventStore>().ReadAllAsync(0, 10_000, TestContext.Current.CancellationToken);
        Assert.Equal(everything.Where(e => e.Position >= failedAt).Select(e => e.Position), afterRestart.PositionsSeenBy("flaky"));
        Assert.Equal([everything[^1].Position], afterRestart.PositionsSeenBy("recording"));
    }

    [Fact]
    public async Task The_hosted_dispatcher_delivers_a_command_s_events_without_waiting_for_the_poll()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<Recorder>();
        builder.Services.AddSingleton<IClock>(new FakeClock(Now));
        builder.Services.AddCoProduction(o =>
            {
                o.NotificationPollInterval = TimeSpan.FromHours(1);
                o.SweepInterval = TimeSpan.FromDays(1);
            }).UseTestAccess()
            .AddNotificationHandler<RecordingHandler>();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var recorder = host.Services.GetRequiredService<Recorder>();

        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>()
                .CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: TestContext.Current.CancellationToken);
        }

        var count = (await host.Services.GetRequiredService<IEventStore>().ReadAllAsync(0, 10_000, TestContext.Current.CancellationToken)).Count;
        for (var i = 0; i < count; i++)
        {
            Assert.True(await recorder.Arrived.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        }

        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(count, recorder.PositionsSeenBy("recording").Count);
    }

    private static async Task RegisterSitesAsync(ServiceProvider provider)
    {
        using var scope = provider.CreateScope();
        var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
        await sites.CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: TestContext.Current.CancellationToken);
        await sites.CreateAsync(_ => PaperSites.MitchellsPlain(), cancellationToken: TestContext.Current.CancellationToken);
    }

    private static ServiceProvider Provider(string? sqlitePath, out Recorder recorder)
    {
        var services = new ServiceCollection();
        recorder = new Recorder();
        services.AddSingleton(recorder);
        services.AddSingleton<IClock>(new FakeClock(Now));
        var builder = services.AddCoProduction().UseTestAccess()
            .AddNotificationHandler<RecordingHandler>()
            .AddNotificationHandler<FlakyHandler>();
        if (sqlitePath is not null)
        {
            builder.UseSqliteStore(sqlitePath);
        }

        return services.BuildServiceProvider(validateScopes: true);
    }
}
