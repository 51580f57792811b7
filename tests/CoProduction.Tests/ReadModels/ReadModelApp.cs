using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.Projections;
using CoProduction.ReadModels;
using CoProduction.Sites;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduction.Tests.ReadModels;

/// <summary>An app built with <c>AddCoProduction</c>, and the commands the read-model tests run: each waits until the models have folded what it recorded.</summary>
internal sealed class ReadModelApp(ServiceProvider provider) : IDisposable
{
    public ServiceProvider Provider { get; } = provider;

    public ICycleRegister Register => Provider.GetRequiredService<ICycleRegister>();

    public ISiteBoard Board => Provider.GetRequiredService<ISiteBoard>();

    /// <summary>Gets the position of each stream's last recorded event.</summary>
    public Dictionary<string, long> Positions { get; } = new(StringComparer.Ordinal);

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

    public void Dispose() => Provider.Dispose();

    private async Task<CommandResult<T>> WaitAsync<T>(CommandResult<T> result)
        where T : class
    {
        var append = result.Append!;
        Positions[append.Stream.Value] = append.LastPosition;
        Assert.True(await Provider.GetRequiredService<ProjectionRunner>().WaitForAsync(append.LastPosition, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        return result;
    }
}
