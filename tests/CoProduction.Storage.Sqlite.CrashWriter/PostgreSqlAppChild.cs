using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.DependencyInjection;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Storage.PostgreSql;
using CoProduction.Sweeps;
using CoProduction.Tests.Extensions;
using CoProduction.Tests.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;

namespace CoProduction.Storage.Sqlite.CrashWriter;

/// <summary>
/// One app instance of several on one PostgreSQL database, as a deployed app runs: a host built with
/// <c>AddCoProduction(...).UsePostgreSqlStore()</c> (the connection string from <c>ConnectionStrings:CoProduction</c>), its
/// hosted services started (the LISTEN connection, the projection runner with the library's read models, the notification
/// dispatcher, the sweep), issuing the commands of <see cref="InstancesPlan"/> through <see cref="IAggregateCommands{TAggregate}"/>
/// on sites every instance shares, until it is killed.
/// </summary>
/// <remarks>
/// <para>
/// Usage: <c>&lt;connection string&gt; &lt;instance&gt; postgres-app &lt;schema&gt; &lt;own commands&gt; &lt;shared commands&gt;
/// &lt;reminders&gt; &lt;first reminder due, Unix ms&gt;</c>.
/// </para>
/// <para>
/// Prints <c>READY</c> once the host has started, then per acknowledged command
/// <c>ACK {command id} {stream} {version} {1 if a duplicate, else 0} {retries} END</c>, <c>CONFLICT {command id} END</c> when
/// another writer won every try (the command is then issued again under the same id), and <c>DONE</c> after the last
/// command; it keeps running (delivering) until killed. Each delivery is a line printed before the handler returns:
/// <c>N {handler} {position} END</c> for the notification handler, <c>R {handler} {reminder id} END</c> for the two reminder
/// handlers. The lease store's holder names the process id, so the parent knows which instance delivers.
/// </para>
/// </remarks>
internal static class PostgreSqlAppChild
{
    private static readonly Lock Gate = new();

    public static async Task RunAsync(string connectionString, int instance, string schema, int own, int shared, int reminders, long remindersFrom)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:" + PostgreSqlCoProductionBuilderExtensions.ConnectionStringName] = connectionString });
        builder.Services.AddSingleton<IClock>(SystemClock.Instance);
        builder.Services.AddSingleton(InstancesPlan.StagedReminders(Instant.FromUnixTimeMilliseconds(remindersFrom), reminders));
        builder.Services.AddCoProduction(o =>
            {
                o.NotificationPollInterval = TimeSpan.FromMilliseconds(100);
                o.SweepInterval = TimeSpan.FromSeconds(1);
                o.LeaseDuration = TimeSpan.FromSeconds(2);
                o.LeaseRenewal = TimeSpan.FromMilliseconds(250);
                o.CommandAttempts = 5;
            }).UseTestAccess()
            .UsePostgreSqlStore(o => o.Schema = schema)
            .AddNotificationHandler<Audit>()
            .AddReminderHandler<AlphaReminders>()
            .AddReminderHandler<BetaReminders>()
            .AddReminderSource<StagedReminders>();
        using var host = builder.Build();
        await host.StartAsync();
        Say("READY");

        var commands = InstancesPlan.For(instance, own, shared);
        await Task.WhenAll(Enumerable.Range(0, InstancesPlan.Workers).Select(w => Task.Run(async () =>
        {
            // Each worker first makes sure its sites exist (every instance tries: one creates each, the others find it), then
            // runs its commands in list order.
            for (var s = w; s < InstancesPlan.Sites; s += InstancesPlan.Workers)
            {
                await CreateSiteAsync(host.Services, instance, s);
            }

            foreach (var command in commands.Where(c => c.Site % InstancesPlan.Workers == w))
            {
                await RunAsync(host.Services, command);
            }
        })));
        Say("DONE");
        await Task.Delay(Timeout.Infinite);
    }

    private static async Task CreateSiteAsync(IServiceProvider services, int instance, int site)
    {
        using var scope = services.CreateScope();
        var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
        var id = InstancesPlan.Site(site);
        try
        {
            await sites.CreateAsync(
                c => LearningSite.Register(new SiteRegistration(id, "Site " + id.Value, CountryCode.Kenya, DateTimeZoneProviders.Tzdb["Africa/Nairobi"]) { Level = SiteLevel.County, EngagedSinceYear = 2012 }, c.Stamp),
                new CommandId(string.Create(CultureInfo.InvariantCulture, $"create-{id.Value}-i{instance}")));
        }
        catch (AggregateAlreadyExistsException)
        {
            // Another instance created it first.
        }
        catch (ConcurrencyException)
        {
            // Another instance created it between the check and the write.
        }
    }

    private static async Task RunAsync(IServiceProvider services, PlannedCommand command)
    {
        var site = InstancesPlan.Site(command.Site);
        while (true)
        {
            using var scope = services.CreateScope();
            var sites = scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>();
            CommandResult<LearningSite> result;
            try
            {
                result = command.Adds
                    ? await sites.ExecuteAsync(site, (s, c) => s.AddMember(new MemberId(command.Member), "Member " + command.Member, c.Stamp), command.Id, command.By)
                    : await sites.ExecuteAsync(site, (s, c) => s.RecordEngagement(new MemberId(command.Member), new Engagement(command.On, EngagementKind.Workshop), c.Stamp), command.Id, command.By);
            }
            catch (ConcurrencyException)
            {
                // Other writers won every try: the same command again, under the same id.
                Say("CONFLICT " + command.Id.Value + " END");
                continue;
            }

            Say(string.Create(
                CultureInfo.InvariantCulture,
                $"ACK {command.Id.Value} {result.Append!.Stream.Value} {result.Append.Version} {(result.WasDuplicate ? 1 : 0)} {result.Retries} END"));
            return;
        }
    }

    private static void Say(string line)
    {
        lock (Gate)
        {
            Console.Out.Write(line + "\n");
            Console.Out.Flush();
        }
    }

    /// <summary>The staged reminders of <see cref="InstancesPlan.StagedReminders"/>, the same in every instance.</summary>
    internal sealed class StagedReminders(ReminderInputs inputs) : IReminderSource
    {
        public ValueTask<ReminderInputs> CollectAsync(Instant now, CancellationToken cancellationToken) => ValueTask.FromResult(inputs);
    }

    internal sealed class Audit : INotificationHandler
    {
        public string Name => "audit";

        public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken)
        {
            Say(string.Create(CultureInfo.InvariantCulture, $"N {Name} {notification.Stored.Position} END"));
            return ValueTask.CompletedTask;
        }
    }

    internal sealed class AlphaReminders : IReminderHandler
    {
        public string Name => "alpha-reminders";

        public async ValueTask HandleAsync(Reminder reminder, CancellationToken cancellationToken)
        {
            // A mail server that takes a moment, so that the kill may land in the middle of a sweep.
            await Task.Delay(5, cancellationToken);
            Say("R " + Name + " " + reminder.Id + " END");
        }
    }

    internal sealed class BetaReminders : IReminderHandler
    {
        public string Name => "beta-reminders";

        public async ValueTask HandleAsync(Reminder reminder, CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken);
            Say("R " + Name + " " + reminder.Id + " END");
        }
    }
}
