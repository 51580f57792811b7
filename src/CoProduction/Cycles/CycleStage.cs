using System.Text.Json.Serialization;

namespace CoProduction.Cycles;

/// <summary>
/// Where an action-learning cycle stands: plan → act → reflect → evaluate → revise → completed,
/// or paused by a shock, or abandoned.
/// </summary>
/// <remarks>Serialized by name, so stored events never depend on the numbers.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<CycleStage>))]
public enum CycleStage
{
    /// <summary>Activities are planned and the plan is endorsed collectively.</summary>
    Planning = 0,

    /// <summary>The planned activities are carried out (implementation / practice) and actions recorded.</summary>
    Acting = 1,

    /// <summary>Researchers and managers reflect on what happened, in meetings that yield insights.</summary>
    Reflecting = 2,

    /// <summary>Each planned activity is evaluated: achieved, partly, not, or dropped.</summary>
    Evaluating = 3,

    /// <summary>Lessons are drawn and each activity adopted, adapted or abandoned for the next cycle.</summary>
    Revising = 4,

    /// <summary>The cycle is finished; its revisions may seed the next cycle. Final.</summary>
    Completed = 5,

    /// <summary>Work is interrupted by a shock (a strike, devolution, managerial change); the cycle remembers the stage it left.</summary>
    Paused = 6,

    /// <summary>The cycle was given up, with a reason. Final.</summary>
    Abandoned = 7,
}
