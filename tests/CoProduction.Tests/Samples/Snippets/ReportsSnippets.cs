using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Projections;
using CoProduction.Reports;
using CoProduction.Sites;
using CoProduction.Tests.Extensions;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Samples.Snippets;

// The code block of docs/reports.md, compiled and run.
public sealed class ReportsSnippets
{
    [Fact]
    public async Task An_app_with_AddReports_draws_the_programme_from_its_read_models_into_a_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempFolder();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(PaperSites.At));
        services.AddCoProduction().UseTestAccess().AddReports();
        using var provider = services.BuildServiceProvider(validateScopes: true);
        using var scope = provider.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAggregateCommands<LearningSite>>().CreateAsync(_ => PaperSites.Kilifi(), cancellationToken: ct);
        var started = await scope.ServiceProvider.GetRequiredService<CycleCommands>().StartAsync(
            new CycleOpening(new CycleId("kilifi-2019"), PaperSites.KilifiId, 7, "priority-setting"), cancellationToken: ct);
        await provider.GetRequiredService<ProjectionRunner>().WaitForAsync(started.Append!.LastPosition, TimeSpan.FromSeconds(30), ct);
        IServiceProvider app = scope.ServiceProvider;
        var outputFolder = folder.Path;

        #region programme-reports
        // AddCoProduction(...).AddReports() registers IProgrammeReports (over the read models) and a ReportRenderer.
        var reports = app.GetRequiredService<IProgrammeReports>();
        var data = await reports.BuildAsync(new ProgrammeReportScope("RESYST learning sites", new LocalDate(2012, 1, 1), new LocalDate(2019, 12, 31)), ct);
        var written = app.GetRequiredService<ReportRenderer>().WriteAll(data, outputFolder);
        // written: timeline, run-chart, comparison and ledger as .md, .csv, .svg and .png, and programme.html
        #endregion

        Assert.Equal(17, written.Count);
        Assert.All(written, p => Assert.True(File.Exists(p), p));
        Assert.Contains(data.Timeline.Single(r => r.Site == "Kilifi County").Bands, b => b.Kind == TimelineBandKind.Stage && b.Stage == CycleStage.Planning);
    }
}
