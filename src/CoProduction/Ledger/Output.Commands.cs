namespace CoProduction.Ledger;

/// <content>The output's commands: check the inputs, go through the pipeline, record one event.</content>
public sealed partial class Output
{
    /// <summary>Links an insight the output draws on.</summary>
    /// <param name="insight">The insight; each is linked once.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default insight id, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Retracted, the insight already linked, or dated before the latest event.</exception>
    public void LinkInsight(InsightId insight, Stamp stamp)
    {
        Preconditions.CheckId(insight, nameof(insight));
        Decide(Machine, State, OutputTrigger.LinkInsight, stamp);
        if (State.Insights.Contains(insight))
        {
            throw Refuse(Machine, State, OutputTrigger.LinkInsight, $"{Description} is already linked to insight '{insight}': a link is recorded once");
        }

        Record(new OutputInsightLinked(insight, stamp.At, stamp.By));
    }

    /// <summary>Retracts the output: it stays on the trail, but nothing more is linked.</summary>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank reason, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Already retracted, or dated before the latest event.</exception>
    public void Retract(string reason, Stamp stamp)
    {
        Preconditions.CheckText(reason, nameof(reason));
        Decide(Machine, State, OutputTrigger.Retract, stamp);
        Record(new OutputRetracted(reason, stamp.At, stamp.By));
    }
}
