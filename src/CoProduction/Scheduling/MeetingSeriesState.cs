using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>The state of a meeting series: its plan and what was recorded about its meetings, in slot order.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Outcomes">One record per meeting with something recorded, ordered by slot date.</param>
public sealed record MeetingSeriesState(MeetingSeriesPlan Plan, ValueList<OccurrenceRecord> Outcomes)
{
    /// <summary>The record of a meeting, if anything was recorded about it.</summary>
    /// <param name="slot">The meeting's slot date.</param>
    /// <returns>The record, or <see langword="null"/> when the meeting is simply scheduled.</returns>
    public OccurrenceRecord? OutcomeOf(LocalDate slot)
    {
        // Outcomes are kept in slot order: search, don't scan (agendas ask once per meeting).
        var low = 0;
        var high = Outcomes.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var record = Outcomes[middle];
            var order = record.Slot.CompareTo(slot);
            if (order == 0)
            {
                return record;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return null;
    }

    /// <summary>Where a meeting stands.</summary>
    /// <param name="slot">The meeting's slot date.</param>
    /// <returns>Its status; <see cref="OccurrenceStatus.Scheduled"/> when nothing is recorded.</returns>
    public OccurrenceStatus StatusOf(LocalDate slot) => OutcomeOf(slot)?.Status ?? OccurrenceStatus.Scheduled;

    /// <summary>When a meeting starts now: its new time when it was moved, otherwise its planned start.</summary>
    /// <param name="occurrence">The planned meeting.</param>
    /// <returns>The start in the series' zone.</returns>
    public ZonedDateTime StartOf(MeetingOccurrence occurrence)
        => OutcomeOf(occurrence.Slot)?.RescheduledTo is { } moved ? Plan.Resolve(moved) : occurrence.Start;
}
