using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
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

    private static async Task<List<string>> RunAndKillAsync(string database, int seed, Random random, string? mode = null)
    {
        using var child = ChildProcess.Start(mode is null ? [database, seed.ToString(CultureInfo.InvariantCulture)] : [database, seed.ToString(CultureInfo.InvariantCulture), mode]);
        if (seed % 3 == 0)
        {
            // Sometimes kill during start-up or the first appends (schema creation included).
            await Task.Delay(random.Next(20, 400), TestContext.Current.CancellationToken);
        }
        else
        {
            await child.WaitUntilAsync(() => child.Complete("ACK ").Count > 0, "its first acknowledged append");
            await Task.Delay(random.Next(0, 250), TestContext.Current.CancellationToken);
        }

        await child.KillAsync();

        // A line cut by the kill has no END: it was never acknowledged to anyone.
        return child.Complete("ACK ");
    }

    [Fact]
    public async Task A_writer_killed_at_random_moments_leaves_a_file_that_opens_with_whole_batches_and_every_acknowledged_one()
    {
        var database = folder.File("crash.db");
        var random = new Random(20160301);
        var acknowledged = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        var kills = 0;
        for (var seed = 1; kills < 10 || (kills < 30 && stopwatch.Elapsed < TimeSpan.FromSeconds(15)); seed++, kills++)
        {
            acknowledged.AddRange(await RunAndKillAsync(database, seed, random));
            await VerifyAsync(database, acknowledged);
        }

        Assert.NotEmpty(acknowledged);
    }

    /// <summary>
    /// A child appends to 2 to 4 of six streams at once (<see cref="IEventStore.AppendStreamsAsync(IReadOnlyList{StreamAppend}, CommandId?, CommandFingerprint?, System.Threading.CancellationToken)"/>),
    /// each event naming the whole write, and is killed with SIGKILL at random moments: after every kill each write is
    /// in the file whole, in every one of its streams, or not at all, and every acknowledged one is there.
    /// </summary>
    [Fact]
    public async Task A_multi_stream_writer_killed_at_random_moments_leaves_every_write_whole_in_all_its_streams_or_absent()
    {
        const int Seed = 20260301;
        var database = folder.File("multi.db");
        var random = new Random(Seed);
        var acknowledged = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        const int Kills = 30;
        var writes = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            var where = $"kill {kill} of {Kills} (kill points from seed {Seed}; child seed {kill})";
            acknowledged.AddRange(await RunAndKillAsync(database, kill, random, "multi"));
            writes = await VerifyMultiAsync(database, acknowledged, where);
        }

        var summary = $"{Kills} kills of a multi-stream writer (seed {Seed}): {writes} whole writes in the file, {acknowledged.Count} acknowledged, {stopwatch.Elapsed.TotalSeconds:F1} s.";
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        TestContext.Current.SendDiagnosticMessage(summary);
        Assert.True(acknowledged.Count >= Kills, $"Only {acknowledged.Count} writes were acknowledged in {Kills} runs.");
    }

    /// <summary>Checks the multi-stream file after a kill; returns how many writes it holds.</summary>
    private static async Task<int> VerifyMultiAsync(string database, List<string> acknowledged, string where)
    {
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.True("ok".Equals(check.ExecuteScalar()), $"After {where} the file fails its integrity check.");
        }

        using var store = new SqliteEventStore(new SqliteEventStoreOptions { Path = database });
        var all = new List<StoredEvent>();
        while (await store.ReadAllAsync(all.Count == 0 ? 0 : all[^1].Position, 1000, TestContext.Current.CancellationToken) is { Count: > 0 } page)
        {
            all.AddRange(page);
        }

        var writes = all.Select(e =>
        {
            using var doc = JsonDocument.Parse(e.Payload);
            var root = doc.RootElement;
            return (Event: e, Batch: root.GetProperty("batch").GetString()!, Parts: root.GetProperty("parts").GetString()!, Index: root.GetProperty("index").GetInt32());
        }).GroupBy(x => x.Batch).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (batch, events) in writes)
        {
            // All: every stream the write named, with every one of its events, at consecutive versions; nothing else.
            var found = string.Join(',', events.GroupBy(x => x.Event.Stream.Value).Select(g => g.Key + ":" + g.Count().ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal));
            Assert.True(string.Join(',', events[0].Parts.Split(',').Order(StringComparer.Ordinal)) == found, $"After {where} write {batch} is partial: it named {events[0].Parts}, the file holds {found}.");
            foreach (var part in events.GroupBy(x => x.Event.Stream))
            {
                var inStream = part.OrderBy(x => x.Event.Version).ToList();
                Assert.Equal(Enumerable.Range(0, inStream.Count), inStream.Select(x => x.Index));
                Assert.Equal(Enumerable.Range(0, inStream.Count).Select(i => inStream[0].Event.Version + i), inStream.Select(x => x.Event.Version));
            }

            Assert.All(events, x => Assert.Equal(new CommandId(batch), x.Event.CommandId));
        }

        foreach (var ack in acknowledged)
        {
            var parts = ack.Split(' ');
            Assert.True(writes.ContainsKey(parts[1]), $"After {where} the acknowledged write {parts[1]} ({parts[2]}) is missing.");
        }

        foreach (var stream in all.GroupBy(e => e.Stream))
        {
            Assert.Equal(Enumerable.Range(1, stream.Count()).Select(v => (long)v), stream.Select(e => e.Version));
        }

        return writes.Count;
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
