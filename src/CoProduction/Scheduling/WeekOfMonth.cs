using System.Text.Json.Serialization;

namespace CoProduction.Scheduling;

/// <summary>Which of a month's weekdays of one kind a cadence picks: the first to the fourth, or the last.</summary>
/// <remarks>There is no "fifth": not every month has one, and "last" says what is usually meant.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<WeekOfMonth>))]
public enum WeekOfMonth
{
    /// <summary>No week: the cadence is not on a weekday of the month.</summary>
    None = 0,

    /// <summary>The first such weekday of the month.</summary>
    First = 1,

    /// <summary>The second such weekday of the month.</summary>
    Second = 2,

    /// <summary>The third such weekday of the month.</summary>
    Third = 3,

    /// <summary>The fourth such weekday of the month.</summary>
    Fourth = 4,

    /// <summary>The last such weekday of the month.</summary>
    Last = -1,
}
