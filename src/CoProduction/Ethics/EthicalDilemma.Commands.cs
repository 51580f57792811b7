using CoProduction.Protocols;

namespace CoProduction.Ethics;

/// <content>The dilemma's commands: check the inputs, go through the pipeline, record one event.</content>
public sealed partial class EthicalDilemma
{
    /// <summary>Records a discussion.</summary>
    /// <param name="notes">What was said and considered; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">Blank notes, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Already resolved or escalated, or dated before the latest event.</exception>
    public void Discuss(string notes, Stamp stamp)
    {
        Preconditions.CheckText(notes, nameof(notes));
        Decide(Machine, State, DilemmaTrigger.Discuss, stamp);
        Record(new DilemmaDiscussed(notes, stamp.At, stamp.By));
    }

    /// <summary>Records how the team resolved the dilemma.</summary>
    /// <param name="resolution">How; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank resolution, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Not discussed yet, already closed, or dated before the latest event.</exception>
    public void Resolve(string resolution, Stamp stamp)
    {
        Preconditions.CheckText(resolution, nameof(resolution));
        Decide(Machine, State, DilemmaTrigger.Resolve, stamp);
        Record(new DilemmaResolved(resolution, stamp.At, stamp.By));
    }

    /// <summary>Escalates the dilemma beyond the team.</summary>
    /// <param name="to">To whom (a committee, a sounding board); a name.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <param name="amendment">The amendment it led to, if any.</param>
    /// <exception cref="System.ArgumentException">A blank or padded name, a default amendment id, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Not discussed yet, already closed, or dated before the latest event.</exception>
    public void Escalate(string to, Stamp stamp, AmendmentId? amendment = null)
    {
        Preconditions.CheckName(to, nameof(to));
        Preconditions.CheckOptionalId(amendment, nameof(amendment));
        Decide(Machine, State, DilemmaTrigger.Escalate, stamp);
        Record(new DilemmaEscalated(to, amendment, stamp.At, stamp.By));
    }
}
