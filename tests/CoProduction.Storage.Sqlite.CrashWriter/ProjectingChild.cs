using CoProduction.Storage.Sqlite;
using CoProduction.DependencyInjection;
using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Tests.Projections;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using CoProduction.Tests.Extensions;

namespace CoProduction.Storage.Sqlite.CrashWriter;

/// <summary>Projects a SQLite file as an app does (catch-up at start, then live) and appends to it, until killed.</summary>
internal static class ProjectingChild
{
    public static async Task RunAsync(string database, int seed, int version)
    {
        var random = new Random(seed);
        var services = new ServiceCollection();
        services.AddSingleton(new TallySettings { Version = version });
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddCoProduction(o =>
            {
                o.ProjectionBatchSize = random.Next(1, 300);
                o.NotificationPollInterval = TimeSpan.FromMilliseconds(100);
            }).UseTestAccess()
            .UseSqliteStore(database)
            .AddProjection<SqliteTally>();
        using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ProjectionRunner>();
        var store = provider.GetRequiredService<IEventStore>();
        await runner.StartAsync(CancellationToken.None);
        Console.Out.WriteLine("READY");
        Console.Out.Flush();

        var at = Instant.FromUtc(2019, 2, 1, 6, 0);
        while (true)
        {
            var stream = new StreamId("tally-" + random.Next(5));
            var version0 = (await store.ReadStreamAsync(stream)).Count;
            var size = random.Next(1, 6);
            var events = new EventData[size];
            for (var i = 0; i < size; i++)
            {
                var payload = "{\"n\":" + random.Next(1, 1000).ToString(CultureInfo.InvariantCulture) + "}";
                events[i] = new EventData("tally.counted", 1, Encoding.UTF8.GetBytes(payload), at, Actor.Named("crash-projector"));
            }

            await store.AppendAsync(stream, version0, events);
            Console.Out.WriteLine("ACK");
            Console.Out.Flush();
        }
    }
}
