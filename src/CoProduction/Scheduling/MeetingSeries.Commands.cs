using System.Globalization;
using NodaTime;

namespace CoProduction.Scheduling;

/// <content>The series' commands on one meeting: check the inputs, decide on that meeting through the pipeline, record one event.</content>
public sealed partial class MeetingSeries
{
    /// <summary>Records that a meeting was held.</summary>
    /// <param name="occurrence">The meeting, from the timetable.</param>
    /// <param name="attendance">Who attended (at least one), and the reflection and note it recorded, if any.</param>
    /// <param name="stamp">When it is recorded (not before the meeting's current start) and by whom.</param>
    /// <exception cref="System.ArgumentException">The meeting is not one of this series, or the stamp names no actor.</exception>
    /// <exception cref="CommandRejectedException">The meeting is not open, has not started, no one attended, or the command is dated before the latest event.</exception>
    public void RecordHeld(MeetingOccurrence occurrence, MeetingAttendance attendance, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(attendance);
        var context = ContextFor(occurrence, stamp.At);
        Decide(Machine, context, OccurrenceTrigger.Hold, stamp);
        if (attendance.Attendees.IsEmpty)
        {
            throw Refuse(Machine, context, OccurrenceTrigger.Hold, $"{context.Meeting} has no attendee: a held meeting lists who came");
        }

        Record(new MeetingHeld(Id, occurrence.Slot, attendance.Attendees, attendance.Reflection, attendance.Note, stamp.At, stamp.By));
    }

    /// <summary>Records that a meeting's time passed without it happening.</summary>
    /// <param name="occurrence">The meeting, from the timetable.</param>
    /// <param name="reason">Why, as told; free text, not blank.</param>
    /// <param name="stamp">When it is recorded (not before the meeting's current end) and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank reason, a meeting not of this series, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The meeting is not open, its time is not over, or the command is dated before the latest event.</exception>
    public void RecordMissed(MeetingOccurrence occurrence, string reason, Stamp stamp)
    {
        Preconditions.CheckText(reason, nameof(reason));
        Decide(Machine, ContextFor(occurrence, stamp.At), OccurrenceTrigger.Miss, stamp);
        Record(new MeetingMissed(Id, occurrence.Slot, reason, stamp.At, stamp.By));
    }

    /// <summary>Calls a meeting off before it starts.</summary>
    /// <param name="occurrence">The meeting, from the timetable.</param>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When (before the meeting's current start) and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank reason, a meeting not of this series, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The meeting is not open, has started, or the command is dated before the latest event.</exception>
    public void Cancel(MeetingOccurrence occurrence, string reason, Stamp stamp)
    {
        Preconditions.CheckText(reason, nameof(reason));
        Decide(Machine, ContextFor(occurrence, stamp.At), OccurrenceTrigger.Cancel, stamp);
        Record(new MeetingCancelled(Id, occurrence.Slot, reason, stamp.At, stamp.By));
    }

    /// <summary>Moves a meeting to a new local time in the series' zone; it keeps its slot.</summary>
    /// <param name="occurrence">The meeting, from the timetable.</param>
    /// <param name="newStart">The new local start; it must be after the stamp's instant once placed in the zone.</param>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank reason, a meeting not of this series, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">The meeting is not open, the new time is not in the future, or the command is dated before the latest event.</exception>
    public void Reschedule(MeetingOccurrence occurrence, LocalDateTime newStart, string reason, Stamp stamp)
    {
        Preconditions.CheckText(reason, nameof(reason));
        var context = ContextFor(occurrence, stamp.At);
        Decide(Machine, context, OccurrenceTrigger.Reschedule, stamp);
        if (State.Plan.Resolve(newStart).ToInstant() <= stamp.At)
        {
            throw Refuse(
                Machine,
                context,
                OccurrenceTrigger.Reschedule,
                string.Create(CultureInfo.InvariantCulture, $"the new time {newStart:uuuu-MM-dd HH:mm} of {context.Meeting} is not in the future: choose a later time, or record the meeting as held or missed"));
        }

        Record(new MeetingRescheduled(Id, occurrence.Slot, newStart, reason, stamp.At, stamp.By));
    }
}
