namespace CoProduction.Benchmarks.Baselines;

/// <summary>The physical limit: a hand-written switch with the same guards, no descriptions, no history.</summary>
public static class SwitchCycle
{
    public static bool TryFire(ref Stage stage, Step step, CycleFacts facts)
    {
        Stage next;
        switch (stage, step)
        {
            case (Stage.Planning, Step.StartActing) when facts.Activities > 0 && facts.EndorsedByResearcher && facts.EndorsedByManager && facts.AllCovered:
                next = Stage.Acting;
                break;
            case (Stage.Acting, Step.StartReflecting) when facts.Actions > 0:
                next = Stage.Reflecting;
                break;
            case (Stage.Reflecting, Step.StartEvaluating) when facts.Reflections > 0:
                next = Stage.Evaluating;
                break;
            case (Stage.Evaluating, Step.StartRevising) when facts.Evaluations >= facts.Activities:
                next = Stage.Revising;
                break;
            case (Stage.Revising, Step.Complete) when facts.Revisions > 0:
                next = Stage.Completed;
                break;
            default:
                return false;
        }

        stage = next;
        return true;
    }

    /// <summary>Replays a stage change without guards, checked against the same table: what replay costs at the limit.</summary>
    public static Stage Apply(Stage stage, Step step) => (stage, step) switch
    {
        (Stage.Planning, Step.StartActing) => Stage.Acting,
        (Stage.Acting, Step.StartReflecting) => Stage.Reflecting,
        (Stage.Reflecting, Step.StartEvaluating) => Stage.Evaluating,
        (Stage.Evaluating, Step.StartRevising) => Stage.Revising,
        (Stage.Revising, Step.Complete) => Stage.Completed,
        _ => throw new System.InvalidOperationException($"{step} does not apply in {stage}."),
    };
}
