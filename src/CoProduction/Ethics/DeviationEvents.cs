using CoProduction.Events;
using NodaTime;

namespace CoProduction.Ethics;

/// <summary>An event in a protocol deviation's history.</summary>
public interface IDeviationEvent : IDomainEvent
{
}

/// <summary>An activity that happened outside approval was recorded as a deviation.</summary>
/// <param name="Deviation">The deviation's id.</param>
/// <param name="Protocol">The protocol it deviates from.</param>
/// <param name="Activity">What happened.</param>
/// <param name="Description">How it came about.</param>
/// <param name="OccurredOn">When it happened.</param>
/// <param name="DiscoveredOn">When the team learned of it; the reporting deadline counts from here.</param>
/// <param name="ReportDueOn">The reporting deadline under the committee's policy.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
/// <param name="ProtocolVersion">The version of the protocol that lapsed (or was in force), when the deviation was opened by rule.</param>
/// <param name="Cycle">The action-learning cycle whose action was recorded outside approval, when opened by rule.</param>
/// <param name="TimeZoneId">The IANA zone of the site, in which the dates are read, when known.</param>
[EventName("deviation.recorded")]
public sealed record DeviationRecorded(
    DeviationId Deviation,
    ProtocolId Protocol,
    ResearchActivity Activity,
    string Description,
    LocalDate OccurredOn,
    LocalDate DiscoveredOn,
    LocalDate ReportDueOn,
    Instant At,
    Actor By,
    int? ProtocolVersion = null,
    CycleId? Cycle = null,
    string? TimeZoneId = null) : IDeviationEvent;

/// <summary>The deviation was reported to the committee.</summary>
/// <param name="ReportedOn">The reporting date.</param>
/// <param name="Reference">The committee's reference or a note.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("deviation.reported")]
public sealed record DeviationReported(LocalDate ReportedOn, string Reference, Instant At, Actor By) : IDeviationEvent;

/// <summary>The deviation was closed after the committee's response.</summary>
/// <param name="Outcome">The committee's response and what was done.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("deviation.closed")]
public sealed record DeviationClosed(string Outcome, Instant At, Actor By) : IDeviationEvent;
