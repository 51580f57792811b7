using NodaTime;

namespace CoProduction.Cycles;

/// <summary>One stage in the cycle's timeline: when it was entered and left, and the time paused inside it.</summary>
/// <param name="Stage">The stage (never <see cref="CycleStage.Paused"/>: pauses count inside the stage they interrupt).</param>
/// <param name="Entered">When the stage was entered.</param>
/// <param name="Left">When it was left, or <see langword="null"/> while the cycle is in it (or paused in it).</param>
/// <param name="Paused">The time spent paused within the stage, for pauses that have ended.</param>
public sealed record StageVisit(CycleStage Stage, Instant Entered, Instant? Left, Duration Paused)
{
    /// <summary>The stage's working length: from entered to left (or <paramref name="now"/>), minus the time paused.</summary>
    /// <param name="now">The instant to measure an open stage to; ignored when the stage was left.</param>
    /// <returns>The length without pauses.</returns>
    public Duration LengthWithoutPauses(Instant now) => ((Left ?? now) - Entered) - Paused;
}
