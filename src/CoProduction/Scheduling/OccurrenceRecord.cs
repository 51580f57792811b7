using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>What has been recorded about one meeting of a series (a meeting with nothing recorded is <see cref="OccurrenceStatus.Scheduled"/> and has no record).</summary>
/// <param name="Slot">The meeting's slot date.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="RescheduledTo">Its new local start, when it was moved (kept after it is then held or missed).</param>
/// <param name="Attendees">Who attended, when held.</param>
/// <param name="Reflection">The cycle whose reflection it recorded, when held and linked.</param>
/// <param name="Note">The held note, or the reason it was missed, cancelled or last moved.</param>
public sealed record OccurrenceRecord(
    LocalDate Slot,
    OccurrenceStatus Status,
    LocalDateTime? RescheduledTo,
    ValueList<MemberId> Attendees,
    CycleId? Reflection,
    string? Note);
