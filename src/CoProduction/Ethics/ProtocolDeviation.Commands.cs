using CoProduction.Protocols;
using NodaTime;

namespace CoProduction.Ethics;

/// <content>The deviation's commands: check the inputs, go through the pipeline, record one event.</content>
public sealed partial class ProtocolDeviation
{
    /// <summary>Records that the deviation was reported to the committee (late reports are accepted and flagged).</summary>
    /// <param name="reportedOn">The reporting date; not before discovery.</param>
    /// <param name="reference">The committee's reference or a note; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank reference, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Not open, reported before it was discovered, or dated before the latest event.</exception>
    public void Report(LocalDate reportedOn, string reference, Stamp stamp)
    {
        Preconditions.CheckText(reference, nameof(reference));
        Decide(Machine, State, DeviationTrigger.Report, stamp);
        if (reportedOn < State.DiscoveredOn)
        {
            throw Refuse(Machine, State, DeviationTrigger.Report, $"the report date {reportedOn.Iso()} is before the discovery on {State.DiscoveredOn.Iso()}: a deviation is reported once known");
        }

        Record(new DeviationReported(reportedOn, reference, stamp.At, stamp.By));
    }

    /// <summary>Closes the deviation after the committee's response.</summary>
    /// <param name="outcome">The response and what was done; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank outcome, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Not reported yet, or dated before the latest event.</exception>
    public void Close(string outcome, Stamp stamp)
    {
        Preconditions.CheckText(outcome, nameof(outcome));
        Decide(Machine, State, DeviationTrigger.Close, stamp);
        Record(new DeviationClosed(outcome, stamp.At, stamp.By));
    }
}
