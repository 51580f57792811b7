using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Sweeps;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoProduction.Benchmarks.Scale;

/// <summary>
/// One part of the scale benchmark on its own, repeated, to compare a change before and after on a busy machine
/// (or to run under a profiler): <c>--scale --part sweep|ending|command|catchup|catchup-each --sizes 5000 [--repeat 20]</c>. Uses the
/// seeded file of the full run (seeding it first when missing); prints every timing and the median.
/// </summary>
internal static class ScaleFocus
{
    public static async Task RunAsync(string artifacts, int n, string part, int repeats, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(artifacts, "scale");
        var seed = await ScaleBenchmark.SeedAsync(folder, n, cancellationToken).ConfigureAwait(false);
        var run = Path.Combine(folder, $"focus-{n}.db");
        ScaleBenchmark.DeleteDatabase(run);
        File.Copy(seed, run);
        var times = new List<double>();
        var cpus = new List<double>();
        try
        {
            if (part == "catchup")
            {
                long events = 0;
                for (var r = 0; r < repeats; r++)
                {
                    using (var connection = new SqliteConnection($"Data Source={run};Pooling=False"))
                    {
                        connection.Open();
                        using var forget = connection.CreateCommand();
                        forget.CommandText = "DELETE FROM projections";
                        forget.ExecuteNonQuery();
                    }

                    await using var app = ScaleBenchmark.App(run);
                    var runner = app.GetRequiredService<ProjectionRunner>();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    await runner.CatchUpAsync(cancellationToken).ConfigureAwait(false);
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                    events = await app.GetRequiredService<IEventStore>().ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"catch-up {times[^1]:F0} ms, {events / times[^1] * 1000:N0} events/s; CPU {cpus[^1]:F0} ms, {events / cpus[^1] * 1000:N0} events per CPU second"));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {n}: {events / Median(times) * 1000:N0} events/s, {events / Median(cpus) * 1000:N0} events per CPU second"));
                return;
            }

            if (part == "catchup-each")
            {
                // Each projection rebuilt on its own (after one catch-up of all): where a catch-up's time goes.
                await using var app = ScaleBenchmark.App(run);
                var runner = app.GetRequiredService<ProjectionRunner>();
                await runner.CatchUpAsync(cancellationToken).ConfigureAwait(false);
                var events = await app.GetRequiredService<IEventStore>().ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
                foreach (var projection in runner.Projections)
                {
                    var each = new List<double>();
                    for (var r = 0; r < repeats; r++)
                    {
                        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                        await runner.RebuildAsync(projection.Name, cancellationToken).ConfigureAwait(false);
                        each.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{projection.Name}: CPU {Median(each):F0} ms median of {repeats}, {events / Median(each) * 1000:N0} events per CPU second"));
                }

                return;
            }

            await using (var app = ScaleBenchmark.App(run))
            {
                var hosted = app.GetServices<IHostedService>().ToList();
                foreach (var service in hosted)
                {
                    await service.StartAsync(cancellationToken).ConfigureAwait(false);
                }

                var last = await app.GetRequiredService<IEventStore>().ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
                await app.GetRequiredService<ProjectionRunner>().WaitForAsync(last, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
                var sweep = app.GetRequiredService<SweepService>();
                await sweep.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                var queries = new ScaleQueries(app);
                var sites = ScaleSeed.Sites(n);
                for (var r = 0; r < repeats; r++)
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    var found = part switch
                    {
                        "sweep" => (await sweep.RunOnceAsync(cancellationToken).ConfigureAwait(false)).Due.Count,
                        "ending" => await queries.ProtocolsEndingWithinAsync(60, cancellationToken).ConfigureAwait(false),
                        "ending-screen" => await queries.EndingWithinScreenAsync(60, cancellationToken).ConfigureAwait(false),
                        "command" => await StartActingAsync(app, ScaleSeed.CycleOf(r % sites), cancellationToken).ConfigureAwait(false),
                        _ => throw new ArgumentException($"Part '{part}' is not sweep, ending, ending-screen, command, catchup or catchup-each.", nameof(part)),
                    };
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{part} {times[^1]:F2} ms, CPU {cpus[^1]:F2} ms ({found} found)"));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {n}: {Median(times):F2} ms, CPU {Median(cpus):F2} ms"));
                foreach (var service in Enumerable.Reverse(hosted))
                {
                    await service.StopAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ScaleBenchmark.DeleteDatabase(run);
        }
    }

    /// <summary>One <c>StartActing</c> through <see cref="Commands.CycleCommands"/> in a scope of its own, as the full run times it.</summary>
    private static async Task<int> StartActingAsync(IServiceProvider app, CycleId cycle, CancellationToken cancellationToken)
    {
        using var scope = app.CreateScope();
        var cycles = scope.ServiceProvider.GetRequiredService<Commands.CycleCommands>();
        await cycles.ExecuteAsync(cycle, (c, context) => c.StartActing(context.Context), cancellationToken: cancellationToken).ConfigureAwait(false);
        return 1;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
