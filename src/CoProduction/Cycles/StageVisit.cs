using NodaTime;

namespace CoProduction.Cycles;

/// <summary>One stage in the cycle's timeline: when it was entered and left, and the time paused inside it.</summary>
/// <param name="Stage">The stage (never <see cref="CycleStage.Paused"/>: pauses count inside the stage they interrupt).</param>
/// <param name="Entered">When the stage was entered.</param>
/// <param name="Left">When it was left, or <see langword="null"/> while the cycle is in it (or paused in it).</param>
/// <param name="Paused">The time spent paused within the stage, for pauses that have ended.</param>
/// <param name="PausedSince">When the pause going on now began, while the cycle is paused in this stage; otherwise <see langword="null"/>.</param>
public sealed record StageVisit(CycleStage Stage, Instant Entered, Instant? Left, Duration Paused, Instant? PausedSince = null)
{
    /// <summary>The stage's working length: from entered to left (or <paramref name="now"/>), minus the time paused, including a pause going on now.</summary>
    /// <param name="now">The instant to measure an open stage (and a pause going on) to; ignored when the stage was left.</param>
    /// <returns>The length without pauses.</returns>
    public Duration LengthWithoutPauses(Instant now)
    {
        var end = Left ?? now;
        var pausedNow = PausedSince is { } since && end > since ? end - since : Duration.Zero;
        return (end - Entered) - Paused - pausedNow;
    }
}
