using CoProduction.Events;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>An event in the history of a <see cref="MeetingSeries"/>.</summary>
public interface IMeetingSeriesEvent : IDomainEvent
{
    /// <summary>Gets the series.</summary>
    SeriesId Series { get; }
}

/// <summary>An event about one meeting (occurrence) of a series, identified by its slot date.</summary>
public interface IMeetingOccurrenceEvent : IMeetingSeriesEvent
{
    /// <summary>Gets the slot date of the meeting within its series.</summary>
    LocalDate Slot { get; }
}

/// <summary>A meeting series was planned.</summary>
/// <param name="Series">The series.</param>
/// <param name="Plan">Its plan: kind, site, zone, time, length, dates, attendees and cadence.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("meeting.series-planned")]
public sealed record MeetingSeriesPlanned(SeriesId Series, MeetingSeriesPlan Plan, Instant At, Actor By) : IMeetingSeriesEvent;

/// <summary>A meeting was held.</summary>
/// <param name="Series">The series.</param>
/// <param name="Slot">The meeting's slot date.</param>
/// <param name="Attendees">Who attended; at least one.</param>
/// <param name="Reflection">The action-learning cycle whose reflection the meeting recorded, if any.</param>
/// <param name="Note">A short note, if any.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
[EventName("meeting.held")]
public sealed record MeetingHeld(
    SeriesId Series, LocalDate Slot, ValueList<MemberId> Attendees, CycleId? Reflection, string? Note, Instant At, Actor By) : IMeetingOccurrenceEvent;

/// <summary>A meeting's time passed without it happening.</summary>
/// <param name="Series">The series.</param>
/// <param name="Slot">The meeting's slot date.</param>
/// <param name="Reason">Why, as told.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
[EventName("meeting.missed")]
public sealed record MeetingMissed(SeriesId Series, LocalDate Slot, string Reason, Instant At, Actor By) : IMeetingOccurrenceEvent;

/// <summary>A meeting was called off before it started.</summary>
/// <param name="Series">The series.</param>
/// <param name="Slot">The meeting's slot date.</param>
/// <param name="Reason">Why (a strike, a shock, a clash).</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("meeting.cancelled")]
public sealed record MeetingCancelled(SeriesId Series, LocalDate Slot, string Reason, Instant At, Actor By) : IMeetingOccurrenceEvent;

/// <summary>A meeting was moved to a new local time in the series' zone.</summary>
/// <param name="Series">The series.</param>
/// <param name="Slot">The meeting's slot date (its identity; unchanged).</param>
/// <param name="NewStart">The new local start, placed in the series' zone with the series' resolution.</param>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("meeting.rescheduled")]
public sealed record MeetingRescheduled(SeriesId Series, LocalDate Slot, LocalDateTime NewStart, string Reason, Instant At, Actor By) : IMeetingOccurrenceEvent;
