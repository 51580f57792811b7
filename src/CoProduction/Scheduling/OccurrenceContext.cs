using System.Globalization;
using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>What the occurrence machine decides on: one meeting of a series, where it stands, when it starts and ends now, and the command's instant.</summary>
internal sealed class OccurrenceContext
{
    internal OccurrenceContext(MeetingSeriesState state, MeetingOccurrence occurrence, Instant at)
    {
        Occurrence = occurrence;
        Status = state.StatusOf(occurrence.Slot);
        StartZoned = state.StartOf(occurrence);
        EndZoned = StartZoned.Plus(state.Plan.Length);
        Start = StartZoned.ToInstant();
        End = EndZoned.ToInstant();
        At = at;
    }

    /// <summary>Gets the meeting decided on.</summary>
    public MeetingOccurrence Occurrence { get; }

    /// <summary>Gets where the meeting stands.</summary>
    public OccurrenceStatus Status { get; }

    /// <summary>Gets when it starts now (its new time if moved).</summary>
    public Instant Start { get; }

    /// <summary>Gets when it ends now.</summary>
    public Instant End { get; }

    /// <summary>Gets the command's instant.</summary>
    public Instant At { get; }

    private ZonedDateTime StartZoned { get; }

    private ZonedDateTime EndZoned { get; }

    /// <summary>The meeting's name for reasons, for example <c>the meeting of 2016-03-15</c>.</summary>
    public string Meeting => string.Create(CultureInfo.InvariantCulture, $"the meeting of {Occurrence.Slot:uuuu-MM-dd}");

    /// <summary>When it starts now, as text with its offset.</summary>
    public string StartText => StartZoned.ToString("uuuu-MM-dd HH:mm o<g>", CultureInfo.InvariantCulture);

    /// <summary>When it ends now, as text with its offset.</summary>
    public string EndText => EndZoned.ToString("uuuu-MM-dd HH:mm o<g>", CultureInfo.InvariantCulture);
}
