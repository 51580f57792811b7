using System;
using System.Linq;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>When reminders fall due: the committee's lead times, the local hour they are sent, and the other thresholds.</summary>
public sealed record ReminderPolicy
{
    /// <summary>Gets the policy with the documented defaults.</summary>
    public static ReminderPolicy Default { get; } = new();

    /// <summary>Gets the days before an approval lapses (or a renewal is due) that a reminder is due, each once; 60, 30, 15 and 7 by default.</summary>
    /// <exception cref="InputLimitException">Set to a list with a day twice (<see cref="InputRule.Repeated"/>, naming <c>LeadDays</c> and the day), or with more than <see cref="InputLimits.ListCount"/> days.</exception>
    public ValueList<int> LeadDays
    {
        get;
        init => field = Preconditions.CheckDistinct(value, nameof(LeadDays));
    } = [60, 30, 15, 7];

    /// <summary>Gets the local time of day, in the input's zone, at which date-based reminders fall due; 08:00 by default.</summary>
    public LocalTime SendAt { get; init; } = new(8, 0);

    /// <summary>Gets how long before a meeting its reminder is due; one day by default.</summary>
    public Duration MeetingLead { get; init; } = Duration.FromDays(1);

    /// <summary>Gets after how many days without engagement a core manager is flagged; 90 by default.</summary>
    public int NotEngagedDays { get; init; } = 90;

    /// <summary>Checks the policy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A lead time is not 1 to 366 days, the meeting lead is negative, or the engagement threshold is not positive.</exception>
    public void Validate()
    {
        if (LeadDays.Any(d => d is < 1 or > 366))
        {
            throw new ArgumentOutOfRangeException(nameof(LeadDays), LeadDays.ToString(), "Lead times are 1 to 366 days.");
        }

        if (MeetingLead < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MeetingLead), MeetingLead, "A meeting reminder comes before the meeting.");
        }

        if (NotEngagedDays < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(NotEngagedDays), NotEngagedDays, "The engagement threshold is at least one day.");
        }
    }
}
