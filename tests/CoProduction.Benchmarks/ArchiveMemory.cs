using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Benchmarks.Scale;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CoProduction.Benchmarks;

/// <summary>
/// (issue 16) Import streams its input: the memory an import of a whole programme's archive takes, beside the
/// archive's size. The programme is the scale benchmark's seed; its archive is written to a file and imported from
/// the file into a new SQLite file, twice: once while a sampler reads the managed heap every millisecond (live objects
/// and garbage not yet collected), once while it forces a full collection every 20 ms and reads what is live.
/// </summary>
internal static class ArchiveMemory
{
    public static async Task<string> MeasureAsync(string artifacts, int protocols, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(artifacts, "scale");
        var seed = await ScaleBenchmark.SeedAsync(folder, protocols, cancellationToken).ConfigureAwait(false);
        var archivePath = Path.Combine(folder, $"archive-{protocols}.jsonl");
        var targetPath = Path.Combine(folder, $"archive-target-{protocols}.db");
        var archive = new EventArchive(new SeedClock());
        long events;
        await using (var app = ScaleBenchmark.App(seed))
        {
            var store = app.GetRequiredService<IEventStore>();
            events = await store.ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
            await using var file = File.Create(archivePath);
            await archive.ExportAsync(store, file, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var size = new FileInfo(archivePath).Length;
        ScaleBenchmark.DeleteDatabase(targetPath);
        using var target = new SqliteEventStore(new SqliteEventStoreOptions { Path = targetPath });
        await target.ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);

        var (heap, elapsed) = await PeakAsync(archive, target, archivePath, collect: false, cancellationToken).ConfigureAwait(false);
        target.Dispose();
        ScaleBenchmark.DeleteDatabase(targetPath);
        using var second = new SqliteEventStore(new SqliteEventStoreOptions { Path = targetPath });
        await second.ReadLastPositionAsync(cancellationToken).ConfigureAwait(false);
        var (live, _) = await PeakAsync(archive, second, archivePath, collect: true, cancellationToken).ConfigureAwait(false);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {protocols:N0} protocols | {events:N0} | {size / 1048576.0:F1} MiB | {live / 1048576.0:F1} MiB ({(double)live / size:F2}×) | {heap / 1048576.0:F1} MiB ({(double)heap / size:F2}×) | {elapsed.TotalSeconds:F1} s |");
    }

    /// <summary>Imports the archive and returns the managed heap's peak above its start, and how long the import took.</summary>
    private static async Task<(long Peak, TimeSpan Elapsed)> PeakAsync(
        EventArchive archive, IEventStore target, string archivePath, bool collect, CancellationToken cancellationToken)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(
            () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(collect));
                    Thread.Sleep(collect ? 20 : 1);
                }
            },
            CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await using (var file = File.OpenRead(archivePath))
        {
            await archive.ImportAsync(target, file, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var elapsed = clock.Elapsed;
        await stop.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        return (peak - baseline, elapsed);
    }
    /// <summary>The seed's now, as the archive's creation instant.</summary>
    private sealed class SeedClock : IClock
    {
        public Instant GetCurrentInstant() => ScaleSeed.Now;
    }
}
