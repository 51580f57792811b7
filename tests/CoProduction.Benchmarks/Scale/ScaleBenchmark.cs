using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.DependencyInjection;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Storage.Sqlite;
using CoProduction.Sweeps;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using CoProduction.Tests.Extensions;

namespace CoProduction.Benchmarks.Scale;

/// <summary>
/// The scale benchmark (issue 14): for 10, 100, 1,000 and 5,000 protocols on SQLite, through
/// <c>AddCoProduction</c> + <c>UseSqliteStore</c> as an app does, one run measures a cycle command, a sweep
/// with nothing new, host start to ready, the two register queries, projection catch-up from zero and the
/// peak working set. Each programme is seeded once into a cached file and copied for each run.
/// </summary>
internal static class ScaleBenchmark
{
    public static readonly int[] Sizes = [10, 100, 1_000, 5_000];

    private const int Commands = 15;
    private const int Repeats = 5;

    /// <summary>Runs every size and returns the growth table, also written to <c>scale.md</c> in the results folder.</summary>
    public static async Task<string> RunAsync(string artifacts, IReadOnlyList<int> sizes, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(artifacts, "scale");
        Directory.CreateDirectory(folder);
        var rows = new List<ScaleRow>();
        var warmUp = true;
        foreach (var n in sizes.Prepend(sizes.Min()))
        {
            var seed = await SeedAsync(folder, n, cancellationToken).ConfigureAwait(false);
            ResetPeakWorkingSet();
            var row = await MeasureAsync(seed, Path.Combine(folder, $"run-{n}.db"), n, cancellationToken).ConfigureAwait(false);
            Console.WriteLine((warmUp ? "(warm-up, not published) " : string.Empty) + row);
            if (!warmUp)
            {
                rows.Add(row);
            }

            warmUp = false;
        }

        var markdown = Render(rows);
        Directory.CreateDirectory(Path.Combine(artifacts, "results"));
        await File.WriteAllTextAsync(Path.Combine(artifacts, "results", "scale.md"), markdown, cancellationToken).ConfigureAwait(false);
        return markdown;
    }

    /// <summary>The seeded file of a programme with <paramref name="n"/> protocols in the folder, seeded first when missing.</summary>
    internal static async Task<string> SeedAsync(string folder, int n, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var seed = Path.Combine(folder, $"seed-{n}.db");
        if (!File.Exists(seed))
        {
            var seeding = Stopwatch.StartNew();
            await SeedFileAsync(seed, n, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"Seeded {n} protocols in {seeding.Elapsed.TotalSeconds:F1} s.");
        }

        return seed;
    }

    /// <summary>The app over a file, as the benchmark builds it: <c>AddCoProduction</c> + <c>UseSqliteStore</c>, the clock fixed at the seed's now.</summary>
    internal static ServiceProvider App(string path) => App(builder => builder.UseSqliteStore(path));

    /// <summary>The same app over the store <paramref name="useStore"/> chooses (<c>UseSqliteStore</c> or <c>UsePostgreSqlStore</c>).</summary>
    internal static ServiceProvider App(Func<CoProductionBuilder, CoProductionBuilder> useStore)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FixedClock(ScaleSeed.Now));
        var builder = services.AddCoProduction(o =>
            {
                o.DefaultTimeZone = ScaleSeed.Zone.Id;
                o.SweepInterval = TimeSpan.FromHours(12);
                o.NotificationPollInterval = TimeSpan.FromMinutes(10);
            }).UseTestAccess();
        useStore(builder)
            .AddCommitteePolicy(ScaleSeed.Committee, Protocols.CommitteePolicies.KenyaNationalCommittee);
        return services.BuildServiceProvider();
    }

    private static async Task SeedFileAsync(string seed, int n, CancellationToken cancellationToken)
    {
        var building = seed + ".building";
        DeleteDatabase(building);
        await using (var app = App(building))
        {
            await ScaleSeed.SeedAsync(app, n, cancellationToken).ConfigureAwait(false);
            await app.GetRequiredService<ProjectionRunner>().CatchUpAsync(cancellationToken).ConfigureAwait(false);
        }

        Checkpoint(building);
        File.Move(building, seed);
    }

    private static async Task<ScaleRow> MeasureAsync(string seed, string run, int n, CancellationToken cancellationToken)
    {
        DeleteDatabase(run);
        File.Copy(seed, run);
        long events;
        double ready;
        var commands = new List<double>();
        var sweeps = new List<double>();
        var ending = new List<double>();
        var open = new List<double>();
        int endingCount = 0, openCount = 0;

        await using (var app = App(run))
        {
            // Host start to ready: every hosted service started, the models caught up with the file.
            var clock = Stopwatch.StartNew();
            var hosted = app.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            events = await app.GetRequiredService<IEventStore>().ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
            if (!await app.GetRequiredService<ProjectionRunner>().WaitForAsync(events, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The models did not catch up within five minutes.");
            }

            ready = clock.Elapsed.TotalMilliseconds;

            // One cycle command (StartActing, with the rules of the cycle's site) on different sites' cycles.
            var sites = ScaleSeed.Sites(n);
            for (var i = 0; i <= Math.Min(Commands, sites - 1); i++)
            {
                var cycle = ScaleSeed.CycleOf(i * (sites / Math.Min(Commands + 1, sites)));
                using var scope = app.CreateScope();
                var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
                clock.Restart();
                await cycles.ExecuteAsync(cycle, (c, context) => c.StartActing(context.Context), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (i > 0)
                {
                    commands.Add(clock.Elapsed.TotalMilliseconds);   // the first one warms up
                }
            }

            var sweep = app.GetRequiredService<SweepService>();
            await sweep.RunOnceAsync(cancellationToken).ConfigureAwait(false);   // records what is due once; later passes find nothing new
            var queries = new ScaleQueries(app);
            var site = ScaleSeed.Site(sites / 2);
            for (var r = 0; r < Repeats; r++)
            {
                clock.Restart();
                await sweep.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                sweeps.Add(clock.Elapsed.TotalMilliseconds);

                clock.Restart();
                endingCount = await queries.ProtocolsEndingWithinAsync(60, cancellationToken).ConfigureAwait(false);
                ending.Add(clock.Elapsed.TotalMilliseconds);

                clock.Restart();
                openCount = await queries.OpenCyclesOfSiteAsync(site, cancellationToken).ConfigureAwait(false);
                open.Add(clock.Elapsed.TotalMilliseconds);
            }

            foreach (var service in Enumerable.Reverse(hosted))
            {
                await service.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Projection catch-up from zero: every checkpoint forgotten, one pass rebuilds every model.
        double rate;
        using (var connection = new SqliteConnection($"Data Source={run};Pooling=False"))
        {
            connection.Open();
            using var forget = connection.CreateCommand();
            forget.CommandText = "DELETE FROM projections";
            forget.ExecuteNonQuery();
        }

        await using (var app = App(run))
        {
            var runner = app.GetRequiredService<ProjectionRunner>();
            var clock = Stopwatch.StartNew();
            await runner.CatchUpAsync(cancellationToken).ConfigureAwait(false);
            var all = await app.GetRequiredService<IEventStore>().ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
            rate = all / clock.Elapsed.TotalSeconds;
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        DeleteDatabase(run);
        return new ScaleRow(n, events, Median(commands), Median(sweeps), ready, Median(ending), endingCount, Median(open), openCount, rate, peak);
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[values.Count / 2];
    }

    private static string Render(IReadOnlyList<ScaleRow> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("| N protocols | events | one `StartActing` via `CycleCommands` (median) | one sweep pass, nothing new | host start → ready | protocols ending within 60 days | open cycles of site X | catch-up from zero | peak working set |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            md.AppendLine(string.Create(inv, $"| {r.Protocols:N0} | {r.Events:N0} | {Ms(r.CommandMs)} | {Ms(r.SweepMs)} | {Ms(r.ReadyMs)} | {Ms(r.EndingMs)} ({r.Ending:N0} found) | {Ms(r.OpenMs)} ({r.Open:N0} found) | {r.CatchUpPerSecond:N0} events/s | {r.PeakWorkingSet / (1024.0 * 1024):N0} MB |"));
        }

        return md.ToString();

        static string Ms(double ms) => ms >= 1000
            ? (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s"
            : ms.ToString(ms >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>Resets the kernel's peak resident set of this process (Linux), so each size's peak is its own.</summary>
    private static void ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Elsewhere the peak is the process's since it started.
        }
    }

    private static void Checkpoint(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var truncate = connection.CreateCommand();
        truncate.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        truncate.ExecuteNonQuery();
    }

    /// <summary>Deletes a SQLite file with its WAL and shared-memory files.</summary>
    internal static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private sealed record ScaleRow(int Protocols, long Events, double CommandMs, double SweepMs, double ReadyMs, double EndingMs, int Ending, double OpenMs, int Open, double CatchUpPerSecond, long PeakWorkingSet);

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
