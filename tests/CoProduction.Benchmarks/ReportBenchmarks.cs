using System;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using CoProduction.DependencyInjection;
using CoProduction.Projections;
using CoProduction.Reports;
using CoProduction.Samples.LearningSites;
using CoProduction.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Benchmarks;

/// <summary>
/// (12) The seven-year programme's reports: the README sample's stored history (2012–2018), read back through
/// <c>AddCoProduction(...).UseSqliteStore(...).AddReports()</c> with its read models caught up, then the report data
/// built from the read models and each report drawn.
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private readonly ReportRenderer renderer = new();
    private string folder = null!;
    private ServiceProvider provider = null!;
    private ProgrammeReportData data = null!;
    private ProgrammeReportScope scope = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        folder = Directory.CreateTempSubdirectory("coproduction-report-bench-").FullName;
        var story = await LearningSiteScenario.RunAsync(new SampleOptions(folder, Fresh: true, SampleOptions.DefaultSeed)).ConfigureAwait(false);
        var services = new ServiceCollection().AddSingleton<IClock>(new FakeClock(story.EndedAt));
        services.AddCoProduction().UseSqliteStore(story.DatabasePath).AddReports();
        provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ProjectionRunner>().CatchUpAsync().ConfigureAwait(false);
        scope = new ProgrammeReportScope("RESYST learning sites", new LocalDate(2012, 1, 1), new LocalDate(2018, 12, 31));
        data = await Reports_build_from_the_read_models().ConfigureAwait(false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        provider.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>(12) The report data of the seven years from the read models (site board, cycle register, protocol register, agenda).</summary>
    [Benchmark]
    public async Task<ProgrammeReportData> Reports_build_from_the_read_models()
    {
        using var services = provider.CreateScope();
        return await services.ServiceProvider.GetRequiredService<IProgrammeReports>().BuildAsync(scope).ConfigureAwait(false);
    }

    /// <summary>(12) The timeline as PNG.</summary>
    [Benchmark]
    public int Reports_timeline_png() => renderer.Png(data, ReportKind.Timeline).Length;

    /// <summary>(12) The timeline as SVG.</summary>
    [Benchmark]
    public int Reports_timeline_svg() => renderer.Svg(data, ReportKind.Timeline).Length;

    /// <summary>(12) The run charts (one panel per site and measure) as PNG.</summary>
    [Benchmark]
    public int Reports_run_charts_png() => renderer.Png(data, ReportKind.RunChart).Length;

    /// <summary>(12) The comparison chart as PNG.</summary>
    [Benchmark]
    public int Reports_comparison_png() => renderer.Png(data, ReportKind.Comparison).Length;

    /// <summary>(12) The one self-contained HTML page (every SVG inline, the tables).</summary>
    [Benchmark]
    public int Reports_programme_html() => renderer.Html(data).Length;
}
