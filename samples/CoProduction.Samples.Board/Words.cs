using CoProduction.Cycles;

namespace CoProduction.Samples.Board;

/// <summary>The words the board shows for the cycle's triggers.</summary>
internal static class Words
{
    /// <summary>The button text or step name of a trigger.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <returns>A few words, sentence case.</returns>
    public static string Of(CycleTrigger trigger) => trigger switch
    {
        CycleTrigger.PlanActivity => "Plan the activity",
        CycleTrigger.EndorsePlan => "Endorse the plan",
        CycleTrigger.StartActing => "Start acting",
        CycleTrigger.RecordAction => "Record an action",
        CycleTrigger.StartReflecting => "Start reflecting",
        CycleTrigger.RecordReflection => "Record a reflection",
        CycleTrigger.StartEvaluating => "Start evaluating",
        CycleTrigger.RecordEvaluation => "Record an evaluation",
        CycleTrigger.StartRevising => "Start revising",
        CycleTrigger.RecordRevision => "Record a revision",
        CycleTrigger.DecideNoChange => "Decide no change",
        CycleTrigger.Complete => "Complete the cycle",
        CycleTrigger.Pause => "Pause for a shock",
        CycleTrigger.Resume => "Resume",
        CycleTrigger.Abandon => "Abandon the cycle",
        CycleTrigger.StartNextCycle => "Start the next cycle",
        CycleTrigger.WithdrawActivity => "Withdraw an activity",
        CycleTrigger.RedateActivity => "Redate an activity",
        _ => trigger.ToString(),
    };
}
