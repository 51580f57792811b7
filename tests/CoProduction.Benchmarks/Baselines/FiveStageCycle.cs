namespace CoProduction.Benchmarks.Baselines;

/// <summary>The five-stage cycle every baseline and the library run: the same stages, triggers and guards.</summary>
public enum Stage
{
    Planning,
    Acting,
    Reflecting,
    Evaluating,
    Revising,
    Completed,
}

/// <summary>The triggers that move the five-stage cycle on.</summary>
public enum Step
{
    StartActing,
    StartReflecting,
    StartEvaluating,
    StartRevising,
    Complete,
}

/// <summary>What the guards read, as a hand-rolled app would keep it.</summary>
public sealed class CycleFacts
{
    public int Activities { get; set; } = 1;

    public bool EndorsedByResearcher { get; set; } = true;

    public bool EndorsedByManager { get; set; } = true;

    public bool AllCovered { get; set; } = true;

    public int Actions { get; set; } = 1;

    public int Reflections { get; set; } = 1;

    public int Evaluations { get; set; } = 1;

    public int Revisions { get; set; } = 1;
}
