using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Projections;
using CoProduction.ReadModels;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.ReadModels;

/// <summary>
/// The one fixture of the read-model tests: an app as <c>AddCoProduction</c> builds it, on the in-memory store, on a
/// fresh SQLite file or on a given one, with a fake clock (or the app's own), optionally seen through a
/// <see cref="CountingStore"/>; and the commands the tests run, each waiting until the models have folded what it recorded.
/// </summary>
internal sealed class ReadModelApp : IDisposable
{
    private readonly TempFolder? folder;

    private ReadModelApp(ServiceProvider provider, IClock clock, TempFolder? folder)
    {
        Provider = provider;
        Time = clock;
        this.folder = folder;
    }

    public ServiceProvider Provider { get; }

    /// <summary>Gets the fake clock the app reads (for an app built with one).</summary>
    public FakeClock Clock => Time as FakeClock ?? throw new InvalidOperationException("This app reads another clock than a FakeClock.");

    public IClock Time { get; }

    public ICycleRegister Register => Provider.GetRequiredService<ICycleRegister>();

    public ISiteBoard Board => Provider.GetRequiredService<ISiteBoard>();

    public ProjectionRunner Runner => Provider.GetRequiredService<ProjectionRunner>();

    /// <summary>Gets the position of each stream's last recorded event.</summary>
    public Dictionary<string, long> Positions { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Builds the app on the in-memory store or on a fresh SQLite file in a folder of its own (deleted with the app).
    /// </summary>
    /// <param name="sqlite">Whether the events and models live in a SQLite file.</param>
    /// <param name="clock">The app's clock.</param>
    /// <param name="configure">Changes the options (the notification poll is an hour: the tests drive the runner).</param>
    /// <param name="build">Adds to the builder, after the store is chosen (committee policies, for example).</param>
    /// <param name="counting">Reads and writes through this counting store, over the chosen one.</param>
    public static ReadModelApp Create(bool sqlite, IClock clock, Action<CoProductionOptions>? configure = null, Action<CoProductionBuilder>? build = null, CountingStore? counting = null)
    {
        var folder = sqlite ? new TempFolder() : null;
        return Build(folder?.File("read-models.db"), clock, configure, build, counting, folder);
    }

    /// <summary>Builds the app on an existing (or new) SQLite file, which it leaves in place.</summary>
    public static ReadModelApp OnFile(string path, IClock clock, Action<CoProductionOptions>? configure = null, Action<CoProductionBuilder>? build = null)
        => Build(path, clock, configure, build, null, null);

    public async Task CreateSiteAsync(LearningSite site)
    {
        using var scope = Provider.CreateScope();
        await WaitAsync(await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>().CreateAsync(_ => site, cancellationToken: TestContext.Current.CancellationToken));
    }

    public async Task SiteAsync(SiteId site, Action<LearningSite, CommandContext> decide)
    {
        using var scope = Provider.CreateScope();
        await WaitAsync(await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>().ExecuteAsync(site, decide, cancellationToken: TestContext.Current.CancellationToken));
    }

    public async Task StartAsync(CycleOpening opening)
    {
        using var scope = Provider.CreateScope();
        await WaitAsync(await scope.ServiceProvider.GetRequiredService<CycleCommands>().StartAsync(opening, cancellationToken: TestContext.Current.CancellationToken));
    }

    public async Task<CommandResult<Cycle>> CycleAsync(CycleId cycle, Action<Cycle, CycleCommandContext> decide)
    {
        using var scope = Provider.CreateScope();
        return await WaitAsync(await scope.ServiceProvider.GetRequiredService<CycleCommands>().ExecuteAsync(cycle, decide, cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>Brings every model up to the store's end.</summary>
    public Task CatchUpAsync() => Runner.CatchUpAsync(TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Provider.Dispose();
        folder?.Dispose();
    }

    private static ReadModelApp Build(string? path, IClock clock, Action<CoProductionOptions>? configure, Action<CoProductionBuilder>? build, CountingStore? counting, TempFolder? folder)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        var builder = services.AddCoProduction(o =>
        {
            o.NotificationPollInterval = TimeSpan.FromHours(1);
            configure?.Invoke(o);
        }).UseTestAccess();
        if (path is not null)
        {
            builder.UseSqliteStore(path);
        }

        if (counting is not null)
        {
            builder.UseStore(sp =>
            {
                if (path is not null)
                {
                    counting.Inner = sp.GetRequiredService<SqliteEventStore>();
                }

                return counting;
            });
        }

        build?.Invoke(builder);
        return new ReadModelApp(services.BuildServiceProvider(validateScopes: true), clock, folder);
    }

    private async Task<CommandResult<T>> WaitAsync<T>(CommandResult<T> result)
        where T : class
    {
        var append = result.Append!;
        Positions[append.Stream.Value] = append.LastPosition;
        Assert.True(await Runner.WaitForAsync(append.LastPosition, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        return result;
    }
}
