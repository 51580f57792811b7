using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CoProduction.Benchmarks.Scale;
using CoProduction.Commands;
using CoProduction.Persistence;
using CoProduction.Projections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoProduction.Benchmarks;

/// <summary>
/// (10, issue 19) An app's work on SQLite and on PostgreSQL in the same run, over the scale benchmark's programme of
/// <see cref="Protocols"/> protocols (<see cref="ScaleSeed"/>: <see cref="SeedEvents"/> events, seeded afresh for each case
/// through <c>AddCoProduction</c> and the public commands): projection catch-up from zero (every checkpoint deleted, a
/// new app, one <see cref="ProjectionRunner.CatchUpAsync"/> rebuilds the library's read models), and one <c>StartActing</c>
/// through <see cref="CycleCommands"/> end to end with the hosted services running, as an app runs it (load, rules from
/// the read models, decide, append, the models following).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1, 1)]
[WarmupCount(2)]
[IterationCount(10)]
public class StoreWorkloadBenchmarks
{
    /// <summary>Protocols of the seeded programme (half as many sites, each with a cycle ready for StartActing).</summary>
    public const int Protocols = 800;

    /// <summary>Events the seeded programme holds (9 per protocol).</summary>
    public const int SeedEvents = 7_200;

    /// <summary>Commands per invocation, each on another site's cycle; the mean is per command.</summary>
    public const int Commands = 20;

    private BenchStoreInstance instance = null!;
    private List<IHostedService> hosted = [];
    private int nextCycle;

    /// <summary>Gets or sets the store measured.</summary>
    [Params(BenchStore.Sqlite, BenchStore.PostgreSql)]
    public BenchStore Store { get; set; }

    [GlobalSetup(Target = nameof(Store_projection_catch_up_from_zero))]
    public void SetupCatchUp() => Seed();

    [GlobalSetup(Target = nameof(Store_StartActing_via_CycleCommands))]
    public void SetupCommand()
    {
        Seed();
        hosted = [.. instance.App.GetServices<IHostedService>()];
        foreach (var service in hosted)
        {
            service.StartAsync(default).GetAwaiter().GetResult();
        }

        var last = instance.Events.ReadLastPositionAsync().AsTask().GetAwaiter().GetResult();
        if (!instance.App.GetRequiredService<ProjectionRunner>().WaitForAsync(last, TimeSpan.FromMinutes(5)).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The models did not catch up within five minutes.");
        }

        nextCycle = 0;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var service in Enumerable.Reverse(hosted))
        {
            service.StopAsync(default).GetAwaiter().GetResult();
        }

        hosted = [];
        instance.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(Store_projection_catch_up_from_zero))]
    public void ForgetModels()
    {
        instance.ForgetCheckpoints();
        instance.RestartAsync().GetAwaiter().GetResult();
    }

    /// <summary>Every library read model rebuilt from the first of the <see cref="SeedEvents"/> events, in one catch-up pass.</summary>
    [Benchmark]
    public async Task<long> Store_projection_catch_up_from_zero()
        => await instance.App.GetRequiredService<ProjectionRunner>().CatchUpAsync().ConfigureAwait(false);

    /// <summary>One StartActing through CycleCommands, each on another site's ready cycle, in a scope of its own; mean per command.</summary>
    [Benchmark(OperationsPerInvoke = Commands)]
    public async Task Store_StartActing_via_CycleCommands()
    {
        for (var i = 0; i < Commands; i++)
        {
            if (nextCycle >= ScaleSeed.Sites(Protocols))
            {
                throw new InvalidOperationException($"Every one of the {ScaleSeed.Sites(Protocols)} seeded cycles has acted: seed more protocols or run fewer iterations.");
            }

            using var scope = instance.App.CreateScope();
            var cycles = scope.ServiceProvider.GetRequiredService<CycleCommands>();
            await cycles.ExecuteAsync(ScaleSeed.CycleOf(nextCycle++), (c, context) => c.StartActing(context.Context)).ConfigureAwait(false);
        }
    }

    private void Seed()
    {
        instance = BenchStoreInstance.Create(Store);
        ScaleSeed.SeedAsync(instance.App, Protocols, default).GetAwaiter().GetResult();
        instance.App.GetRequiredService<ProjectionRunner>().CatchUpAsync().GetAwaiter().GetResult();
        var events = instance.Events.ReadLastPositionAsync().AsTask().GetAwaiter().GetResult();
        if (events != SeedEvents)
        {
            throw new InvalidOperationException($"The seeded programme of {Protocols} protocols holds {events} events, not {SeedEvents}: update SeedEvents, which the report's events/s divide by.");
        }
    }
}
