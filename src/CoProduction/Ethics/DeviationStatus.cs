namespace CoProduction.Ethics;

/// <summary>The stages of a protocol deviation.</summary>
public enum DeviationStatus
{
    /// <summary>Recorded; not yet reported to the committee.</summary>
    Open = 0,

    /// <summary>Reported to the committee.</summary>
    Reported = 1,

    /// <summary>Closed after the committee's response. Final.</summary>
    Closed = 2,
}
