using System;
using NodaTime;
using System.Text.Json.Serialization;

namespace CoProduction.Protocols;

/// <summary>
/// The dates an approval is valid, both inclusive, in the committee's calendar. An open-ended period
/// (<see cref="LocalDate.MaxIsoValue"/> as its end) stands for an approval with no continuing review.
/// </summary>
public sealed record ApprovalPeriod
{
    /// <summary>Creates a period.</summary>
    /// <param name="start">The first day of validity.</param>
    /// <param name="end">The last day of validity; not before <paramref name="start"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public ApprovalPeriod(LocalDate start, LocalDate end)
    {
        if (end < start)
        {
            throw new ArgumentException(
                $"An approval period cannot end ({end.Iso()}) before it starts ({start.Iso()}); give an end on or after the start.",
                nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>Gets the first day of validity.</summary>
    public LocalDate Start { get; }

    /// <summary>Gets the last day of validity (inclusive).</summary>
    public LocalDate End { get; }

    /// <summary>Gets whether the period has no end (no continuing review required).</summary>
    [JsonIgnore]
    public bool IsOpenEnded => End == LocalDate.MaxIsoValue;

    /// <summary>A period with no end, for approvals that need no continuing review.</summary>
    /// <param name="start">The first day of validity.</param>
    /// <returns>The period.</returns>
    public static ApprovalPeriod OpenEnded(LocalDate start) => new(start, LocalDate.MaxIsoValue);

    /// <summary>Whether a date falls within the period.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when <c>Start ≤ date ≤ End</c>.</returns>
    public bool Contains(LocalDate date) => Start <= date && date <= End;

    /// <summary>Returns the period as <c>start..end</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
        => IsOpenEnded ? $"{Start.Iso()}..(open)" : $"{Start.Iso()}..{End.Iso()}";
}
