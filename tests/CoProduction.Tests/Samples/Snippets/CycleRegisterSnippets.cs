using System;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Projections;
using CoProduction.ReadModels;
using CoProduction.Sites;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.Samples.Snippets;

// The cycle register's and the site board's code blocks of docs/read-side.md, compiled and run.
public sealed class CycleRegisterSnippets
{
    [Fact]
    public async Task A_page_reads_a_site_s_open_cycles_and_its_board_after_its_own_commands()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(PaperSites.At));
        services.AddCoProduction().UseTestAccess();
        using var provider = services.BuildServiceProvider(validateScopes: true);
        using var scope = provider.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>().CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: ct);
        var started = await scope.ServiceProvider.GetRequiredService<CycleCommands>().StartAsync(
            new CycleOpening(new CycleId("kilifi-2019"), PaperSites.KilifiId, 7, "priority-setting"), cancellationToken: ct);
        var cycleId = started.Aggregate.Id;
        var runner = provider.GetRequiredService<ProjectionRunner>();
        await runner.WaitForAsync(started.Append!.LastPosition, TimeSpan.FromSeconds(30), ct);
        var site = PaperSites.KilifiId;
        IServiceProvider app = scope.ServiceProvider;

        #region cycle-register-query
        var register = app.GetRequiredService<ICycleRegister>();
        var open = await register.OpenAtSiteAsync(site, after: null, limit: 50, ct);
        foreach (var cycle in open.Items)
        {
            var paused = cycle.Pause is { } pause ? $", paused by {pause.Shock} since {pause.PausedAt}" : string.Empty;
            Console.WriteLine($"Cycle {cycle.Number} ({cycle.Cycle}): {cycle.Stage} since {cycle.Since}{paused}");
        }

        var overrunning = await register.StageDueByAsync(app.GetRequiredService<IClock>().GetCurrentInstant(), cancellationToken: ct);
        // Why a button is greyed out: the rules at this moment, not the register.
        var buttons = await app.GetRequiredService<CycleCommands>().AvailabilityAsync(cycleId, ct);
        #endregion

        #region site-board-query
        var board = app.GetRequiredService<ISiteBoard>();
        if (await board.GetAsync(site, ct) is { } today)
        {
            foreach (var member in today.Members)
            {
                Console.WriteLine($"{member.DisplayName}: {string.Join(", ", member.Roles.Select(r => r.Kind))}");
            }
        }

        var quiet = await board.CoreManagersNotEngagedSinceAsync(new LocalDate(2018, 12, 1), cancellationToken: ct);
        #endregion

        Assert.Equal([cycleId], open.Items.Select(c => c.Cycle));
        Assert.Empty(overrunning.Items);
        Assert.Contains(buttons, b => b.Trigger == CycleTrigger.StartActing && !b.IsPermitted);
        Assert.Equal(PaperSites.KilifiDirector, Assert.Single(quiet.Items).Manager.Member);
    }
}
