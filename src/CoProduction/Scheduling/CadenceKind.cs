using System.Text.Json.Serialization;

namespace CoProduction.Scheduling;

/// <summary>The shape of a <see cref="Cadence"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CadenceKind>))]
public enum CadenceKind
{
    /// <summary>Every N months on a day of the month (monthly, quarterly, twice a year, annually).</summary>
    MonthlyOnDay,

    /// <summary>Every N months on the first, second, third, fourth or last given weekday of the month.</summary>
    MonthlyOnWeekday,

    /// <summary>Every N weeks on a weekday.</summary>
    Weekly,

    /// <summary>A fixed number of days before or after each occurrence of another series.</summary>
    Linked,
}
