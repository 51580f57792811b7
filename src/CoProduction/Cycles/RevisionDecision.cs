using System.Text.Json.Serialization;

namespace CoProduction.Cycles;

/// <summary>What a revision decides for one activity of the cycle.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RevisionDecision>))]
public enum RevisionDecision
{
    /// <summary>Keep the activity as it was: it is proposed for the next cycle unchanged.</summary>
    Adopt = 0,

    /// <summary>Keep the activity, changed as the rationale says: it is proposed for the next cycle.</summary>
    Adapt = 1,

    /// <summary>Stop the activity: it is not carried forward.</summary>
    Abandon = 2,
}
