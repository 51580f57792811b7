using System.Collections.Generic;
using CoProduction.Scheduling;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>
/// One meeting series on the agenda read model (<c>coproduction.agenda</c>): what it is, what was recorded about
/// its meetings, and when its first meeting still to be held starts, as the series' own state and timetable say.
/// </summary>
/// <param name="Series">The series.</param>
/// <param name="Site">The learning site that holds it.</param>
/// <param name="Kind">The kind of meeting.</param>
/// <param name="Title">Its title.</param>
/// <param name="Cadence">Its cadence, as the domain writes it (for example <c>monthly on day 15</c>).</param>
/// <param name="LinkedTo">The series it follows, for a linked cadence (a debrief after each workshop); otherwise <see langword="null"/>.</param>
/// <param name="Zone">The series' time zone (tzdb id).</param>
/// <param name="FirstDate">The first date a meeting may fall on.</param>
/// <param name="LastDate">The last date a meeting may fall on.</param>
/// <param name="Outcomes">What was recorded, one entry per meeting with a record (held, missed, cancelled or moved), in slot order.</param>
/// <param name="NextSlot">The slot of the first meeting still to be held (no outcome yet, or moved and not yet held); <see langword="null"/> when none is left or the series is linked.</param>
/// <param name="NextDue">When that meeting starts now (its new time when moved); <see langword="null"/> when none is left or the series is linked.</param>
public sealed record AgendaSeries(
    SeriesId Series,
    SiteId Site,
    MeetingKind Kind,
    string Title,
    string Cadence,
    SeriesId? LinkedTo,
    string Zone,
    LocalDate FirstDate,
    LocalDate LastDate,
    IReadOnlyList<AgendaOutcome> Outcomes,
    LocalDate? NextSlot,
    Instant? NextDue);

/// <summary>What was recorded about one meeting of a series.</summary>
/// <param name="Slot">The meeting's slot date (its identity in the series).</param>
/// <param name="Status">Where it stands: held, missed, cancelled, or rescheduled (moved, still to be held).</param>
/// <param name="MovedTo">Its new start when it was moved; <see langword="null"/> otherwise.</param>
public sealed record AgendaOutcome(LocalDate Slot, OccurrenceStatus Status, Instant? MovedTo);

/// <summary>A series and its meetings that a query found (due in a window, or overdue), from the domain's agenda.</summary>
/// <param name="Series">The series' document.</param>
/// <param name="Meetings">The meetings, in start order.</param>
public sealed record AgendaMeetings(AgendaSeries Series, IReadOnlyList<AgendaEntry> Meetings);
