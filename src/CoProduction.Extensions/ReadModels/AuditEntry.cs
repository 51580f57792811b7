using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>One recorded event in the audit trail: who did what, when, on which stream, and what it concerns.</summary>
/// <param name="Position">The event's global position: the trail's order.</param>
/// <param name="Stream">The stream, for example <c>cycle-kilifi-2016</c>.</param>
/// <param name="Version">The event's version in its stream.</param>
/// <param name="Event">What was done: the event's stable wire name, for example <c>cycle.plan-endorsed</c>.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="Sites">The sites it concerns: a cycle's site, a protocol's scope, a site itself; empty when none.</param>
/// <param name="Protocol">The protocol it concerns (a protocol, its amendments and deviations), if any.</param>
/// <param name="Cycle">The cycle it concerns (a cycle, a deviation opened from it), if any.</param>
public sealed record AuditEntry(
    long Position,
    string Stream,
    long Version,
    string Event,
    Instant At,
    Actor Actor,
    ValueList<SiteId> Sites,
    ProtocolId? Protocol,
    CycleId? Cycle);
