using System.Text.Json.Serialization;

namespace CoProduction.Cycles;

/// <summary>What kind of work a planned activity is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityKind>))]
public enum ActivityKind
{
    /// <summary>Research: collecting and analysing data (interviews, observation, journaling, …).</summary>
    Research = 0,

    /// <summary>A managerially led intervention, for example a leadership-development workshop.</summary>
    Intervention = 1,

    /// <summary>Feeding findings back to managers, policy-makers or the community.</summary>
    Feedback = 2,

    /// <summary>Facilitating a process, for example by an external facilitator.</summary>
    Facilitation = 3,
}
