using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Sweeps;
using CoProduction.Tests.Protocols;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using CoProduction.DependencyInjection;

namespace CoProduction.Tests.Extensions;

public sealed class SweepTests
{
    /// <summary>KWTRP-1 is approved from 2015-03-01 to 2016-02-29 (Kenyan preset: one year, reminders 60/30/15/7 days before).</summary>
    private static readonly ProtocolId Kwtrp1 = new("KWTRP-1");

    [Fact]
    public async Task A_sweep_after_the_approval_ends_records_the_expiry_once_and_raises_its_reminder_once()
    {
        var clock = new FakeClock(Instant.FromUtc(2016, 3, 2, 6, 0));
        using var provider = await ProviderWithProtocolAsync(clock);
        var sweep = provider.GetRequiredService<SweepService>();
        var outbox = provider.GetRequiredService<Outbox>();

        var first = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        var second = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, first.ProtocolsExpired);
        Assert.Equal(0, second.ProtocolsExpired);
        var protocol = await provider.GetRequiredService<AggregateRepository<Protocol>>().LoadAsync(
            AggregateRepository<Protocol>.StreamOf(Kwtrp1), TestContext.Current.CancellationToken);
        Assert.Equal(ProtocolStatus.Expired, protocol.Status);
        Assert.Equal(Actor.System, protocol.History[^1].By);
        Assert.Equal(clock.GetCurrentInstant(), protocol.History[^1].At);
        Assert.Contains(first.Due, r => r.Kind == ReminderKind.ApprovalExpired);
        Assert.Equal(first.Due.Select(r => r.Id), outbox.Sent.Select(r => r.Id));
        Assert.Equal(first.Due.Count, first.Delivered);
        Assert.Equal(0, second.Delivered);
    }

    [Fact]
    public async Task Approval_reminders_follow_the_committee_s_lead_times_and_each_is_handed_over_once()
    {
        var clock = new FakeClock(Instant.FromUtc(2016, 2, 1, 6, 0));
        using var provider = await ProviderWithProtocolAsync(clock);
        var sweep = provider.GetRequiredService<SweepService>();
        var outbox = provider.GetRequiredService<Outbox>();

        var february = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.AdvanceDays(1);
        var nextDay = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.AdvanceDays(14);
        var later = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);

        var expiring = Assert.Single(february.Due, r => r.Kind == ReminderKind.ApprovalExpiring);
        Assert.Contains("/30d", expiring.Id, StringComparison.Ordinal);
        Assert.Equal(0, nextDay.Delivered);
        Assert.Contains(later.Due, r => r.Kind == ReminderKind.ApprovalExpiring && r.Id.EndsWith("/15d", StringComparison.Ordinal));
        Assert.Equal(outbox.Sent.Count, outbox.Sent.Select(r => r.Id).Distinct().Count());
        Assert.Equal(0, february.ProtocolsExpired + later.ProtocolsExpired);
    }

    [Fact]
    public async Task The_hosted_sweep_driven_by_a_fake_clock_expires_a_lapsed_protocol_at_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Configure(builder.Services, new FakeClock(Instant.FromUtc(2016, 3, 2, 6, 0)));
        using var host = builder.Build();
        using (var scope = host.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>()
                .CreateAsync(_ => ProtocolFixtures.Approved(), cancellationToken: TestContext.Current.CancellationToken);
        }

        await host.StartAsync(TestContext.Current.CancellationToken);
        var outbox = host.Services.GetRequiredService<Outbox>();
        Assert.True(await outbox.Arrived.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        await host.StopAsync(TestContext.Current.CancellationToken);

        var protocol = await host.Services.GetRequiredService<AggregateRepository<Protocol>>().LoadAsync(
            AggregateRepository<Protocol>.StreamOf(Kwtrp1), TestContext.Current.CancellationToken);
        Assert.Equal(ProtocolStatus.Expired, protocol.Status);
        Assert.Contains(outbox.Sent, r => r.Kind == ReminderKind.ApprovalExpired);
    }

    [Fact]
    public async Task A_cycle_stage_that_overruns_its_expected_length_raises_a_reminder()
    {
        var clock = new FakeClock(Instant.FromUtc(2016, 1, 11, 6, 0));
        var services = new ServiceCollection();
        Configure(services, clock);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>()
                .CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<CycleCommands>().StartAsync(
                new CycleOpening(new CycleId("kilifi-2016"), ProtocolFixtures.Kilifi, 4, "priority-setting")
                {
                    ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Planning, Period.FromMonths(1))],
                },
                cancellationToken: TestContext.Current.CancellationToken);
        }

        var sweep = provider.GetRequiredService<SweepService>();
        var early = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.AdvanceDays(45);
        var late = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.DoesNotContain(early.Due, r => r.Kind == ReminderKind.StageOverrun);
        Assert.Contains(late.Due, r => r.Kind == ReminderKind.StageOverrun && r.Id.Contains("kilifi-2016", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_protocol_changed_between_two_sweeps_of_a_day_is_planned_again_and_an_unchanged_one_keeps_its_reminders()
    {
        // 2016-02-01 09:00 in Nairobi: both approvals end on 2016-02-29, so both 30-day reminders are due.
        var clock = new FakeClock(Instant.FromUtc(2016, 2, 1, 6, 0));
        using var provider = await ProviderWithProtocolAsync(clock);
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>()
                .CreateAsync(_ => ProtocolFixtures.Approved("KWTRP-2"), cancellationToken: TestContext.Current.CancellationToken);
        }

        var sweep = provider.GetRequiredService<SweepService>();
        var first = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.Advance(Duration.FromHours(1));
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>().ExecuteAsync(
                Kwtrp1,
                (p, c) => p.Renew(new LocalDate(2016, 2, 1), new LocalDate(2017, 2, 28), new ProtocolContext(c.Stamp, ProtocolFixtures.Rules())),
                cancellationToken: TestContext.Current.CancellationToken);
        }

        var second = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["approval-expiring/KWTRP-1/2016-02-29/30d", "approval-expiring/KWTRP-2/2016-02-29/30d"], ExpiringIds(first));
        Assert.Equal(["approval-expiring/KWTRP-2/2016-02-29/30d"], ExpiringIds(second));
    }

    [Fact]
    public async Task A_reminder_that_falls_due_later_the_same_day_is_planned_when_it_falls_due()
    {
        // 2016-01-31 07:00 in Nairobi: the 60-day reminder is the latest due; the 30-day one falls due at 08:00 (05:00 UTC).
        var clock = new FakeClock(Instant.FromUtc(2016, 1, 31, 4, 0));
        using var provider = await ProviderWithProtocolAsync(clock);
        var sweep = provider.GetRequiredService<SweepService>();

        var early = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.Advance(Duration.FromMinutes(59));
        var before = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);
        clock.Advance(Duration.FromMinutes(1));
        var at = await sweep.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["approval-expiring/KWTRP-1/2016-02-29/60d"], ExpiringIds(early));
        Assert.Equal(["approval-expiring/KWTRP-1/2016-02-29/60d"], ExpiringIds(before));
        Assert.Equal(["approval-expiring/KWTRP-1/2016-02-29/30d"], ExpiringIds(at));
    }

    private static string[] ExpiringIds(SweepResult result)
        => [.. result.Due.Where(r => r.Kind == ReminderKind.ApprovalExpiring).Select(r => r.Id).Order(StringComparer.Ordinal)];

    private static async Task<ServiceProvider> ProviderWithProtocolAsync(FakeClock clock)
    {
        var services = new ServiceCollection();
        Configure(services, clock);
        var provider = services.BuildServiceProvider(validateScopes: true);
        using var scope = provider.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<Protocol>>()
            .CreateAsync(_ => ProtocolFixtures.Approved(), cancellationToken: TestContext.Current.CancellationToken);
        return provider;
    }

    private static void Configure(IServiceCollection services, FakeClock clock)
    {
        services.AddSingleton<IClock>(clock);
        services.AddSingleton<Outbox>();
        services.AddCoProduction(o =>
            {
                o.DefaultTimeZone = "Africa/Nairobi";
                o.NotificationPollInterval = TimeSpan.FromHours(1);
            }).UseTestAccess()
            .AddCommitteePolicy(ProtocolFixtures.Kemri, CommitteePolicies.KenyaNationalCommittee)
            .AddReminderHandler<OutboxReminderHandler>();
    }

    internal sealed class Outbox
    {
        private readonly ConcurrentQueue<Reminder> sent = new();

        public SemaphoreSlim Arrived { get; } = new(0);

        public System.Collections.Generic.IReadOnlyList<Reminder> Sent => [.. sent];

        public void Add(Reminder reminder)
        {
            sent.Enqueue(reminder);
            Arrived.Release();
        }
    }

    internal sealed class OutboxReminderHandler(Outbox outbox) : IReminderHandler
    {
        public string Name => "outbox";

        public ValueTask HandleAsync(Reminder reminder, CancellationToken cancellationToken)
        {
            outbox.Add(reminder);
            return ValueTask.CompletedTask;
        }
    }
}
