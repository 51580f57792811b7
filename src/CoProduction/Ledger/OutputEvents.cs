using CoProduction.Events;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>An event in an output's history.</summary>
public interface IOutputEvent : IDomainEvent
{
}

/// <summary>An output was recorded.</summary>
/// <param name="Output">The output's id.</param>
/// <param name="Site">The site it belongs to.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Title">Its title.</param>
/// <param name="On">The day it was published or presented.</param>
/// <param name="Venue">Where, when given.</param>
/// <param name="Authors">Its authors with their roles, in the order given.</param>
/// <param name="Insights">The insights it draws on.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("output.recorded")]
public sealed record OutputRecorded(
    OutputId Output,
    SiteId Site,
    OutputKind Kind,
    string Title,
    LocalDate On,
    string? Venue,
    ValueList<OutputAuthor> Authors,
    ValueList<InsightId> Insights,
    Instant At,
    Actor By) : IOutputEvent;

/// <summary>An output was linked to an insight it draws on.</summary>
/// <param name="Insight">The insight.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("output.insight-linked")]
public sealed record OutputInsightLinked(InsightId Insight, Instant At, Actor By) : IOutputEvent;

/// <summary>An output was retracted.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("output.retracted")]
public sealed record OutputRetracted(string Reason, Instant At, Actor By) : IOutputEvent;
