using NodaTime;

namespace CoProduction.Cycles;

/// <summary>Something done on a planned activity while the cycle is Acting.</summary>
/// <param name="Activity">The planned activity.</param>
/// <param name="On">When it was done, in the site's calendar: not before the cycle began, not after the day it is recorded.</param>
/// <param name="WhatWasDone">What was done.</param>
/// <param name="DataGenerated">The data it generated (transcripts, journals, field notes), each named; may be empty.</param>
public sealed record CycleAction(ActivityId Activity, LocalDate On, string WhatWasDone, ValueList<string> DataGenerated);
