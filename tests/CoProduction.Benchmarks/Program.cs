using System;
using System.Globalization;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CoProduction.Benchmarks;
using Perfolizer.Horology;
using Perfolizer.Metrology;

// Usage (from the repository root):
//   dotnet run -c Release --project tests/CoProduction.Benchmarks -- --filter '*'
// runs every benchmark as a short job in-process, measures the memory kept per loaded cycle, and writes
// BenchmarkDotNet.Artifacts/results/ratios.md. Add --update-docs to rewrite the table in docs/performance.md,
// or pass only --report [--update-docs] to rebuild the table from the CSVs of an earlier run.
var updateDocs = args.Contains("--update-docs");
var reportOnly = args.Contains("--report");
var bdnArgs = args.Where(a => a is not "--update-docs" and not "--report").ToArray();

var results = Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts", "results");
if (!reportOnly)
{
    var config = DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
        .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond).WithSizeUnit(SizeUnit.B))
        .HideColumns(Column.StdDev, Column.Ratio, Column.RatioSD, Column.AllocRatio)
        .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);

    Console.WriteLine("Measuring the memory kept per loaded cycle…");
    Console.WriteLine(await RetainedMemory.MeasureAsync(results).ConfigureAwait(false));
    BenchmarkSwitcher.FromAssembly(typeof(MachineBenchmarks).Assembly).Run(bdnArgs, config);
}

var markdown = Report.Write(results);
Console.WriteLine(markdown);
if (updateDocs)
{
    Report.UpdateDocs(markdown);
}
