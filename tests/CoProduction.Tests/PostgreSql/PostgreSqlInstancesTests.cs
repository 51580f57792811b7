using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Notifications;
using CoProduction.Sweeps;
using CoProduction.Tests.Persistence;
using Npgsql;
using NodaTime;

namespace CoProduction.Tests.PostgreSql;

/// <summary>
/// Three app processes on one PostgreSQL database, as a deployed app behind a load balancer runs: each a host with
/// <c>AddCoProduction(...).UsePostgreSqlStore()</c> and its hosted services (<see cref="PostgreSqlAppChild"/> in the crash
/// writer), issuing commands that race for the same sites, while the dispatcher and the sweep deliver. The instance that
/// holds the dispatcher's lease is killed with SIGKILL midway and started again. At the end the database holds every
/// command exactly once, each instance was told the same outcome of a command as the store keeps, every event reached the
/// notification handler and every reminder both reminder handlers, each at most once more than the kill could repeat, and
/// another instance held the lease within the lease time of the kill.
/// </summary>
public sealed class PostgreSqlInstancesTests : IDisposable
{
    private const int Instances = 3;
    private const int Own = 3_000;
    private const int Shared = 1_000;
    private const int Reminders = 150;

    /// <summary>The children's lease duration (<see cref="PostgreSqlAppChild"/>).</summary>
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(12);

    private readonly PostgreSqlServer server = new();

    public void Dispose() => server.Dispose();

    [Fact]
    public async Task Three_instances_run_ten_thousand_racing_commands_and_survive_a_kill_of_the_lease_holder()
    {
        var schema = server.NewSchema();
        var connection = new NpgsqlConnectionStringBuilder(PostgreSqlServer.ConnectionString) { MaxPoolSize = 20 }.ConnectionString;
        var remindersFrom = SystemNow() + Duration.FromSeconds(10);
        var runs = new List<(int Instance, ChildProcess Child)>();
        ChildProcess Launch(int instance)
        {
            var child = ChildProcess.Start(
                connection,
                instance.ToString(CultureInfo.InvariantCulture),
                "postgres-app",
                schema,
                Own.ToString(CultureInfo.InvariantCulture),
                Shared.ToString(CultureInfo.InvariantCulture),
                Reminders.ToString(CultureInfo.InvariantCulture),
                remindersFrom.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            runs.Add((instance, child));
            return child;
        }

        var stopwatch = Stopwatch.StartNew();
        var live = Enumerable.Range(0, Instances).Select(Launch).ToArray();
        TimeSpan takeover;
        int victim;
        try
        {
            await Task.WhenAll(live.Select(c => c.Said("READY")));

            // Midway, kill the instance that delivers notifications (it may hold the sweep too).
            await WaitAsync(() => runs.Sum(r => r.Child.Count("ACK ")) >= Instances * (Own + Shared) / 3, "a third of the commands acknowledged", stopwatch);
            var holder = await HolderAsync(schema, NotificationDispatcher.LeaseName);
            victim = Array.FindIndex(live, c => holder.Contains("/" + c.Id.ToString(CultureInfo.InvariantCulture) + "/", StringComparison.Ordinal));
            Assert.True(victim >= 0, $"The dispatcher's lease is held by {holder}, none of the instances.");
            var sweepHolder = await HolderAsync(schema, SweepService.LeaseName);
            var killedAt = Stopwatch.StartNew();
            await live[victim].KillAsync();
            var deadPid = "/" + live[victim].Id.ToString(CultureInfo.InvariantCulture) + "/";

            // Another instance holds the dispatcher's lease (and the sweep's, if the victim held it) within the lease time.
            string now;
            do
            {
                now = await HolderAsync(schema, NotificationDispatcher.LeaseName, live: true);
                if (killedAt.Elapsed > Deadline)
                {
                    Assert.Fail("No instance took the dispatcher's lease over.");
                }

                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
            while (now.Length == 0 || now.Contains(deadPid, StringComparison.Ordinal));
            takeover = killedAt.Elapsed;
            if (sweepHolder.Contains(deadPid, StringComparison.Ordinal))
            {
                await WaitAsync(async () => await HolderAsync(schema, SweepService.LeaseName, live: true) is { Length: > 0 } h && !h.Contains(deadPid, StringComparison.Ordinal), "the sweep's lease taken over", stopwatch);
            }

            // The killed instance starts again and issues its commands again under the same ids.
            live[victim] = Launch(victim);
            await WaitAsync(() => live.All(c => c.Count("DONE") > 0), "every instance done", stopwatch);

            // Every event reached the notification handler and every staged reminder (due by then) both reminder handlers.
            var events = Convert.ToInt64(PostgreSqlServer.Scalar($"SELECT count(*) FROM \"{schema}\".events"), CultureInfo.InvariantCulture);
            var lastDue = remindersFrom + (InstancesPlan.ReminderSpacing * (Reminders - 1));
            await WaitAsync(
                () => Distinct(runs, "N audit ").Count == events
                    && Distinct(runs, "R alpha-reminders stage-overrun/staged-").Count == Reminders
                    && Distinct(runs, "R beta-reminders stage-overrun/staged-").Count == Reminders,
                $"every event ({events}) and reminder (the last due at {lastDue}) delivered",
                stopwatch);
        }
        finally
        {
            foreach (var (_, child) in runs)
            {
                await child.KillAsync();
                child.Dispose();
            }
        }

        // The database holds every planned command exactly once: one event each, on the site it names.
        var planned = Enumerable.Range(0, Instances).SelectMany(i => InstancesPlan.For(i, Own, Shared)).DistinctBy(c => c.Id).ToList();
        Assert.Equal(Instances * Own + Shared, planned.Count);
        var stored = Rows(schema, "SELECT command_id, stream, version FROM {0}.commands WHERE command_id NOT LIKE 'create-%'")
            .ToDictionary(r => (string)r[0], r => ((string)r[1], (long)r[2]), StringComparer.Ordinal);
        Assert.Equal(planned.Select(c => c.Id.Value).Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
        Assert.All(planned, c => Assert.Equal("site-" + InstancesPlan.Site(c.Site).Value, stored[c.Id.Value].Item1));
        var perSite = Rows(schema, "SELECT stream, count(*), max(version), count(*) FILTER (WHERE name = 'site.member-added') FROM {0}.events GROUP BY stream");
        Assert.Equal(InstancesPlan.Sites, perSite.Count);
        foreach (var row in perSite)
        {
            var site = planned.Where(c => "site-" + InstancesPlan.Site(c.Site).Value == (string)row[0]).ToList();
            Assert.Equal(site.Count + 1, (long)row[1]);
            Assert.Equal((long)row[1], (long)row[2]);
            Assert.Equal(site.Count(c => c.Adds), (long)row[3]);
        }

        // What each instance was told (first try or duplicate, before or after the kill) is what the store keeps.
        var acks = runs.SelectMany(r => r.Child.Complete("ACK ")).Select(l => l.Split(' ')).ToList();
        Assert.All(acks, a => Assert.Equal(stored[a[1]], (a[2], long.Parse(a[3], CultureInfo.InvariantCulture))));
        Assert.Equal(stored.Keys.Order(StringComparer.Ordinal), acks.Select(a => a[1]).Distinct().Order(StringComparer.Ordinal));
        var retried = acks.Count(a => a[5] != "0");
        var duplicates = acks.Count(a => a[4] == "1");
        Assert.True(retried > 0, "No command met a conflict: the instances did not race.");

        // Each delivery at most once more than the one kill could repeat (a delivery in flight when the victim died).
        var audit = Repeats(runs, "N audit ");
        var alpha = Repeats(runs, "R alpha-reminders ");
        var beta = Repeats(runs, "R beta-reminders ");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{acks.Count} acknowledgements of {stored.Count} commands ({retried} after conflicts, {duplicates} duplicates) by {runs.Count} processes in {stopwatch.Elapsed}; "
            + $"lease taken over {takeover.TotalSeconds:0.00} s after the kill of instance {victim}; repeats: audit {audit}, alpha {alpha}, beta {beta}.");
        Assert.True(audit <= 1 && alpha <= 1 && beta <= 1, $"Deliveries repeated: audit {audit}, alpha {alpha}, beta {beta}.");
        Assert.True(takeover <= LeaseDuration + TimeSpan.FromSeconds(3), $"The lease was taken over {takeover.TotalSeconds:0.00} s after the kill, past the lease time of {LeaseDuration.TotalSeconds} s.");
    }

    private static Instant SystemNow() => SystemClock.Instance.GetCurrentInstant();

    private static HashSet<string> Distinct(List<(int, ChildProcess Child)> runs, string prefix)
        => [.. runs.SelectMany(r => r.Child.Complete(prefix))];

    private static int Repeats(List<(int, ChildProcess Child)> runs, string prefix)
    {
        var all = runs.SelectMany(r => r.Child.Complete(prefix)).ToList();
        return all.Count - all.Distinct(StringComparer.Ordinal).Count();
    }

    private static async Task<string> HolderAsync(string schema, string lease, bool live = false)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlServer.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"SELECT holder, expires_at FROM \"{schema}\".leases WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", lease);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        if (!await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            return string.Empty;
        }

        var holder = reader.GetString(0);
        return !live || reader.GetInt64(1) > SystemNow().ToUnixTimeTicks() ? holder : string.Empty;
    }

    private static List<object[]> Rows(string schema, string sql)
    {
        using var connection = new NpgsqlConnection(PostgreSqlServer.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(string.Format(CultureInfo.InvariantCulture, sql, "\"" + schema + "\""), connection);
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static Task WaitAsync(Func<bool> condition, string what, Stopwatch stopwatch)
        => WaitAsync(() => Task.FromResult(condition()), what, stopwatch);

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, Stopwatch stopwatch)
    {
        while (!await condition())
        {
            Assert.True(stopwatch.Elapsed < Deadline, $"Not reached within {Deadline.TotalMinutes} minutes: {what}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
