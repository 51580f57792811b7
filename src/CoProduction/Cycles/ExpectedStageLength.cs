using NodaTime;

namespace CoProduction.Cycles;

/// <summary>How long a stage is expected to take, in the site's calendar (for reminders when it runs over).</summary>
/// <param name="Stage">An open working stage (Planning to Revising).</param>
/// <param name="Length">The expected length, for example one month or a year.</param>
public sealed record ExpectedStageLength(CycleStage Stage, Period Length);
