using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>What has been recorded about one meeting of a series (a meeting with nothing recorded is <see cref="OccurrenceStatus.Scheduled"/> and has no record). Built only by the series' fold.</summary>
public sealed record OccurrenceRecord
{
    internal OccurrenceRecord(LocalDate slot)
    {
        Slot = slot;
    }

    /// <summary>Gets the meeting's slot date.</summary>
    public LocalDate Slot { get; }

    /// <summary>Gets where it stands.</summary>
    public OccurrenceStatus Status { get; internal init; }

    /// <summary>Gets its new local start, when it was moved (kept after it is then held or missed).</summary>
    public LocalDateTime? RescheduledTo { get; internal init; }

    /// <summary>Gets who attended, when held.</summary>
    public ValueList<MemberId> Attendees { get; internal init; }

    /// <summary>Gets the cycle whose reflection it recorded, when held and linked.</summary>
    public CycleId? Reflection { get; internal init; }

    /// <summary>Gets the held note, or the reason it was missed, cancelled or last moved.</summary>
    public string? Note { get; internal init; }
}
