using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.ReadModels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Projections;

/// <summary>
/// A child process runs the projection runner over a real SQLite file and is killed with SIGKILL at chosen points:
/// inside a catch-up or a rebuild (when a model's checkpoint, read from the file, passes a random position short of
/// the feed's end) and during live projection (after a random number of acknowledged writes). Kill points follow
/// the child's progress, never a wall-clock delay, so a loaded machine moves them in time but not out of their phase.
/// </summary>
public sealed class ProjectionCrashTests : IDisposable
{
    private static readonly CommitteeId Committee = new("kemri-seru");

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_runner_killed_at_random_moments_leaves_every_model_equal_to_a_rebuild_from_zero_up_to_its_checkpoint()
    {
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
        var versions = new HashSet<int>();
        var behind = 0;
        var checkpoints = new List<(long Tally, long Head)>();
        for (var seed = 1; seed <= 50; seed++)
        {
            // Every fourth run brings a new projection version: a rebuild from position 0, killed inside it.
            var tallyVersion = 1 + (seed / 4);
            var rebuilding = versions.Add(tallyVersion) && seed > 1;
            using (var child = ChildProcess.Start(database, seed.ToString(CultureInfo.InvariantCulture), "project", tallyVersion.ToString(CultureInfo.InvariantCulture)))
            {
                if (rebuilding)
                {
                    // The old version's checkpoint stays until the runner resets the model: only the new version's counts.
                    var target = random.NextInt64(1, Head(database));
                    await child.KillWhenAsync(() => Versioned(database, TallySettings.Name) is { } p && p.Version == tallyVersion && p.Position >= target, "the tally rebuild to pass " + target);
                }
                else
                {
                    var acks = random.Next(0, 40);
                    await child.KillWhenAsync(() => child.Count("ACK") >= acks, acks + " appends");
                }
            }

            var verified = Verify(database);
            behind += verified.Tally < verified.Head ? 1 : 0;
            checkpoints.Add(verified);
        }

        Assert.True(versions.Count > 5);
        // Kills landed inside rebuilds (the model behind the feed) and in live projection past the seeded backlog.
        Assert.True(behind >= 5, $"Only {behind} kills left the tally behind the feed.");
        Assert.Contains(checkpoints, c => c.Tally > 4000);
    }

    [Fact]
    public async Task The_app_killed_at_random_points_of_catch_up_and_live_projection_keeps_every_read_model_equal_to_a_rebuild_from_zero()
    {
        var database = folder.File("programme.db");
        var random = new Random(20160201);
        var stopwatch = Stopwatch.StartNew();
        var seed = 0;

        // A first programme: live, then commands written while no runner follows the feed, a backlog for the first start.
        using (var live = ChildProcess.Start(database, (++seed).ToString(CultureInfo.InvariantCulture), "app", "live"))
        {
            await live.KillWhenAsync(() => live.Count("ACK") >= 60, "60 commands");
        }

        using (var backlog = ChildProcess.Start(database, (++seed).ToString(CultureInfo.InvariantCulture), "app", "write", "30"))
        {
            await backlog.ExitAsync();
        }

        var kills = new Dictionary<string, int>(StringComparer.Ordinal) { ["write"] = 0, ["catch-up"] = 0, ["live"] = 0, ["rebuild"] = 0 };
        var behind = 0;
        var verifications = 0;
        for (var kill = 1; kill <= 52; kill++)
        {
            // Each write (commands with no runner following) leaves a backlog that the next start's catch-up folds.
            var kind = (kill % 4) switch { 0 => "write", 1 => "catch-up", 2 => "live", _ => "rebuild" };
            using (var child = ChildProcess.Start(database, (++seed).ToString(CultureInfo.InvariantCulture), "app", kind switch { "rebuild" => "rebuild", "write" => "write", _ => "live" }, "1000"))
            {
                switch (kind)
                {
                    case "write":
                        {
                            var acks = random.Next(5, 25);
                            await child.KillWhenAsync(() => child.Count("ACK") >= acks, acks + " commands");
                            break;
                        }
                    case "catch-up":
                        {
                            var head = Head(database);
                            var from = Checkpoints(database).Values.DefaultIfEmpty(0).Min();
                            var target = from + 1 + random.NextInt64(Math.Max(1, head - from - 1));
                            await child.KillWhenAsync(() => Checkpoints(database).Values.DefaultIfEmpty(0).Min() >= target || child.Count("ACK") > 0, "the start's catch-up to pass " + target);
                            break;
                        }

                    case "rebuild":
                        {
                            // The child names each projection it rebuilds; the kill lands once that model is reset and
                            // refolded past a random position, or, when the rebuild outran the polling, at the next step.
                            var low = false;
                            var target = 0L;
                            string? rebuilt = null;
                            await child.KillWhenAsync(
                                () =>
                                {
                                    if (Rebuilding(child) != rebuilt)
                                    {
                                        (rebuilt, low, target) = (Rebuilding(child), false, 1 + random.NextInt64(Math.Max(1, Head(database) - 1)));
                                    }

                                    if (rebuilt is null)
                                    {
                                        return child.Count("ACK") > 0;
                                    }

                                    var position = Checkpoints(database).GetValueOrDefault(rebuilt);
                                    low |= position < target;
                                    return (low && position >= target) || child.Count("ACK") > 0;
                                },
                                "a rebuild to pass a random position");
                            break;
                        }

                    default:
                        {
                            var acks = random.Next(0, 15);
                            await child.KillWhenAsync(() => child.Count("ACK") >= acks, acks + " commands");
                            break;
                        }
                }
            }

            kills[kind]++;
            var head2 = Head(database);
            behind += Checkpoints(database).Values.Any(p => p < head2) ? 1 : 0;
            if (kill % 13 == 0)
            {
                await AssertEveryModelEqualsARebuildAsync(database, ++verifications, everyModelWritten: kill == 52);
            }
        }

        TestContext.Current.SendDiagnosticMessage(
            $"{kills.Values.Sum()} kills ({string.Join(", ", kills.Select(k => $"{k.Value} {k.Key}"))}), {behind} with a model behind the feed, {Head(database)} events, {stopwatch.Elapsed.TotalSeconds:F1} s.");
        Assert.True(behind >= 10, $"Only {behind} of the kills left a model behind the feed.");
        Assert.True(Head(database) > 1000, $"The programme has only {Head(database)} events.");
    }

    /// <summary>
    /// Restarts the app on the file (its runner catches up from where the kill left it), copies the file, rebuilds every
    /// projection of the copy from zero, and compares every model's documents and index entries, read through
    /// <see cref="IDocumentStore"/>: the restarted models must equal the rebuilt ones, with nothing parked.
    /// </summary>
    private async Task AssertEveryModelEqualsARebuildAsync(string database, int n, bool everyModelWritten)
    {
        var ct = TestContext.Current.CancellationToken;
        var copy = folder.File($"rebuilt-{n}.db");
        SqliteConnection.ClearAllPools();
        using var restarted = App(database);
        await restarted.CatchUpAsync();
        Assert.All(await restarted.Runner.StatusAsync(ct), s => Assert.Equal((s.Name, 0L), (s.Name, s.Parked)));
        using (var source = new SqliteConnection($"Data Source={database};Pooling=False"))
        using (var target = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }

        using var rebuilt = App(copy);
        foreach (var projection in rebuilt.Runner.Projections)
        {
            await rebuilt.Runner.RebuildAsync(projection.Name, ct);
        }

        var documentProjections = restarted.Runner.Projections.OfType<IDocumentProjection>().ToList();
        Assert.Equal(restarted.Runner.Projections.Count, documentProjections.Count);
        foreach (var projection in documentProjections)
        {
            var indexes = IndexNames(database, projection.Name).Union(IndexNames(copy, projection.Name)).Order(StringComparer.Ordinal).ToList();
            var other = (IDocumentProjection)rebuilt.Runner.Projections.Single(p => p.Name == projection.Name);
            foreach (var index in indexes.Prepend(null))
            {
                var expected = await ReadAllAsync(rebuilt, other, index);
                var actual = await ReadAllAsync(restarted, projection, index);
                Assert.True(expected.Count > 0 || index is not null || !everyModelWritten, $"{projection.Name} has no documents.");
                Assert.True(expected.SequenceEqual(actual), $"{projection.Name} ({index ?? "documents"}) after the kills differs from its rebuild from zero:" +
                    $" {string.Join("; ", expected.Except(actual).Take(3))} expected; {string.Join("; ", actual.Except(expected).Take(3))} found.");
            }
        }
    }

    /// <summary>The projection the child last said it is rebuilding, if any.</summary>
    private static string? Rebuilding(ChildProcess child) => child.Last("REBUILDING ")?["REBUILDING ".Length..];

    private static ReadModelApp App(string path)
        => ReadModelApp.OnFile(path, new FakeClock(Instant.FromUtc(2016, 3, 1, 6, 0)), o => o.DefaultTimeZone = "Africa/Nairobi", b => b.AddCommitteePolicy(Committee, CommitteePolicies.KenyaNationalCommittee));

    /// <summary>Every document of a projection (with no index) or every entry of one of its indexes, in order, with the document's JSON.</summary>
    private static async Task<List<string>> ReadAllAsync(ReadModelApp app, IDocumentProjection projection, string? index)
    {
        var documents = app.Provider.GetRequiredService<IDocumentStore>();
        var all = new List<string>();
        DocumentCursor? after = null;
        while (true)
        {
            var page = await documents.QueryDocumentsAsync(projection, index, DocumentRange.All, after, 500, TestContext.Current.CancellationToken);
            all.AddRange(page.Select(f => $"{f.Key} | {f.Value} | {projection.Write(f.Document)}"));
            if (page.Count < 500)
            {
                return all;
            }

            after = new DocumentCursor(page[^1].Value, page[^1].Key);
        }
    }

    private static List<string> IndexNames(string database, string projection)
    {
        using var connection = Open(database);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT DISTINCT name FROM document_index WHERE projection = $projection";
        read.Parameters.AddWithValue("$projection", projection);
        using var reader = read.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
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

        if (Checkpoint(database, TallySettings.Name) is { } tally)
        {
            var expected = events.Where(e => e.Position <= tally)
                .GroupBy(e => e.Stream)
                .ToDictionary(g => g.Key, g => new TallyRow(g.Count(), g.Sum(e => (long)e.N), g.Max(e => e.Position)), StringComparer.Ordinal);
            Assert.Equal(expected, SqliteTallyReader.Read(database));
        }

        if (Checkpoint(database, "coproduction.stream-index") is { } indexed)
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

        return (Checkpoint(database, TallySettings.Name) ?? 0, events.Count == 0 ? 0 : events[^1].Position);
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Pooling=False;Default Timeout=60");
        connection.Open();
        return connection;
    }

    /// <summary>The feed's last position, read from the file.</summary>
    private static long Head(string database)
    {
        using var connection = Open(database);
        return Scalar(connection, "SELECT COALESCE(MAX(position), 0) FROM events") is long head ? head : 0;
    }

    /// <summary>Every projection's checkpoint, read from the file (none before the runner first started).</summary>
    private static Dictionary<string, long> Checkpoints(string database)
    {
        using var connection = Open(database);
        var checkpoints = new Dictionary<string, long>(StringComparer.Ordinal);
        if ((long)Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'projections'")! == 0)
        {
            return checkpoints;
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT name, position FROM projections";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            checkpoints[reader.GetString(0)] = reader.GetInt64(1);
        }

        return checkpoints;
    }

    private static long? Checkpoint(string database, string projection) => Checkpoints(database).TryGetValue(projection, out var position) ? position : null;

    private static (long Position, int Version)? Versioned(string database, string projection)
    {
        using var connection = Open(database);
        if ((long)Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'projections'")! == 0)
        {
            return null;
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT position, version FROM projections WHERE name = $name";
        read.Parameters.AddWithValue("$name", projection);
        using var reader = read.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt32(1)) : null;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
