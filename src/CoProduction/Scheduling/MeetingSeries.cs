using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CoProduction.Events;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>
/// A series of meetings on a cadence, event-sourced: its plan and what happened to each meeting
/// (held with its attendance, missed, cancelled or moved). Each meeting follows the occurrence
/// machine: Scheduled → Held | Missed | Cancelled | Rescheduled, and Rescheduled → the same.
/// </summary>
/// <remarks>
/// <para>
/// A meeting is identified by its slot date (the date its cadence gives). Rescheduling keeps the
/// slot and gives the meeting a new time; it is then held, missed, cancelled or moved again at the
/// new time. Commands take the <see cref="MeetingOccurrence"/> from a <see cref="MeetingTimetable"/>
/// (which knows linked series' dates) and go through the one pipeline, which decides on that
/// meeting; a rejected command changes nothing.
/// </para>
/// <para>Guards: holding needs the meeting to have started; recording it missed needs it to have ended;
/// cancelling needs it not to have started (afterwards, record it missed). A meeting can be moved
/// at any time before it is held, missed or cancelled, to a time after the command.</para>
/// </remarks>
public sealed partial class MeetingSeries
    : AggregateRoot<SeriesId, MeetingSeriesState, IMeetingSeriesEvent>, IEventSourcedAggregate<MeetingSeries>
{
    private MeetingSeries(SeriesId id)
        : base(id, StreamCategory, MeetingSeriesState.Initial)
    {
    }

    /// <summary>Gets the stream category of meeting series: <c>meeting-series</c>.</summary>
    public static string StreamCategory => "meeting-series";

    /// <inheritdoc/>
    protected override string Description => $"meeting series '{Id}'";

    private static AggregateMachine<OccurrenceStatus, OccurrenceTrigger, OccurrenceContext> Machine => MeetingSeriesMachine.Machine;

    /// <summary>Plans a new series.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <returns>The series, with one uncommitted <see cref="MeetingSeriesPlanned"/> event.</returns>
    /// <exception cref="ArgumentException"><paramref name="stamp"/> names no actor.</exception>
    public static MeetingSeries Plan(MeetingSeriesPlan plan, Stamp stamp)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var series = new MeetingSeries(plan.Series);
        series.Create(stamp, new MeetingSeriesPlanned(plan.Series, plan, stamp.At, stamp.By));
        return series;
    }

    /// <summary>Rebuilds a series from its history, checking every meeting's events against the occurrence machine.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="MeetingSeriesPlanned"/>.</param>
    /// <returns>The series, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static MeetingSeries Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<MeetingSeries, MeetingSeriesPlanned>(stream, history, static e => new MeetingSeries(e.Series));

    /// <summary>The occurrence machine as a Mermaid state diagram (generated; in the docs).</summary>
    /// <returns>Mermaid text.</returns>
    public static string OccurrenceDiagramMermaid() => Machine.ToMermaid();

    /// <summary>The occurrence machine as a DOT graph (generated; in the docs).</summary>
    /// <returns>DOT text.</returns>
    public static string OccurrenceDiagramDot() => Machine.ToDotGraph();

    /// <summary>Where a meeting stands.</summary>
    /// <param name="slot">The meeting's slot date.</param>
    /// <returns>Its status.</returns>
    public OccurrenceStatus StatusOf(LocalDate slot) => State.StatusOf(slot);

    /// <summary>Every command on a meeting, allowed or not at <paramref name="at"/>, with the reasons: what an app needs for its buttons.</summary>
    /// <param name="occurrence">The meeting, from the timetable.</param>
    /// <param name="at">The instant to decide at.</param>
    /// <returns>One entry per <see cref="OccurrenceTrigger"/>.</returns>
    /// <exception cref="ArgumentException">The meeting is not one of this series.</exception>
    public IReadOnlyList<TriggerAvailability<OccurrenceTrigger>> Availability(MeetingOccurrence occurrence, Instant at)
        => Machine.Availability(ContextFor(occurrence, at));

    /// <inheritdoc/>
    private protected override MeetingSeriesState Apply(MeetingSeriesState state, IMeetingSeriesEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(MeetingSeriesState before, IMeetingSeriesEvent @event, MeetingSeriesState after)
    {
        if (@event.Series != Id)
        {
            return $"it belongs to series '{@event.Series}'.";
        }

        if (@event is not IMeetingOccurrenceEvent occurrence)
        {
            return $"{@event.GetType().Name} is not an event about one meeting.";
        }

        return Machine.CheckReplay(before.StatusOf(occurrence.Slot), MeetingSeriesMachine.TriggerOf(occurrence), after.StatusOf(occurrence.Slot)) is { } problem
            ? string.Create(CultureInfo.InvariantCulture, $"the meeting of {occurrence.Slot:uuuu-MM-dd}: {problem}")
            : null;
    }

    /// <summary>The context the machine decides on for one meeting, after checking the meeting is one of this series.</summary>
    private OccurrenceContext ContextFor(MeetingOccurrence occurrence, Instant at)
    {
        if (occurrence.Series != Id)
        {
            throw new ArgumentException($"The meeting {occurrence} belongs to series '{occurrence.Series}', not to '{Id}'.", nameof(occurrence));
        }

        if (State.Plan.Cadence.Kind != CadenceKind.Linked && !State.Plan.OwnSlots(occurrence.Slot, occurrence.Slot).Any())
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Series '{Id}' ({State.Plan.Cadence}) has no meeting on {occurrence.Slot:uuuu-MM-dd}; take the meeting from the timetable of the current plan."),
                nameof(occurrence));
        }

        return new OccurrenceContext(State, occurrence, at);
    }
}
