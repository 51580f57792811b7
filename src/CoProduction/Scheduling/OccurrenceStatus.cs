using System.Text.Json.Serialization;

namespace CoProduction.Scheduling;

/// <summary>Where one meeting of a series stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OccurrenceStatus>))]
public enum OccurrenceStatus
{
    /// <summary>Planned by the cadence; nothing recorded yet.</summary>
    Scheduled,

    /// <summary>Moved to a new time, which it now carries; still to be held (it may be moved again).</summary>
    Rescheduled,

    /// <summary>Held, with its attendance and optionally the reflection it recorded. Final.</summary>
    Held,

    /// <summary>Its time passed without the meeting. Final.</summary>
    Missed,

    /// <summary>Called off before it started. Final.</summary>
    Cancelled,
}
