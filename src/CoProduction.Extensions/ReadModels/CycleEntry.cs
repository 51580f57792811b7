using CoProduction.Cycles;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// One cycle as the cycle register keeps it: where it is, since when, whether it is paused and by what shock, its
/// stage timeline and expected stage lengths, all summarized from the cycle's own state.
/// </summary>
/// <remarks>
/// Why a trigger is blocked depends on the site's rules at a moment (the roster, the ethics gate), so it is not
/// stored: ask <c>CycleCommands.AvailabilityAsync(cycleId)</c> for a cycle's buttons and their reasons.
/// A stage's length without paused time is <see cref="StageVisit.LengthWithoutPauses"/> of its visit in <see cref="Timeline"/>.
/// </remarks>
/// <param name="Cycle">The cycle's id.</param>
/// <param name="Site">The learning site.</param>
/// <param name="Number">The cycle's number in the site's sequence, from 1.</param>
/// <param name="Stage">The current stage.</param>
/// <param name="Since">When the cycle entered <paramref name="Stage"/>: the visit's entry, the pause's start, or the instant it was completed or abandoned.</param>
/// <param name="IsFinal">Whether the cycle is completed or abandoned.</param>
/// <param name="Pause">The pause going on (shock, description, the stage it interrupted, since when); <see langword="null"/> unless paused.</param>
/// <param name="Pauses">Every pause of the cycle, oldest first, each with its shock, description, the stage it interrupted and when it began and ended (the last one open while paused).</param>
/// <param name="Timeline">One visit per working stage entered, oldest first, each with its entry, its end and the time paused in it.</param>
/// <param name="ExpectedStageLengths">The expected stage lengths given when the cycle started; may be empty.</param>
/// <param name="StageDue">When the current stage's expected length runs out, paused time added (<c>Cycle.CurrentStageExpectedEnd</c>); <see langword="null"/> when the stage has none, or the cycle is paused or finished.</param>
/// <param name="TimeZoneId">The site's IANA time-zone id, in which the cycle's dates are read.</param>
/// <param name="Version">The cycle's stream version the entry was summarized at.</param>
/// <param name="Position">The global position of the cycle's last event the entry reflects.</param>
public sealed record CycleEntry(
    CycleId Cycle,
    SiteId Site,
    int Number,
    CycleStage Stage,
    Instant Since,
    bool IsFinal,
    CyclePause? Pause,
    ValueList<CyclePause> Pauses,
    ValueList<StageVisit> Timeline,
    ValueList<ExpectedStageLength> ExpectedStageLengths,
    Instant? StageDue,
    string TimeZoneId,
    long Version,
    long Position);
