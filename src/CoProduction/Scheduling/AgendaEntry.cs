using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>A meeting on the agenda: the planned occurrence, where it stands, and when it starts now (its new time if moved).</summary>
/// <param name="Occurrence">The planned meeting.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Start">When it starts now, in the series' zone: the new time if rescheduled, else the planned start.</param>
public sealed record AgendaEntry(MeetingOccurrence Occurrence, OccurrenceStatus Status, ZonedDateTime Start)
{
    /// <summary>Gets when it ends now, in the series' zone.</summary>
    public ZonedDateTime End => Start.Plus(Occurrence.Length);

    /// <summary>Gets whether it is still to be held (scheduled or rescheduled).</summary>
    public bool IsOpen => Status is OccurrenceStatus.Scheduled or OccurrenceStatus.Rescheduled;
}
