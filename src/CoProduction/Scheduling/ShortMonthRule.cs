using System.Text.Json.Serialization;

namespace CoProduction.Scheduling;

/// <summary>What a "day 29, 30 or 31 of the month" cadence does in a month that has no such day.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ShortMonthRule>))]
public enum ShortMonthRule
{
    /// <summary>
    /// The default: meet on the month's last day instead (day 31 in April is 30 April; in February,
    /// the 28th or 29th). A monthly meeting then happens every month, which is what teams expect.
    /// </summary>
    Clamp,

    /// <summary>Skip that month, as RFC 5545's <c>BYMONTHDAY=31</c> does.</summary>
    Skip,
}
