using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Sweeps;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using CoProduction.DependencyInjection;
using CoProduction.Storage.Sqlite;

namespace CoProduction.Tests.Extensions;

/// <summary>The snippets of docs/dependency-injection.md, compiled and run.</summary>
public sealed class DependencyInjectionDocsTests
{
    [Fact]
    public async Task The_ten_lines_an_app_needs_start_a_host_that_runs_a_one_line_command()
    {
        using var folder = new TempFolder();
        var path = folder.File("kilifi.db");

        // docs: the ten lines
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCoProduction(CoProductionOptions.DefaultSectionName)  // options from appsettings.json, checked at start
            .UseSqliteStore(path)                                                  // events and notification checkpoints, one file
            .AddCommitteePolicy(new CommitteeId("kemri-seru"), CommitteePolicies.KenyaNationalCommittee)
            .AddNotificationHandler<StatusChangeMailer>()                          // "tell me on every status change"
            .AddReminderHandler<ReminderMailer>()                                  // approvals about to lapse, overrunning stages, meetings
            .AddAdministrator(Actor.Named("resyst-coordinator"))                  // registers sites and their teams
            .UseCurrentActor<SignedInMember>();                                    // who issues commands (none: refused)
        builder.Services.AddScoped<CycleEndpoints>();
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);              // the app calls host.RunAsync()

        using (var scope = host.Services.CreateScope())
        {
            var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
            await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>()
                .CreateAsync(_ => PaperSites.Kilifi(), actor: Actor.Named("resyst-coordinator"), cancellationToken: TestContext.Current.CancellationToken);
            await cycles.StartAsync(
                new CycleOpening(new CycleId("kilifi-2016"), new SiteId("kilifi"), 4, "user fees"),
                cancellationToken: TestContext.Current.CancellationToken);
            var endpoints = scope.ServiceProvider.GetRequiredService<CycleEndpoints>();
            await Assert.ThrowsAsync<CommandRejectedException>(() => endpoints.StartActing("kilifi-2016", "request-1"));
        }

        await host.Services.GetRequiredService<NotificationDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, StatusChangeMailer.Sent);
    }

    // docs: a controller is one line
    public sealed class CycleEndpoints(CycleCommands cycles)
    {
        public Task StartActing(string cycleId, string requestId)
            => cycles.ExecuteAsync(
                new CycleId(cycleId),
                (cycle, ctx) => cycle.StartActing(ctx.Context),
                new CommandId(requestId)).AsTask();
    }

    // docs: a notification handler
    public sealed class StatusChangeMailer : INotificationHandler
    {
        private static int sent;

        public static int Sent => sent;

        public string Name => "status-change-mailer";   // the key of its checkpoint: keep it stable

        public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken)
        {
            if (notification.Event is CycleStarted started)
            {
                // mail "cycle {started.Cycle} started: {started.Focus}"; at least once, so be idempotent
                Interlocked.Increment(ref sent);
            }

            return ValueTask.CompletedTask;
        }
    }

    // docs: a reminder handler
    public sealed class ReminderMailer : IReminderHandler
    {
        public string Name => "reminder-mailer";

        public ValueTask HandleAsync(Reminder reminder, CancellationToken cancellationToken)
        {
            // send reminder.Subject / reminder.Text; reminder.Id is stable, each is handed over once
            return ValueTask.CompletedTask;
        }
    }

    // docs: who issues commands
    public sealed class SignedInMember : ICurrentActor
    {
        public Actor Current => Actor.Member(new MemberId("ke-lead-researcher"));   // in a web app: ClaimsCurrentActor
    }
}
