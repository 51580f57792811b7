using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace CoProduction.Tests.Persistence;

/// <summary>
/// The one launcher of the kill tests' child process, <c>CoProduction.Storage.Sqlite.CrashWriter</c> (built with the
/// tests, not referenced as an assembly): starts it with arguments, keeps every line it prints, waits for a line or a
/// condition, kills it with SIGKILL at the chosen point and reports how it ended. A child that failed on its own (an
/// exception on its standard error) fails the test, saying so.
/// </summary>
/// <remarks>
/// <see cref="Process.Kill(bool)"/> sends SIGKILL on Unix: the child gets no chance to flush, roll back or dispose, as
/// after a power cut. A line the kill cut short is still read (without its newline), so children that report a
/// durable fact end its line with <c> END</c> and the tests count only complete lines (<see cref="Complete"/>).
/// </remarks>
internal sealed class ChildProcess : IDisposable
{
    /// <summary>How long any one step of a child may take before the test fails saying which: generous, for loaded CI machines.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly Task reader;
    private readonly Task<string> errors;
    private readonly List<string> lines = [];
    private readonly List<(string Line, TaskCompletionSource Said)> awaited = [];

    private ChildProcess(Process process, string description)
    {
        this.process = process;
        Description = description;
        reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                    foreach (var (expected, said) in awaited)
                    {
                        if (expected == line)
                        {
                            said.TrySetResult();
                        }
                    }
                }
            }

            lock (lines)
            {
                foreach (var (_, said) in awaited)
                {
                    said.TrySetResult();
                }
            }
        });
        errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Gets the child's arguments, for messages.</summary>
    public string Description { get; }

    /// <summary>Gets the child's process id (the one a lease holder names).</summary>
    public int Id => process.Id;

    /// <summary>Gets whether the child has ended (killed or on its own).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Gets the lines the child printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>Gets the path of the child's assembly for the tests' own configuration; fails the test when it was not built.</summary>
    public static string Dll
    {
        get
        {
            // tests/CoProduction.Tests/bin/<Configuration>/net10.0/ → the child's output for the same configuration.
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(
                StoreTesting.RepoRoot(), "tests", "CoProduction.Storage.Sqlite.CrashWriter", "bin", output.Parent!.Name, output.Name, "CoProduction.Storage.Sqlite.CrashWriter.dll");
            Assert.True(File.Exists(dll), $"Build the solution first: {dll} is missing.");
            return dll;
        }
    }

    /// <summary>Starts the child with its arguments (the first is usually the database file).</summary>
    /// <param name="arguments">The child's arguments.</param>
    /// <returns>The running child.</returns>
    public static ChildProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ChildProcess(Process.Start(start)!, string.Join(' ', arguments.Select(Path.GetFileName)));
    }

    /// <summary>Gets how many lines so far start with a prefix.</summary>
    /// <param name="prefix">The prefix, for example <c>ACK</c>.</param>
    /// <returns>The count.</returns>
    public int Count(string prefix)
    {
        lock (lines)
        {
            return lines.Count(l => l.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    /// <summary>Gets the last line that starts with a prefix, if any.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The line, or <see langword="null"/>.</returns>
    public string? Last(string prefix)
    {
        lock (lines)
        {
            return lines.LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    /// <summary>Gets the complete lines (ending in <c> END</c>, which a kill cannot cut) that start with a prefix, without the <c> END</c>.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The lines, in order.</returns>
    public List<string> Complete(string prefix)
    {
        lock (lines)
        {
            return [.. lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.EndsWith(" END", StringComparison.Ordinal)).Select(l => l[..^4])];
        }
    }

    /// <summary>A task that completes when the child prints this very line, or ends.</summary>
    /// <param name="line">The line, for example <c>READY</c>.</param>
    /// <returns>The task.</returns>
    public Task Said(string line)
    {
        lock (lines)
        {
            var said = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (lines.Contains(line) || reader.IsCompleted)
            {
                said.SetResult();
            }
            else
            {
                awaited.Add((line, said));
            }

            return said.Task;
        }
    }

    /// <summary>Polls a condition (on the child's output or on the file) until it holds; fails when the child ends first or the step times out.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited)
            {
                await reader.WaitAsync(StepTimeout, TestContext.Current.CancellationToken);
                if (condition())
                {
                    return;
                }

                Assert.Fail($"The child ({Description}) exited (code {process.ExitCode}) before {what}: {await errors}");
            }

            if (waited.Elapsed > StepTimeout)
            {
                Assert.Fail($"The child ({Description}) did not reach {what} within {StepTimeout.TotalSeconds} s; its last line: {Lines.LastOrDefault()}.");
            }

            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Kills the child with SIGKILL as soon as a condition holds.</summary>
    /// <param name="condition">The condition, polled.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <returns>A task that completes when the child is dead and its output read.</returns>
    public async Task KillWhenAsync(Func<bool> condition, string what)
    {
        await WaitUntilAsync(condition, what);
        await KillAsync();
    }

    /// <summary>Kills the child with SIGKILL now (if it still runs), reads the rest of its output, and fails the test if it had failed on its own.</summary>
    /// <returns>A task that completes when the child is dead and its output read.</returns>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(StepTimeout, TestContext.Current.CancellationToken);
        await reader.WaitAsync(StepTimeout, TestContext.Current.CancellationToken);
        var stderr = await errors.WaitAsync(StepTimeout, TestContext.Current.CancellationToken);
        Assert.True(!stderr.Contains("Exception", StringComparison.Ordinal), $"The child ({Description}) failed on its own: {stderr}");
    }

    /// <summary>Waits for the child to end on its own, and fails the test unless it succeeded.</summary>
    /// <returns>A task that completes when the child has ended and its output is read.</returns>
    public async Task ExitAsync()
    {
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(StepTimeout * 2, TestContext.Current.CancellationToken);
        await reader.WaitAsync(StepTimeout, TestContext.Current.CancellationToken);
        var stderr = await errors.WaitAsync(StepTimeout, TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"The child ({Description}) failed (code {process.ExitCode}): {stderr}");
    }

    /// <summary>Kills the child if it still runs (a test that failed midway), without checking how it ended.</summary>
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
