using System.Text.Json.Serialization;

namespace CoProduction.Scheduling;

/// <summary>The commands that move one meeting of a series through its <see cref="OccurrenceStatus"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OccurrenceTrigger>))]
public enum OccurrenceTrigger
{
    /// <summary>Record that the meeting was held.</summary>
    Hold,

    /// <summary>Record that the meeting did not happen.</summary>
    Miss,

    /// <summary>Call the meeting off.</summary>
    Cancel,

    /// <summary>Move the meeting to a new time.</summary>
    Reschedule,
}
