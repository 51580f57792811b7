using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using Microsoft.Data.Sqlite;

namespace CoProduction.Tests.Projections;

/// <summary>
/// A child process runs the projection runner over a real SQLite file (catch-up at start, sometimes a rebuild for a
/// new version, then the live feed while it appends) and is killed with SIGKILL at random moments. After each kill,
/// every model in the file equals a fold from zero of the events up to its checkpoint: nothing applied twice, nothing skipped.
/// </summary>
public sealed class ProjectionCrashTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_runner_killed_at_random_moments_leaves_every_model_equal_to_a_rebuild_from_zero_up_to_its_checkpoint()
    {
        var dll = CrashWriterDll();
        var database = folder.File("projected.db");
        var store = new SqliteEventStore(new SqliteEventStoreOptions { Path = database });
        var at = StoreTesting.Start;
        for (var batch = 0; batch < 40; batch++)
        {
            // A backlog, so that kills also land in catch-ups and rebuilds.
            var stream = new StreamId("tally-" + (batch % 5));
            var version = (await store.ReadStreamAsync(stream, cancellationToken: TestContext.Current.CancellationToken)).Count;
            await store.AppendAsync(
                stream,
                version,
                [.. Enumerable.Range(0, 100).Select(i => new EventData("tally.counted", 1, Encoding.UTF8.GetBytes($$"""{"n":{{i}}}"""), at, Actor.Named("seed")))],
                cancellationToken: TestContext.Current.CancellationToken);
        }

        var random = new Random(20190201);
        var stopwatch = Stopwatch.StartNew();
        var kills = 0;
        var versions = new HashSet<int>();
        var checkpoints = new List<(long Tally, long Head)>();
        for (var seed = 1; kills < 50; seed++, kills++)
        {
            // Every fourth run brings a new projection version: a rebuild from position 0 that the kill may interrupt.
            var tallyVersion = 1 + (seed / 4);
            versions.Add(tallyVersion);
            await RunAndKillAsync(dll, database, seed, tallyVersion, random);
            checkpoints.Add(Verify(database));
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(3), $"50 kills took {stopwatch.Elapsed}.");
        Assert.True(versions.Count > 5);
        // The kills landed both inside catch-ups (a model behind the feed) and after them (past the seeded backlog).
        Assert.Contains(checkpoints, c => c.Tally > 0 && c.Tally < c.Head);
        Assert.Contains(checkpoints, c => c.Tally > 4000);
    }

    private static string CrashWriterDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(
            StoreTesting.RepoRoot(), "tests", "CoProduction.Storage.Sqlite.CrashWriter", "bin", output.Parent!.Name, output.Name, "CoProduction.Storage.Sqlite.CrashWriter.dll");
        Assert.True(File.Exists(dll), $"Build the solution first: {dll} is missing.");
        return dll;
    }

    private static async Task RunAndKillAsync(string dll, string database, int seed, int tallyVersion, Random random)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { dll, database, seed.ToString(CultureInfo.InvariantCulture), "project", tallyVersion.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == "READY")
                {
                    ready.TrySetResult();
                }
            }
        });
        var errors = process.StandardError.ReadToEndAsync();

        if (seed % 5 == 0)
        {
            // Sometimes during start-up: opening the file, creating the tables, the first reset.
            await Task.Delay(random.Next(30, 300));
        }
        else
        {
            await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(20)));
            await Task.Delay(random.Next(0, 400));
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        await reader;
        var stderr = await errors;
        Assert.True(!stderr.Contains("Exception", StringComparison.Ordinal), "The child failed on its own: " + stderr);
    }

    /// <summary>Checks every model against a fold from zero up to its checkpoint; returns the tally's checkpoint and the feed's last position.</summary>
    private static (long Tally, long Head) Verify(string database)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));

        var events = new List<(long Position, string Stream, long Version, int N)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT position, stream, version, payload FROM events ORDER BY position";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                using var json = System.Text.Json.JsonDocument.Parse((byte[])reader.GetValue(3));
                events.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), json.RootElement.GetProperty("n").GetInt32()));
            }
        }

        if (Checkpoint(connection, TallySettings.Name) is { } tally)
        {
            var expected = events.Where(e => e.Position <= tally)
                .GroupBy(e => e.Stream)
                .ToDictionary(g => g.Key, g => new TallyRow(g.Count(), g.Sum(e => (long)e.N), g.Max(e => e.Position)), StringComparer.Ordinal);
            Assert.Equal(expected, SqliteTallyReader.Read(database));
        }

        if (Checkpoint(connection, "coproduction.stream-index") is { } indexed)
        {
            var expected = events.Where(e => e.Position <= indexed)
                .GroupBy(e => e.Stream)
                .Select(g => (g.Key, g.Count(), g.Min(e => e.Position), g.Max(e => e.Position)))
                .OrderBy(x => x.Key, StringComparer.Ordinal)
                .ToList();
            var actual = new List<(string, int, long, long)>();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT key, json_extract(body, '$.version'), json_extract(body, '$.firstPosition'), json_extract(body, '$.lastPosition') FROM documents WHERE projection = 'coproduction.stream-index' ORDER BY key";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                actual.Add((reader.GetString(0), (int)reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
            }

            Assert.Equal(expected, actual);
        }

        return (Checkpoint(connection, TallySettings.Name) ?? 0, events.Count == 0 ? 0 : events[^1].Position);
    }

    private static long? Checkpoint(SqliteConnection connection, string projection)
    {
        if ((long)Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'projections'")! == 0)
        {
            return null;
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT position FROM projections WHERE name = $name";
        read.Parameters.AddWithValue("$name", projection);
        return read.ExecuteScalar() is long position ? position : null;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
