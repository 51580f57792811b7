using System.Text.Json.Serialization;

namespace CoProduction.Cycles;

/// <summary>What can be asked of an action-learning cycle: one trigger per command.</summary>
/// <remarks>
/// Triggers named <c>Record…</c>, <c>Plan…</c>, <c>Endorse…</c> and <c>DecideNoChange</c> add a record
/// inside the current stage; <c>Start…</c>, <c>Complete</c>, <c>Pause</c>, <c>Resume</c> and
/// <c>Abandon</c> move the cycle to another stage.
/// </remarks>
[JsonConverter(typeof(JsonStringEnumConverter<CycleTrigger>))]
public enum CycleTrigger
{
    /// <summary>Add an activity to the plan (Planning).</summary>
    PlanActivity = 0,

    /// <summary>A member endorses the plan as it stands (Planning).</summary>
    EndorsePlan = 1,

    /// <summary>Leave Planning and start carrying out the plan.</summary>
    StartActing = 2,

    /// <summary>Record an action taken on a planned activity (Acting).</summary>
    RecordAction = 3,

    /// <summary>Leave Acting and start reflecting.</summary>
    StartReflecting = 4,

    /// <summary>Record a reflection meeting with its attendees and insights (Reflecting).</summary>
    RecordReflection = 5,

    /// <summary>Leave Reflecting and start evaluating.</summary>
    StartEvaluating = 6,

    /// <summary>Record the evaluation of one planned activity (Evaluating).</summary>
    RecordEvaluation = 7,

    /// <summary>Leave Evaluating and start revising.</summary>
    StartRevising = 8,

    /// <summary>Record a revision: per-activity decisions, new proposals, lessons (Revising).</summary>
    RecordRevision = 9,

    /// <summary>Decide explicitly that nothing changes for the next cycle (Revising).</summary>
    DecideNoChange = 10,

    /// <summary>Finish the cycle.</summary>
    Complete = 11,

    /// <summary>Pause the cycle for a shock, remembering the stage.</summary>
    Pause = 12,

    /// <summary>Return a paused cycle to the stage it left.</summary>
    Resume = 13,

    /// <summary>Give the cycle up, with a reason.</summary>
    Abandon = 14,

    /// <summary>Start the next cycle at the same site from this completed one.</summary>
    StartNextCycle = 15,

    /// <summary>Take an activity out of the plan (Planning); endorsements are asked for again.</summary>
    WithdrawActivity = 16,

    /// <summary>Move a planned activity to another date (Planning); endorsements are asked for again.</summary>
    RedateActivity = 17,
}
