using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CoProduction.Events;
using CoProduction.Persistence;
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
/// (which knows linked series' dates); a rejected command changes nothing.
/// </para>
/// <para>Guards: holding needs the meeting to have started; recording it missed needs it to have ended;
/// cancelling needs it not to have started (afterwards, record it missed). A meeting can be moved
/// at any time before it is held, missed or cancelled, to a time after the command.</para>
/// </remarks>
public sealed class MeetingSeries
    : LegacyAggregateRoot<SeriesId, MeetingSeriesState, IMeetingSeriesEvent>, IEventSourcedAggregate<MeetingSeries>
{
    private const string Started = "the meeting has started";
    private const string Ended = "the meeting's time is over";
    private const string NotStarted = "the meeting has not started yet";

    private static readonly ExplainableMachine<OccurrenceStatus, OccurrenceTrigger, Decision> Machine = new(
        (m, ctx) =>
        {
            foreach (var open in (ReadOnlySpan<OccurrenceStatus>)[OccurrenceStatus.Scheduled, OccurrenceStatus.Rescheduled])
            {
                var state = m.Configure(open)
                    .PermitIf(OccurrenceTrigger.Hold, OccurrenceStatus.Held, () => ctx().At >= ctx().Start, Started)
                    .PermitIf(OccurrenceTrigger.Miss, OccurrenceStatus.Missed, () => ctx().At >= ctx().End, Ended)
                    .PermitIf(OccurrenceTrigger.Cancel, OccurrenceStatus.Cancelled, () => ctx().At < ctx().Start, NotStarted);
                _ = open == OccurrenceStatus.Scheduled
                    ? state.Permit(OccurrenceTrigger.Reschedule, OccurrenceStatus.Rescheduled)
                    : state.PermitReentry(OccurrenceTrigger.Reschedule);
            }
        },
        Explain);

    private MeetingSeries(MeetingSeriesPlan plan)
        : base(plan.Series, new MeetingSeriesState(plan, []))
    {
    }

    /// <summary>Gets the stream category of meeting series: <c>meeting-series</c>.</summary>
    public static string StreamCategory => "meeting-series";

    /// <inheritdoc/>
    public override StreamId StreamId => StreamId.For(StreamCategory, Id);

    /// <inheritdoc/>
    protected override string Description => $"meeting series '{Id}'";

    /// <summary>Plans a new series.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="at">When, from the injected clock.</param>
    /// <param name="by">Who.</param>
    /// <returns>The series, with one uncommitted <see cref="MeetingSeriesPlanned"/> event.</returns>
    public static MeetingSeries Plan(MeetingSeriesPlan plan, Instant at, Actor by)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var series = new MeetingSeries(plan);
        series.Record(new MeetingSeriesPlanned(plan.Series, plan, at, by));
        return series;
    }

    /// <inheritdoc/>
    public static MeetingSeries Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
    {
        var planned = HistoryStart.Require<MeetingSeriesPlanned>(stream, history, e => StreamId.For(StreamCategory, e.Series));
        var series = new MeetingSeries(planned.Plan);
        series.Replay(history);
        return series;
    }

    /// <summary>The machine as a Mermaid state diagram (generated; in the docs).</summary>
    /// <returns>Mermaid text.</returns>
    public static string OccurrenceDiagramMermaid() => Machine.ToMermaid();

    /// <summary>The machine as a DOT graph (generated; in the docs).</summary>
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
    public IReadOnlyList<TriggerAvailability<OccurrenceTrigger>> Availability(MeetingOccurrence occurrence, Instant at)
    {
        CheckOccurrence(occurrence);
        return Machine.Availability(DecisionFor(occurrence, at), State.StatusOf(occurrence.Slot));
    }

    /// <summary>Records that a meeting was held.</summary>
    /// <param name="occurrence">The meeting, from the timetable.</param>
    /// <param name="attendees">Who attended; at least one.</param>
    /// <param name="at">When it is recorded; not before the meeting's (current) start.</param>
    /// <param name="by">Who records it.</param>
    /// <param name="reflection">The action-learning cycle whose reflection the meeting recorded, if any.</param>
    /// <param name="note">A short note, if any.</param>
    /// <exception cref="ArgumentException">The meeting is not one of this series.</exception>
    /// <exception cref="CommandRejectedException">The meeting is not open, has not started, or no one attended.</exception>
    public void RecordHeld(MeetingOccurrence occurrence, IEnumerable<MemberId> attendees, Instant at, Actor by, CycleId? reflection = null, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(attendees);
        var (state, decision) = Decide(occurrence, OccurrenceTrigger.Hold, at);
        var present = attendees.Distinct().ToValueList();
        if (present.IsEmpty)
        {
            throw Machine.Reject(decision, state, OccurrenceTrigger.Hold, Name(occurrence), "a held meeting needs at least one attendee: list who came");
        }

        Record(new MeetingHeld(Id, occurrence.Slot, present, reflection, string.IsNullOrWhiteSpace(note) ? null : note, at, by));
    }

    /// <summary>Records that a meeting's time passed without it happening.</summary>
    /// <param name="occurrence">The meeting, from the timetable.</param>
    /// <param name="reason">Why, as told.</param>
    /// <param name="at">When it is recorded; not before the meeting's (current) end.</param>
    /// <param name="by">Who records it.</param>
    /// <exception cref="ArgumentException">The reason is empty, or the meeting is not one of this series.</exception>
    /// <exception cref="CommandRejectedException">The meeting is not open or its time is not over.</exception>
    public void RecordMissed(MeetingOccurrence occurrence, string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _ = Decide(occurrence, OccurrenceTrigger.Miss, at);
        Record(new MeetingMissed(Id, occurrence.Slot, reason, at, by));
    }

    /// <summary>Calls a meeting off before it starts.</summary>
    /// <param name="occurrence">The meeting, from the timetable.</param>
    /// <param name="reason">Why.</param>
    /// <param name="at">When; before the meeting's (current) start.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="ArgumentException">The reason is empty, or the meeting is not one of this series.</exception>
    /// <exception cref="CommandRejectedException">The meeting is not open or has started.</exception>
    public void Cancel(MeetingOccurrence occurrence, string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _ = Decide(occurrence, OccurrenceTrigger.Cancel, at);
        Record(new MeetingCancelled(Id, occurrence.Slot, reason, at, by));
    }

    /// <summary>Moves a meeting to a new local time in the series' zone; it keeps its slot.</summary>
    /// <param name="occurrence">The meeting, from the timetable.</param>
    /// <param name="newStart">The new local start; it must be after <paramref name="at"/> once placed in the zone.</param>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <exception cref="ArgumentException">The reason is empty, or the meeting is not one of this series.</exception>
    /// <exception cref="CommandRejectedException">The meeting is not open, or the new time is not in the future.</exception>
    public void Reschedule(MeetingOccurrence occurrence, LocalDateTime newStart, string reason, Instant at, Actor by)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var (state, decision) = Decide(occurrence, OccurrenceTrigger.Reschedule, at);
        if (State.Plan.Resolve(newStart).ToInstant() <= at)
        {
            throw Machine.Reject(
                decision,
                state,
                OccurrenceTrigger.Reschedule,
                Name(occurrence),
                string.Create(CultureInfo.InvariantCulture, $"the new time {newStart:uuuu-MM-dd HH:mm} is not in the future: choose a later time, or record the meeting as held or missed"));
        }

        Record(new MeetingRescheduled(Id, occurrence.Slot, newStart, reason, at, by));
    }

    /// <inheritdoc/>
    protected override MeetingSeriesState Apply(MeetingSeriesState state, IMeetingSeriesEvent @event)
    {
        return @event switch
        {
            MeetingSeriesPlanned planned => new MeetingSeriesState(planned.Plan, []),
            MeetingHeld held => Put(state, Existing(state, held.Slot) with
            {
                Status = OccurrenceStatus.Held, Attendees = held.Attendees, Reflection = held.Reflection, Note = held.Note,
            }),
            MeetingMissed missed => Put(state, Existing(state, missed.Slot) with { Status = OccurrenceStatus.Missed, Note = missed.Reason }),
            MeetingCancelled cancelled => Put(state, Existing(state, cancelled.Slot) with { Status = OccurrenceStatus.Cancelled, Note = cancelled.Reason }),
            MeetingRescheduled moved => Put(state, Existing(state, moved.Slot) with
            {
                Status = OccurrenceStatus.Rescheduled, RescheduledTo = moved.NewStart, Note = moved.Reason,
            }),
            _ => throw new ArgumentException($"Unknown meeting series event {@event.GetType().Name}.", nameof(@event)),
        };

        static OccurrenceRecord Existing(MeetingSeriesState state, LocalDate slot)
            => state.OutcomeOf(slot) ?? new OccurrenceRecord(slot, OccurrenceStatus.Scheduled, null, [], null, null);
    }

    /// <inheritdoc/>
    protected override string? CheckReplay(MeetingSeriesState before, IMeetingSeriesEvent @event, MeetingSeriesState after)
    {
        if (@event.Series != Id)
        {
            return $"it belongs to series '{@event.Series}'.";
        }

        if (@event is not IMeetingOccurrenceEvent occurrence)
        {
            return History.Count == 0 ? null : "a series is planned only once.";
        }

        var trigger = occurrence switch
        {
            MeetingHeld => OccurrenceTrigger.Hold,
            MeetingMissed => OccurrenceTrigger.Miss,
            MeetingCancelled => OccurrenceTrigger.Cancel,
            _ => OccurrenceTrigger.Reschedule,
        };
        var from = before.StatusOf(occurrence.Slot);
        var to = after.StatusOf(occurrence.Slot);
        return Machine.Allows(from, trigger, to)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the meeting of {occurrence.Slot:uuuu-MM-dd} cannot go from {from} to {to} by {trigger}.");
    }

    private static IEnumerable<string> Explain(Decision decision, string guard) => guard switch
    {
        Started => [string.Create(CultureInfo.InvariantCulture, $"the meeting starts at {decision.StartText}: record it as held once it has started")],
        Ended => [string.Create(CultureInfo.InvariantCulture, $"the meeting ends at {decision.EndText}: record it as missed only after that")],
        NotStarted => [string.Create(CultureInfo.InvariantCulture, $"the meeting started at {decision.StartText}: record it as held or missed instead")],
        _ => [],
    };

    private static MeetingSeriesState Put(MeetingSeriesState state, OccurrenceRecord record)
    {
        var outcomes = state.Outcomes;
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i].Slot == record.Slot)
            {
                return state with { Outcomes = outcomes.SetItem(i, record) };
            }

            if (outcomes[i].Slot > record.Slot)
            {
                return state with { Outcomes = outcomes.Insert(i, record) };
            }
        }

        return state with { Outcomes = outcomes.Add(record) };
    }

    private static string Name(MeetingOccurrence occurrence)
        => string.Create(CultureInfo.InvariantCulture, $"meeting of series '{occurrence.Series}' on {occurrence.Slot:uuuu-MM-dd}");

    private (OccurrenceStatus State, Decision Decision) Decide(MeetingOccurrence occurrence, OccurrenceTrigger trigger, Instant at)
    {
        CheckOccurrence(occurrence);
        var decision = DecisionFor(occurrence, at);
        var state = State.StatusOf(occurrence.Slot);
        Machine.EnsureCanFire(decision, state, trigger, Name(occurrence));
        return (state, decision);
    }

    private Decision DecisionFor(MeetingOccurrence occurrence, Instant at)
    {
        var start = State.StartOf(occurrence);
        return new Decision(start, start.Plus(State.Plan.Length), at);
    }

    private void CheckOccurrence(MeetingOccurrence occurrence)
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
    }

    /// <summary>What the occurrence guards read: the meeting's current start and end, and the command's instant.</summary>
    private sealed class Decision(ZonedDateTime start, ZonedDateTime end, Instant at)
    {
        public Instant Start { get; } = start.ToInstant();

        public Instant End { get; } = end.ToInstant();

        public Instant At { get; } = at;

        public string StartText => start.ToString("uuuu-MM-dd HH:mm o<g>", CultureInfo.InvariantCulture);

        public string EndText => end.ToString("uuuu-MM-dd HH:mm o<g>", CultureInfo.InvariantCulture);
    }
}
