using System.Text.Json.Serialization;

namespace CoProduction.Cycles;

/// <summary>The kinds of reflection meeting the learning sites held.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReflectionMeetingKind>))]
public enum ReflectionMeetingKind
{
    /// <summary>Among researchers (every one to four months).</summary>
    AmongResearchers = 0,

    /// <summary>Researchers with managers (once or twice a year).</summary>
    WithManagers = 1,

    /// <summary>Before a leadership-intervention workshop.</summary>
    BeforeWorkshop = 2,

    /// <summary>After a leadership-intervention workshop.</summary>
    AfterWorkshop = 3,

    /// <summary>Across learning sites (annual).</summary>
    CrossSite = 4,

    /// <summary>An ethics reflection session.</summary>
    EthicsReflection = 5,
}
