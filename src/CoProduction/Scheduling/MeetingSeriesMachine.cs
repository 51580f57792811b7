using CoProduction.Events;

namespace CoProduction.Scheduling;

/// <summary>
/// The occurrence machine every meeting of a series follows: Scheduled → Held | Missed | Cancelled |
/// Rescheduled, and Rescheduled → the same (moved again). Holding needs the meeting to have started,
/// recording it missed needs its time to be over, cancelling needs it not to have started.
/// </summary>
internal static class MeetingSeriesMachine
{
    private static readonly Guard<OccurrenceContext> Started = new(
        "the meeting has not started yet",
        static c => c.At >= c.Start,
        static c => [$"{c.Meeting} starts at {c.StartText}: record it as held once it has started"]);

    private static readonly Guard<OccurrenceContext> Ended = new(
        "the meeting's time is not over yet",
        static c => c.At >= c.End,
        static c => [$"{c.Meeting} ends at {c.EndText}: record it as missed only after that"]);

    private static readonly Guard<OccurrenceContext> NotStarted = new(
        "the meeting has already started",
        static c => c.At < c.Start,
        static c => [$"{c.Meeting} started at {c.StartText}: record it as held or missed instead"]);

    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<OccurrenceStatus, OccurrenceTrigger, OccurrenceContext> Machine { get; } = new(
        static c => c.Status,
        static m =>
        {
            foreach (var open in new[] { OccurrenceStatus.Scheduled, OccurrenceStatus.Rescheduled })
            {
                m.In(open)
                    .Permit(OccurrenceTrigger.Hold, OccurrenceStatus.Held, Started)
                    .Permit(OccurrenceTrigger.Miss, OccurrenceStatus.Missed, Ended)
                    .Permit(OccurrenceTrigger.Cancel, OccurrenceStatus.Cancelled, NotStarted)
                    .Permit(OccurrenceTrigger.Reschedule, OccurrenceStatus.Rescheduled);
            }

            m.In(OccurrenceStatus.Held);
            m.In(OccurrenceStatus.Missed);
            m.In(OccurrenceStatus.Cancelled);
        });

    /// <summary>The trigger an occurrence event records, for the replay check.</summary>
    public static OccurrenceTrigger TriggerOf(IMeetingOccurrenceEvent @event) => @event switch
    {
        MeetingHeld => OccurrenceTrigger.Hold,
        MeetingMissed => OccurrenceTrigger.Miss,
        MeetingCancelled => OccurrenceTrigger.Cancel,
        MeetingRescheduled => OccurrenceTrigger.Reschedule,
        _ => throw Fold.Unknown<MeetingSeriesState>(@event),
    };
}
