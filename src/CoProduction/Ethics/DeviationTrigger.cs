namespace CoProduction.Ethics;

/// <summary>The commands a protocol deviation's state machine decides.</summary>
public enum DeviationTrigger
{
    /// <summary>Report the deviation to the committee.</summary>
    Report = 0,

    /// <summary>Close it after the committee's response.</summary>
    Close = 1,
}
