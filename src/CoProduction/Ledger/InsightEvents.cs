using CoProduction.Events;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>An event in an insight's history.</summary>
public interface IInsightEvent : IDomainEvent
{
}

/// <summary>An insight was recorded.</summary>
/// <param name="Insight">The insight's id.</param>
/// <param name="Site">The site it belongs to.</param>
/// <param name="Statement">What was learnt.</param>
/// <param name="On">The day it was learnt.</param>
/// <param name="Authors">Who learnt it, in the order given.</param>
/// <param name="Source">Where it was learnt.</param>
/// <param name="SourceReference">Which meeting, cycle or observation, as the team names it.</param>
/// <param name="Themes">Its themes.</param>
/// <param name="BuildsOn">The earlier insights it builds on.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("insight.recorded")]
public sealed record InsightRecorded(
    InsightId Insight,
    SiteId Site,
    string Statement,
    LocalDate On,
    ValueList<MemberId> Authors,
    InsightSourceKind Source,
    string SourceReference,
    ValueList<string> Themes,
    ValueList<InsightId> BuildsOn,
    Instant At,
    Actor By) : IInsightEvent;

/// <summary>An insight seeded further work.</summary>
/// <param name="Kind">What kind of work.</param>
/// <param name="Target">Which one, as the team names it (an activity, a question, a protocol or amendment id).</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("insight.seeded")]
public sealed record InsightSeeded(SeedKind Kind, string Target, Instant At, Actor By) : IInsightEvent;

/// <summary>An insight was retracted.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("insight.retracted")]
public sealed record InsightRetracted(string Reason, Instant At, Actor By) : IInsightEvent;
