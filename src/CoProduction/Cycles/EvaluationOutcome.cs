using System.Text.Json.Serialization;

namespace CoProduction.Cycles;

/// <summary>How a planned activity turned out.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationOutcome>))]
public enum EvaluationOutcome
{
    /// <summary>Achieved as planned.</summary>
    Achieved = 0,

    /// <summary>Partly achieved.</summary>
    PartlyAchieved = 1,

    /// <summary>Carried out but not achieved.</summary>
    NotAchieved = 2,

    /// <summary>Dropped during the cycle.</summary>
    Dropped = 3,
}
