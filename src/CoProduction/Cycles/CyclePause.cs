using NodaTime;

namespace CoProduction.Cycles;

/// <summary>An interruption of the cycle by a shock.</summary>
/// <param name="Shock">What kind of shock.</param>
/// <param name="Description">What happened.</param>
/// <param name="From">The stage the cycle left, and returns to on resume.</param>
/// <param name="PausedAt">When the cycle was paused.</param>
/// <param name="EndedAt">When the pause ended (resumed or abandoned), or <see langword="null"/> while paused.</param>
public sealed record CyclePause(ShockKind Shock, string Description, CycleStage From, Instant PausedAt, Instant? EndedAt);
