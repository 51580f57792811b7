using System;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>How long a working stage is expected to take, in the site's calendar (for reminders when it runs over); checked when built.</summary>
public sealed record ExpectedStageLength
{
    /// <summary>Creates an expected length.</summary>
    /// <param name="stage">A working stage (Planning to Revising).</param>
    /// <param name="length">The expected length, for example one month or a year; not zero.</param>
    /// <exception cref="ArgumentException">A stage that is not a working stage, or a zero length.</exception>
    public ExpectedStageLength(CycleStage stage, Period length)
    {
        Stage = stage;
        Length = length;
    }

    /// <summary>Gets the working stage.</summary>
    public CycleStage Stage
    {
        get;
        init => field = Array.IndexOf(CycleMachine.WorkingStages, value) < 0
            ? throw new ArgumentException($"Only working stages (Planning to Revising) have an expected length; {value} does not.", nameof(Stage))
            : value;
    }

    /// <summary>Gets the expected length.</summary>
    public Period Length
    {
        get;
        init => field = value is null || value.Equals(Period.Zero)
            ? throw new ArgumentException($"The expected length of {Stage} must not be zero.", nameof(Length))
            : value;
    }
}
