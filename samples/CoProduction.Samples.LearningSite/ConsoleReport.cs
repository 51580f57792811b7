using System;

namespace CoProduction.Samples.LearningSites;

/// <summary>Prints a run.</summary>
public static class ConsoleReport
{
    /// <summary>Prints.</summary>
    /// <param name="result">The run.</param>
    public static void Write(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Console.WriteLine(MarkdownReport.Write(result));
    }
}
