using System;

namespace CoProduction.Cycles;

/// <summary>The evaluation of one planned activity; checked when built.</summary>
public sealed record Evaluation
{
    /// <summary>Creates an evaluation.</summary>
    /// <param name="activity">The planned activity; each is evaluated once.</param>
    /// <param name="outcome">Achieved, partly, not, or dropped.</param>
    /// <param name="evidence">What the judgement rests on; free text, not blank.</param>
    /// <param name="againstPrediction">How the outcome compares with the activity's prediction; optional, not blank when given.</param>
    /// <exception cref="ArgumentException">A default activity id, an undefined outcome, or blank text.</exception>
    public Evaluation(ActivityId activity, EvaluationOutcome outcome, string evidence, string? againstPrediction = null)
    {
        Activity = activity;
        Outcome = outcome;
        Evidence = evidence;
        AgainstPrediction = againstPrediction;
    }

    /// <summary>Gets the planned activity.</summary>
    public ActivityId Activity { get; init => field = Preconditions.CheckId(value, nameof(Activity)); }

    /// <summary>Gets achieved, partly, not, or dropped.</summary>
    public EvaluationOutcome Outcome { get; init => field = Preconditions.CheckDefined(value, nameof(Outcome)); }

    /// <summary>Gets what the judgement rests on.</summary>
    public string Evidence { get; init => field = Preconditions.CheckText(value, nameof(Evidence)); }

    /// <summary>Gets how the outcome compares with the prediction; optional.</summary>
    public string? AgainstPrediction { get; init => field = Preconditions.CheckOptionalText(value, nameof(AgainstPrediction)); }
}
