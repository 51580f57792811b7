using System;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoProduction.Commands;

/// <summary>The one retry policy of every command, single-aggregate or workflow: how many tries, and the jittered pause between them.</summary>
internal sealed class CommandRetry(IOptionsMonitor<CoProductionOptions> options, TimeProvider time)
{
    /// <summary>Gets how many tries a command gets.</summary>
    public int Attempts => options.CurrentValue.CommandAttempts;

    /// <summary>Whether a try that met a conflict is followed by another.</summary>
    /// <param name="attempt">The try that failed, from 1.</param>
    public bool Again(int attempt) => attempt < Attempts;

    /// <summary>Pauses before the next try: a random fraction of the delay times the try's number.</summary>
    /// <param name="attempt">The try that failed, from 1.</param>
    /// <param name="cancellationToken">Cancels the pause.</param>
    /// <returns>A task that completes after the pause.</returns>
    public Task PauseAsync(int attempt, CancellationToken cancellationToken)
    {
        var longest = options.CurrentValue.CommandRetryDelay * attempt;
        var pause = longest * Random.Shared.NextDouble();
        return pause <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(pause, time, cancellationToken);
    }
}
