using CoProduction.Events;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>An event in an impact's history.</summary>
public interface IImpactEvent : IDomainEvent
{
}

/// <summary>An impact was claimed.</summary>
/// <param name="Impact">The impact's id.</param>
/// <param name="Site">The site whose work it is claimed for.</param>
/// <param name="Statement">What changed.</param>
/// <param name="On">The day it was seen, or since when it holds.</param>
/// <param name="Change">What it changed: a policy, a law, a practice or a way of thinking.</param>
/// <param name="Level">The level of the system where it was seen.</param>
/// <param name="Evidence">The evidence the claim rests on.</param>
/// <param name="ObservedBy">Who observed it.</param>
/// <param name="Outputs">The outputs that led to it.</param>
/// <param name="Engagements">The engagements that led to it.</param>
/// <param name="Insights">The insights that led to it.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("impact.recorded")]
public sealed record ImpactRecorded(
    ImpactId Impact,
    SiteId Site,
    string Statement,
    LocalDate On,
    ImpactChange Change,
    SystemLevel Level,
    string Evidence,
    string ObservedBy,
    ValueList<OutputId> Outputs,
    ValueList<EngagementId> Engagements,
    ValueList<InsightId> Insights,
    Instant At,
    Actor By) : IImpactEvent;

/// <summary>A claimed impact was corroborated.</summary>
/// <param name="Corroboration">The evidence and who observed it.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("impact.corroborated")]
public sealed record ImpactCorroborated(Corroboration Corroboration, Instant At, Actor By) : IImpactEvent;

/// <summary>An impact was retracted.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("impact.retracted")]
public sealed record ImpactRetracted(string Reason, Instant At, Actor By) : IImpactEvent;
