using CoProduction.Cycles;

namespace CoProduction.Programmes;

/// <summary>An open action-learning cycle, as the programme summary shows it (input from the cycles' read side).</summary>
/// <param name="Cycle">The cycle.</param>
/// <param name="Site">The site running it.</param>
/// <param name="Number">The cycle's number at the site (1 for the first).</param>
/// <param name="Stage">The stage it is in, for example <see cref="CycleStage.Reflecting"/> or <see cref="CycleStage.Paused"/>.</param>
public sealed record OpenCycleSummary(CycleId Cycle, SiteId Site, int Number, CycleStage Stage);
