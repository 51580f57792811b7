using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Tests.Persistence;

namespace CoProduction.Tests.Extensions;

/// <summary>
/// Two child processes run an app's background delivery over one SQLite file (the dispatcher with two notification
/// handlers, the sweep with two reminder handlers) and either is killed with SIGKILL at random moments, then started
/// again. Each handler logs its effect before returning. At the end every event and every reminder reached every
/// handler, and each handler got at most one repeat per kill: the lease kept the two processes from both delivering,
/// the per-event checkpoint and the per-reminder record kept a kill from repeating more than the delivery in flight.
/// </summary>
public sealed class DeliveryCrashTests : IDisposable
{
    private const int Events = 800;
    private const int Reminders = 20;
    private static readonly string[] EventHandlers = ["alpha", "beta"];
    private static readonly string[] ReminderHandlers = ["alpha-reminders", "beta-reminders"];
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Two_processes_killed_at_random_deliver_everything_with_at_most_one_repeat_per_kill_and_handler()
    {
        var database = folder.File("delivery.db");
        using (var seed = ChildProcess.Start(database, "0", "deliver-seed", Events.ToString(CultureInfo.InvariantCulture)))
        {
            await seed.ExitAsync();
        }

        var random = new Random(20260212);
        var logs = new List<string>();
        var children = new ChildProcess[2];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = Launch(database, logs);
        }

        var stopwatch = Stopwatch.StartNew();
        var kills = 0;
        try
        {
            await Task.WhenAll(children.Select(c => c.Said("READY")));
            for (; kills < 8; kills++)
            {
                await Task.Delay(random.Next(100, 700), TestContext.Current.CancellationToken);
                var victim = random.Next(children.Length);
                await children[victim].KillAsync();
                children[victim].Dispose();
                children[victim] = Launch(database, logs);
                if (random.Next(3) == 0)
                {
                    // Sometimes before it is ready: while it opens the file, takes the lease, catches up.
                    continue;
                }

                await children[victim].Said("READY");
            }

            // No more kills: the survivors finish the work.
            var deadline = stopwatch.Elapsed + TimeSpan.FromSeconds(30);
            while (!Complete(Read(logs)) && stopwatch.Elapsed < deadline)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            foreach (var child in children)
            {
                await child.KillAsync();
                child.Dispose();
            }
        }

        var effects = Read(logs);
        foreach (var handler in EventHandlers)
        {
            var seen = Counts(effects, "E " + handler + "/");
            var repeats = seen.Values.Sum(n => n - 1);
            TestContext.Current.TestOutputHelper?.WriteLine($"{handler}: {seen.Count} events, {repeats} repeats, {kills} kills, {stopwatch.Elapsed}");
            Assert.Equal(Events, seen.Count);
            Assert.True(repeats <= kills, $"Handler {handler} got {repeats} events again after {kills} kills: {string.Join(", ", seen.Where(s => s.Value > 1).Select(s => s.Key + " x" + s.Value))}.");
        }

        foreach (var handler in ReminderHandlers)
        {
            var seen = Counts(effects, "R " + handler + "/");
            var repeats = seen.Values.Sum(n => n - 1);
            TestContext.Current.TestOutputHelper?.WriteLine($"{handler}: {seen.Count} reminders, {repeats} repeats, {kills} kills");
            Assert.Equal(Reminders, seen.Count);
            Assert.True(repeats <= kills, $"Handler {handler} got {repeats} reminders again after {kills} kills: {string.Join(", ", seen.Where(s => s.Value > 1).Select(s => s.Key + " x" + s.Value))}.");
        }
    }

    private static bool Complete(List<string> effects)
        => EventHandlers.All(h => Counts(effects, "E " + h + "/").Count == Events)
            && ReminderHandlers.All(h => Counts(effects, "R " + h + "/").Count == Reminders);

    private static Dictionary<string, int> Counts(List<string> effects, string prefix)
        => effects.Where(e => e.StartsWith(prefix, StringComparison.Ordinal))
            .GroupBy(e => e[prefix.Length..], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Every complete effect line of every process so far (a line cut by a kill has no END and is no effect).</summary>
    private static List<string> Read(List<string> logs)
    {
        var effects = new List<string>();
        foreach (var log in logs.Where(File.Exists))
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.EndsWith(" END", StringComparison.Ordinal))
                {
                    effects.Add(line[..^4]);
                }
            }
        }

        return effects;
    }

    private ChildProcess Launch(string database, List<string> logs)
    {
        var log = folder.File($"effects-{logs.Count}.log");
        logs.Add(log);
        return ChildProcess.Start(database, "0", "deliver", log);
    }
}
