using System.Globalization;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>
/// One planned meeting of a series: the date its cadence gives (the slot, which identifies it within
/// the series) and its start and end in the site's zone. Only a <see cref="MeetingTimetable"/> makes them.
/// </summary>
/// <remarks>
/// The start is the planned one; a rescheduled meeting keeps its slot and carries its new time in
/// the series' state (see <see cref="MeetingSeries"/> and <see cref="AgendaEntry"/>).
/// </remarks>
public readonly record struct MeetingOccurrence
{
    internal MeetingOccurrence(MeetingSeriesPlan plan, LocalDate slot)
    {
        Series = plan.Series;
        Kind = plan.Kind;
        Site = plan.Site;
        Slot = slot;
        Start = plan.StartOn(slot);
        Length = plan.Length;
    }

    /// <summary>Gets the series the meeting belongs to.</summary>
    public SeriesId Series { get; }

    /// <summary>Gets the kind of meeting.</summary>
    public MeetingKind Kind { get; }

    /// <summary>Gets the learning site that holds it.</summary>
    public SiteId Site { get; }

    /// <summary>Gets the date the cadence gives: the meeting's identity within its series.</summary>
    public LocalDate Slot { get; }

    /// <summary>Gets the planned start, in the series' zone.</summary>
    public ZonedDateTime Start { get; }

    /// <summary>Gets how long the meeting lasts.</summary>
    public Duration Length { get; }

    /// <summary>Gets the planned end, in the series' zone.</summary>
    public ZonedDateTime End => Start.Plus(Length);

    /// <summary>Returns the series and the planned start, for example <c>kilifi-reflection 2016-03-15T14:00:00 Africa/Nairobi (+03)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Series} {Start}");
}
