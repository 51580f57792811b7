using System;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>A reflection meeting held during the cycle's Reflecting stage; checked when built.</summary>
public sealed record Reflection
{
    /// <summary>Creates a reflection.</summary>
    /// <param name="kind">Which kind of meeting.</param>
    /// <param name="heldOn">When, in the site's calendar: the cycle refuses a date before it began or after the day it is recorded.</param>
    /// <param name="attendees">Who attended: at least one, no duplicates; the cycle refuses members its site's roster does not know.</param>
    /// <param name="insights">What emerged: at least one insight, each free text, not blank.</param>
    /// <exception cref="ArgumentException">An undefined kind, no attendee, a default or duplicate attendee, no insight, or a blank insight.</exception>
    public Reflection(ReflectionMeetingKind kind, LocalDate heldOn, ValueList<MemberId> attendees, ValueList<string> insights)
    {
        Kind = kind;
        HeldOn = heldOn;
        Attendees = attendees;
        Insights = insights;
    }

    /// <summary>Gets which kind of meeting.</summary>
    public ReflectionMeetingKind Kind { get; init => field = Preconditions.CheckDefined(value, nameof(Kind)); }

    /// <summary>Gets when, in the site's calendar.</summary>
    public LocalDate HeldOn { get; init; }

    /// <summary>Gets who attended: at least one, no duplicates.</summary>
    public ValueList<MemberId> Attendees
    {
        get;
        init
        {
            if (value.IsEmpty)
            {
                throw new ArgumentException("A reflection has at least one attendee.", nameof(Attendees));
            }

            foreach (var attendee in value)
            {
                _ = Preconditions.CheckId(attendee, nameof(Attendees));
            }

            field = Preconditions.CheckDistinct(value, nameof(Attendees));
        }
    }

    /// <summary>Gets what emerged: at least one insight.</summary>
    public ValueList<string> Insights
    {
        get;
        init => field = value.IsEmpty
            ? throw new ArgumentException("A reflection records at least one insight.", nameof(Insights))
            : Preconditions.CheckTexts(value, nameof(Insights));
    }
}
