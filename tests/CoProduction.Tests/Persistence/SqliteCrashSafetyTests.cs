using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace CoProduction.Tests.Persistence;

public sealed class SqliteCrashSafetyTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static string CrashWriterDll()
    {
        // tests/CoProduction.Tests/bin/<Configuration>/net10.0/ → the writer's output for the same configuration.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var dll = Path.Combine(
            StoreTesting.RepoRoot(), "tests", "CoProduction.Storage.Sqlite.CrashWriter", "bin", configuration, output.Name, "CoProduction.Storage.Sqlite.CrashWriter.dll");
        Assert.True(File.Exists(dll), $"Build the solution first: {dll} is missing.");
        return dll;
    }

    private static async Task<List<string>> RunAndKillAsync(string dll, string database, int seed, Random random)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var process = Process.Start(start)!;
        var acks = new ConcurrentQueue<string>();
        var firstAck = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                // A line cut by the kill has no END: it was never acknowledged to anyone.
                if (line.StartsWith("ACK ", StringComparison.Ordinal) && line.EndsWith(" END", StringComparison.Ordinal))
                {
                    acks.Enqueue(line);
                    firstAck.TrySetResult();
                }
            }
        });
        var errors = process.StandardError.ReadToEndAsync();

        if (seed % 3 == 0)
        {
            // Sometimes kill during start-up or the first appends (schema creation included).
            await Task.Delay(random.Next(20, 400));
        }
        else
        {
            await Task.WhenAny(firstAck.Task, Task.Delay(TimeSpan.FromSeconds(20)));
            await Task.Delay(random.Next(0, 250));
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await reader;
        var stderr = await errors;
        Assert.True(stderr.Length == 0 || !stderr.Contains("Exception", StringComparison.Ordinal), "The writer failed on its own: " + stderr);
        return [.. acks];
    }

    [Fact]
    public async Task A_writer_killed_at_random_moments_leaves_a_file_that_opens_with_whole_batches_and_every_acknowledged_one()
    {
        var dll = CrashWriterDll();
        var database = folder.File("crash.db");
        var random = new Random(20160301);
        var acknowledged = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        var kills = 0;
        for (var seed = 1; kills < 10 || (kills < 30 && stopwatch.Elapsed < TimeSpan.FromSeconds(15)); seed++, kills++)
        {
            acknowledged.AddRange(await RunAndKillAsync(dll, database, seed, random));
            await VerifyAsync(database, acknowledged);
        }

        Assert.NotEmpty(acknowledged);
    }

    private static async Task VerifyAsync(string database, List<string> acknowledged)
    {
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", check.ExecuteScalar());
        }

        var store = new SqliteEventStore(new SqliteEventStoreOptions { Path = database });
        var all = new List<StoredEvent>();
        while (await store.ReadAllAsync(all.Count == 0 ? 0 : all[^1].Position, 1000) is { Count: > 0 } page)
        {
            all.AddRange(page);
        }

        var batches = all.Select(e =>
        {
            using var doc = JsonDocument.Parse(e.Payload);
            return (Event: e, Batch: doc.RootElement.GetProperty("batch").GetString()!, Size: doc.RootElement.GetProperty("size").GetInt32(), Index: doc.RootElement.GetProperty("index").GetInt32());
        }).GroupBy(x => x.Batch).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (batch, events) in batches)
        {
            // Whole: every event of the batch, in order, at consecutive versions of one stream.
            Assert.Equal(Enumerable.Range(0, events[0].Size), events.Select(x => x.Index));
            Assert.Single(events.Select(x => x.Event.Stream).Distinct());
            Assert.Equal(Enumerable.Range(0, events.Count).Select(i => events[0].Event.Version + i), events.Select(x => x.Event.Version));
        }

        foreach (var ack in acknowledged)
        {
            var parts = ack.Split(' ');
            Assert.True(batches.TryGetValue(parts[1], out var events), $"Acknowledged batch {parts[1]} is missing.");
            Assert.Equal(int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture), events!.Count);
            Assert.Equal(parts[2], events[0].Event.Stream.Value);
        }

        foreach (var stream in all.GroupBy(e => e.Stream))
        {
            Assert.Equal(Enumerable.Range(1, stream.Count()).Select(v => (long)v), stream.Select(e => e.Version));
        }
    }
}
