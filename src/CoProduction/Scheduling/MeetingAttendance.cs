using System;
using System.Collections.Generic;

namespace CoProduction.Scheduling;

/// <summary>Who attended a held meeting, and what it recorded: checked when built.</summary>
public sealed record MeetingAttendance
{
    /// <summary>Creates the attendance of a held meeting.</summary>
    /// <param name="attendees">Who attended, in the order given; a person listed twice counts once. A held meeting needs at least one (the series refuses none).</param>
    /// <exception cref="ArgumentNullException"><paramref name="attendees"/> is null.</exception>
    /// <exception cref="ArgumentException">A default member id.</exception>
    public MeetingAttendance(IEnumerable<MemberId> attendees)
    {
        ArgumentNullException.ThrowIfNull(attendees);
        var present = new List<MemberId>();
        var seen = new HashSet<MemberId>();
        foreach (var member in attendees)
        {
            if (seen.Add(Preconditions.CheckId(member, nameof(attendees))))
            {
                present.Add(member);
            }
        }

        Attendees = Preconditions.CheckCount(present.ToValueList(), nameof(attendees));
    }

    /// <summary>Gets who attended, each once, in the order first given.</summary>
    public ValueList<MemberId> Attendees { get; }

    /// <summary>Gets the action-learning cycle whose reflection the meeting recorded, if any.</summary>
    /// <exception cref="ArgumentException">Set to a default id.</exception>
    public CycleId? Reflection
    {
        get;
        init => field = Preconditions.CheckOptionalId(value, nameof(Reflection));
    }

    /// <summary>Gets a short note, if any; free text, not blank.</summary>
    /// <exception cref="ArgumentException">Set to blank text.</exception>
    public string? Note
    {
        get;
        init => field = Preconditions.CheckOptionalText(value, nameof(Note));
    }
}
