using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>Something to tell someone, from <see cref="ReminderSchedule"/>.</summary>
/// <param name="Id">A stable id: the same fact gives the same id on every run, so a notifier sends it once (for example <c>approval-expiring/KWTRP-2/2017-06-30/30d</c>).</param>
/// <param name="Kind">What it is about.</param>
/// <param name="DueAt">When it became due.</param>
/// <param name="Subject">What it is about, for example <c>protocol KWTRP-2</c>.</param>
/// <param name="Text">A sentence a person can read (English, invariant formats).</param>
/// <param name="Site">The learning site concerned, when there is one.</param>
public sealed record Reminder(string Id, ReminderKind Kind, Instant DueAt, string Subject, string Text, SiteId? Site);
