using System;
using System.Collections.Generic;

namespace CoProduction.Scheduling;

/// <summary>Who attended a held meeting, and what it recorded: checked when built.</summary>
public sealed record MeetingAttendance
{
    /// <summary>Creates the attendance of a held meeting.</summary>
    /// <param name="attendees">Who attended, each once, in the order given. A held meeting needs at least one (the series refuses none).</param>
    /// <exception cref="ArgumentNullException"><paramref name="attendees"/> is null.</exception>
    /// <exception cref="ArgumentException">A default member id.</exception>
    /// <exception cref="InputLimitException">More than <see cref="InputLimits.ListCount"/> attendees (<see cref="InputRule.TooMany"/>), or a member listed twice (<see cref="InputRule.Repeated"/>, naming <c>attendees</c> and the member).</exception>
    public MeetingAttendance(IEnumerable<MemberId> attendees)
    {
        ArgumentNullException.ThrowIfNull(attendees);
        var present = attendees.ToValueList();
        _ = Preconditions.CheckCount(present, nameof(attendees));
        foreach (var member in present)
        {
            _ = Preconditions.CheckId(member, nameof(attendees));
        }

        Attendees = Preconditions.CheckDistinct(present, nameof(attendees));
    }

    /// <summary>Gets who attended, each once, in the order given.</summary>
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
