namespace CoProduction.Ledger;

/// <content>The insight's commands: check the inputs, go through the pipeline, record one event.</content>
public sealed partial class Insight
{
    /// <summary>Records what the insight seeded: a planned activity, a new question, a protocol or amendment.</summary>
    /// <param name="seed">What kind of work and which one; the same seed is recorded once.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">An undefined kind, a blank or padded target, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Retracted, already seeded this, or dated before the latest event.</exception>
    public void Seed(InsightSeed seed, Stamp stamp)
    {
        Preconditions.CheckDefined(seed.Kind, nameof(seed));
        Preconditions.CheckName(seed.Target, nameof(seed));
        Decide(Machine, State, InsightTrigger.Seed, stamp);
        if (State.Seeded.Contains(seed))
        {
            throw Refuse(Machine, State, InsightTrigger.Seed, $"insight '{Id}' already seeded {seed.Kind} '{seed.Target}': a seed is recorded once; record a different target instead");
        }

        Record(new InsightSeeded(seed.Kind, seed.Target, stamp.At, stamp.By));
    }

    /// <summary>Retracts the insight: it stays on the trail but seeds nothing more.</summary>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank reason, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Already retracted, or dated before the latest event.</exception>
    public void Retract(string reason, Stamp stamp)
    {
        Preconditions.CheckText(reason, nameof(reason));
        Decide(Machine, State, InsightTrigger.Retract, stamp);
        Record(new InsightRetracted(reason, stamp.At, stamp.By));
    }
}
