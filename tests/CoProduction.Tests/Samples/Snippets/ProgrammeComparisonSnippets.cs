using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.ReadModels;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduction.Tests.Samples.Snippets;

// The programme comparison's code block in docs/read-side.md, compiled (DocsSnippetTests keeps the page and the region equal).
internal static class ProgrammeComparisonSnippets
{
    public static async Task CompareAsync(IServiceProvider services, CancellationToken ct)
    {
        #region programme-comparison-query
        var comparison = services.GetRequiredService<IProgrammeComparison>();

        // A programme's sites side by side for one year ...
        var year = await comparison.CompareAsync(new ProgrammeId("resyst"), 2016, ct);
        foreach (var site in year?.Sites ?? [])
        {
            Console.WriteLine(
                $"{site.Name}: {site.CyclesStarted} started, {site.CyclesCompleted} completed, mean stage {site.MeanStageLength}, " +
                $"meetings kept {site.CadenceRatio:P0}, {site.Managers.Leavers} managers left, {site.ProtocolsInForce.Count} protocol versions in force");
        }

        // ... and one site across years.
        var kilifi = await comparison.AcrossYearsAsync(new SiteId("kilifi"), 2012, 2018, ct);
        #endregion
        _ = kilifi;
    }
}
