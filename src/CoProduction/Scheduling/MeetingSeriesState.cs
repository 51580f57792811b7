using CoProduction.Events;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>The state of a meeting series: its plan and what was recorded about its meetings, in slot order. The fold of its events.</summary>
public sealed record MeetingSeriesState
{
    private MeetingSeriesState()
    {
    }

    /// <summary>Gets the plan.</summary>
    public MeetingSeriesPlan Plan { get; private init; } = null!;

    /// <summary>Gets one record per meeting with something recorded, ordered by slot date.</summary>
    public ValueList<OccurrenceRecord> Outcomes { get; private init; }

    /// <summary>Gets the state before the first event (no plan yet).</summary>
    internal static MeetingSeriesState Initial { get; } = new();

    /// <summary>The record of a meeting, if anything was recorded about it.</summary>
    /// <param name="slot">The meeting's slot date.</param>
    /// <returns>The record, or <see langword="null"/> when the meeting is simply scheduled.</returns>
    public OccurrenceRecord? OutcomeOf(LocalDate slot)
    {
        var i = Find(slot);
        return i >= 0 ? Outcomes[i] : null;
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

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal MeetingSeriesState Apply(IMeetingSeriesEvent @event) => @event switch
    {
        MeetingSeriesPlanned e => this with { Plan = e.Plan },
        MeetingHeld e => Put(Existing(e.Slot) with { Status = OccurrenceStatus.Held, Attendees = e.Attendees, Reflection = e.Reflection, Note = e.Note }),
        MeetingMissed e => Put(Existing(e.Slot) with { Status = OccurrenceStatus.Missed, Note = e.Reason }),
        MeetingCancelled e => Put(Existing(e.Slot) with { Status = OccurrenceStatus.Cancelled, Note = e.Reason }),
        MeetingRescheduled e => Put(Existing(e.Slot) with { Status = OccurrenceStatus.Rescheduled, RescheduledTo = e.NewStart, Note = e.Reason }),
        _ => throw Fold.Unknown<MeetingSeriesState>(@event),
    };

    private OccurrenceRecord Existing(LocalDate slot) => OutcomeOf(slot) ?? new OccurrenceRecord(slot);

    /// <summary>Puts a record in slot order: a meeting later than every recorded one (the usual case) is appended in amortised O(1).</summary>
    private MeetingSeriesState Put(OccurrenceRecord record)
    {
        var i = Find(record.Slot);
        if (i >= 0)
        {
            return this with { Outcomes = Outcomes.SetItem(i, record) };
        }

        var at = ~i;
        return this with { Outcomes = at == Outcomes.Count ? Outcomes.Add(record) : Outcomes.Insert(at, record) };
    }

    /// <summary>The index of the slot's record, or the bitwise complement of where it would go (outcomes are kept in slot order).</summary>
    private int Find(LocalDate slot)
    {
        var low = 0;
        var high = Outcomes.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = Outcomes[middle].Slot.CompareTo(slot);
            if (order == 0)
            {
                return middle;
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

        return ~low;
    }
}
