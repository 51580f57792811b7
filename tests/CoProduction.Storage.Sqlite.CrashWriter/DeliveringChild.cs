using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Events;
using CoProduction.Notifications;
using CoProduction.Persistence;
using CoProduction.Scheduling;
using CoProduction.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using CoProduction.Tests.Extensions;

namespace CoProduction.Storage.Sqlite.CrashWriter;

/// <summary>
/// Runs an app's background delivery over a SQLite file, as a deployed app does, until it is killed: the projection
/// runner, the notification dispatcher (two handlers) and the sweep (two reminder handlers, a source of
/// <see cref="DeliveringChild.Reminders"/> reminders). Every effect is a line in the process's own log, written before
/// the handler returns, so the parent counts what reached each handler, repeats included.
/// </summary>
/// <remarks>
/// Usage: <c>&lt;database&gt; &lt;seed&gt; deliver &lt;log file&gt;</c>; or <c>&lt;database&gt; &lt;seed&gt; deliver-seed &lt;events&gt;</c>
/// to append the probe events and exit. Log lines: <c>E {delivery id} END</c> and <c>R {handler}/{reminder id} END</c>.
/// </remarks>
internal static class DeliveringChild
{
    /// <summary>How many reminders the source raises, every one due since long ago.</summary>
    public const int Reminders = 20;

    public static async Task SeedAsync(string database, int count)
    {
        var store = new SqliteEventStore(new SqliteEventStoreOptions { Path = database });
        var serializer = new EventSerializer(new EventTypeRegistry().AddContext(ProbeJsonContext.Default));
        var at = Instant.FromUtc(2019, 2, 1, 6, 0);
        for (var written = 0; written < count; written += 100)
        {
            var stream = new StreamId("probe-" + (written / 100).ToString(CultureInfo.InvariantCulture));
            var events = new List<IDomainEvent>();
            for (var i = written; i < Math.Min(count, written + 100); i++)
            {
                events.Add(new DeliveryProbe(i) { At = at, By = Actor.Named("seed") });
            }

            await store.AppendAsync(stream, 0, serializer.Serialize(events));
        }

        store.Dispose();
    }

    public static async Task RunAsync(string database, string log)
    {
        using var effects = new EffectLog(log);
        var services = new ServiceCollection();
        services.AddSingleton(effects);
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddCoProduction(o =>
            {
                o.NotificationPollInterval = TimeSpan.FromMilliseconds(100);
                o.SweepInterval = TimeSpan.FromSeconds(1);
                o.LeaseDuration = TimeSpan.FromSeconds(2);
                o.LeaseRenewal = TimeSpan.FromMilliseconds(250);
            }).UseTestAccess()
            .UseSqliteStore(database)
            .ConfigureEvents(events => events.AddContext(ProbeJsonContext.Default))
            .AddNotificationHandler<AlphaMailer>()
            .AddNotificationHandler<BetaMailer>()
            .AddReminderHandler<AlphaReminders>()
            .AddReminderHandler<BetaReminders>()
            .AddReminderSource<UnengagedMembers>();
        using var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Console.Out.WriteLine("READY");
        Console.Out.Flush();
        await Task.Delay(Timeout.Infinite);
    }

    /// <summary>The effects of this process, one line each, in the kernel's buffers (so a kill keeps them) before the handler returns.</summary>
    internal sealed class EffectLog(string path) : IDisposable
    {
        private readonly Lock gate = new();
        private readonly StreamWriter writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };

        public void Write(string line)
        {
            lock (gate)
            {
                writer.Write(line + " END\n");
            }
        }

        public void Dispose() => writer.Dispose();
    }

    internal sealed class AlphaMailer(EffectLog log) : INotificationHandler
    {
        public string Name => "alpha";

        public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken)
        {
            log.Write("E " + notification.DeliveryId);
            return ValueTask.CompletedTask;
        }
    }

    internal sealed class BetaMailer(EffectLog log) : INotificationHandler
    {
        public string Name => "beta";

        public ValueTask HandleAsync(EventNotification notification, CancellationToken cancellationToken)
        {
            log.Write("E " + notification.DeliveryId);
            return ValueTask.CompletedTask;
        }
    }

    internal sealed class AlphaReminders(EffectLog log) : IReminderHandler
    {
        public string Name => "alpha-reminders";

        public async ValueTask HandleAsync(Reminder reminder, CancellationToken cancellationToken)
        {
            // A slow mail server, so that kills land in the middle of a sweep.
            await Task.Delay(40, cancellationToken);
            log.Write("R " + Name + "/" + reminder.Id);
        }
    }

    internal sealed class BetaReminders(EffectLog log) : IReminderHandler
    {
        public string Name => "beta-reminders";

        public async ValueTask HandleAsync(Reminder reminder, CancellationToken cancellationToken)
        {
            await Task.Delay(40, cancellationToken);
            log.Write("R " + Name + "/" + reminder.Id);
        }
    }

    /// <summary>Core managers last engaged in 2000: each one's reminder is due at every sweep, with a stable id.</summary>
    internal sealed class UnengagedMembers : IReminderSource
    {
        public ValueTask<ReminderInputs> CollectAsync(Instant now, CancellationToken cancellationToken)
        {
            var members = new List<EngagementInput>();
            for (var i = 0; i < Reminders; i++)
            {
                members.Add(new EngagementInput(new MemberId("m" + i.ToString(CultureInfo.InvariantCulture)), "Member " + i, new LocalDate(2000, 1, 1), DateTimeZone.Utc));
            }

            return ValueTask.FromResult(new ReminderInputs { Engagements = [.. members] });
        }
    }
}

/// <summary>The probe event the delivery test seeds: a number, nothing a library projection reads.</summary>
/// <param name="N">Its number.</param>
/// <remarks>Its instant and actor are in the envelope only: this assembly cannot see the library's JSON converters.</remarks>
[EventName("tests.delivery-probe")]
internal sealed record DeliveryProbe(int N) : IDomainEvent
{
    /// <inheritdoc/>
    [JsonIgnore]
    public Instant At { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public Actor By { get; init; } = Actor.System;
}

[JsonSerializable(typeof(DeliveryProbe))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext;
