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
        var dll = CrashWriterDll();
        var database = folder.File("delivery.db");
        using (var seed = Start(dll, database, "deliver-seed", Events.ToString(CultureInfo.InvariantCulture)))
        {
            await seed.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.True(seed.Process.ExitCode == 0, "Seeding failed: " + await seed.Errors);
        }

        var random = new Random(20260212);
        var logs = new List<string>();
        var children = new Child[2];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = Launch(dll, database, logs);
        }

        var stopwatch = Stopwatch.StartNew();
        var kills = 0;
        try
        {
            await Task.WhenAll(children.Select(c => c.Ready));
            for (; kills < 8; kills++)
            {
                await Task.Delay(random.Next(100, 700), TestContext.Current.CancellationToken);
                var victim = random.Next(children.Length);
                await KillAsync(children[victim]);
                children[victim] = Launch(dll, database, logs);
                if (random.Next(3) == 0)
                {
                    // Sometimes before it is ready: while it opens the file, takes the lease, catches up.
                    continue;
                }

                await children[victim].Ready;
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
                await KillAsync(child);
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

    private Child Launch(string dll, string database, List<string> logs)
    {
        var log = folder.File($"effects-{logs.Count}.log");
        logs.Add(log);
        return Start(dll, database, "deliver", log);
    }

    private static Child Start(string dll, string database, string mode, string argument)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, database, "0", mode, argument })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
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

            ready.TrySetResult();
        });
        return new Child(process, ready.Task, reader, process.StandardError.ReadToEndAsync());
    }

    private static async Task KillAsync(Child child)
    {
        if (!child.Process.HasExited)
        {
            child.Process.Kill(entireProcessTree: true);
        }

        await child.Process.WaitForExitAsync();
        await child.Reader;
        var stderr = await child.Errors;
        child.Dispose();
        Assert.True(!stderr.Contains("Exception", StringComparison.Ordinal), "The child failed on its own: " + stderr);
    }

    private static string CrashWriterDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(
            StoreTesting.RepoRoot(), "tests", "CoProduction.Storage.Sqlite.CrashWriter", "bin", output.Parent!.Name, output.Name, "CoProduction.Storage.Sqlite.CrashWriter.dll");
        Assert.True(File.Exists(dll), $"Build the solution first: {dll} is missing.");
        return dll;
    }

    private sealed record Child(Process Process, Task Ready, Task Reader, Task<string> Errors) : IDisposable
    {
        public void Dispose() => Process.Dispose();
    }
}
