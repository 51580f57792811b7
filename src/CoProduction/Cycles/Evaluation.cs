namespace CoProduction.Cycles;

/// <summary>The evaluation of one planned activity.</summary>
/// <param name="Activity">The planned activity; each is evaluated once.</param>
/// <param name="Outcome">Achieved, partly, not, or dropped.</param>
/// <param name="Evidence">What the judgement rests on.</param>
/// <param name="AgainstPrediction">How the outcome compares with the activity's prediction; optional.</param>
public sealed record Evaluation(ActivityId Activity, EvaluationOutcome Outcome, string Evidence, string? AgainstPrediction = null);
