namespace CoProduction.Ledger;

/// <content>The impact's commands: check the inputs, go through the pipeline, record one event.</content>
public sealed partial class Impact
{
    /// <summary>Corroborates the claimed impact: further evidence, and who observed it.</summary>
    /// <param name="corroboration">The evidence and the observer.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="corroboration"/> is null.</exception>
    /// <exception cref="System.ArgumentException">A stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Already corroborated or retracted (<see cref="RefusalKind.NotPossibleInState"/>), or dated before the latest event.</exception>
    public void Corroborate(Corroboration corroboration, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(corroboration);
        Decide(Machine, State, ImpactTrigger.Corroborate, stamp);
        Record(new ImpactCorroborated(corroboration, stamp.At, stamp.By));
    }

    /// <summary>Retracts the impact, claimed or corroborated: it stays on the trail, no longer claimed.</summary>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank reason, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Already retracted, or dated before the latest event.</exception>
    public void Retract(string reason, Stamp stamp)
    {
        Preconditions.CheckText(reason, nameof(reason));
        Decide(Machine, State, ImpactTrigger.Retract, stamp);
        Record(new ImpactRetracted(reason, stamp.At, stamp.By));
    }
}
