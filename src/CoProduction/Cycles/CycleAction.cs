using System;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>Something done on a planned activity while the cycle is Acting; checked when built.</summary>
public sealed record CycleAction
{
    /// <summary>Creates an action.</summary>
    /// <param name="activity">The planned activity.</param>
    /// <param name="on">When it was done, in the site's calendar: the cycle refuses a date before it began or after the day it is recorded.</param>
    /// <param name="whatWasDone">What was done; free text, not blank.</param>
    /// <param name="dataGenerated">The data it generated (transcripts, journals, field notes), each named, not blank; may be empty.</param>
    /// <exception cref="ArgumentException">A default activity id, or blank text.</exception>
    public CycleAction(ActivityId activity, LocalDate on, string whatWasDone, ValueList<string> dataGenerated)
    {
        Activity = activity;
        On = on;
        WhatWasDone = whatWasDone;
        DataGenerated = dataGenerated;
    }

    /// <summary>Gets the planned activity.</summary>
    public ActivityId Activity { get; init => field = Preconditions.CheckId(value, nameof(Activity)); }

    /// <summary>Gets when it was done, in the site's calendar.</summary>
    public LocalDate On { get; init; }

    /// <summary>Gets what was done.</summary>
    public string WhatWasDone { get; init => field = Preconditions.CheckText(value, nameof(WhatWasDone)); }

    /// <summary>Gets the data it generated, each named; may be empty.</summary>
    public ValueList<string> DataGenerated { get; init => field = Preconditions.CheckTexts(value, nameof(DataGenerated)); }
}
