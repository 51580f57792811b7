using System.Text.Json.Serialization;

namespace CoProduction.Scheduling;

/// <summary>The kinds of meeting the learning sites hold, in the paper's words.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingKind>))]
public enum MeetingKind
{
    /// <summary>Researchers reflecting together (every one to four months: monthly at first, then quarterly).</summary>
    ResearcherReflection,

    /// <summary>Formal reflection with the health managers (once or twice a year).</summary>
    ManagerReflection,

    /// <summary>The annual meeting across the learning sites.</summary>
    CrossSite,

    /// <summary>A session reflecting on the ethics of the embedded work.</summary>
    EthicsReflection,

    /// <summary>The annual science/ethics review or report.</summary>
    ScienceEthicsReview,

    /// <summary>A (usually monthly) leadership-development workshop with managers.</summary>
    LeadershipWorkshop,

    /// <summary>A researchers' meeting before or after a workshop (preparation or debrief).</summary>
    WorkshopDebrief,
}
