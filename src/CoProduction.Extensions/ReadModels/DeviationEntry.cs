using CoProduction.Ethics;
using NodaTime;

namespace CoProduction.ReadModels;

/// <summary>One protocol deviation in the deviation register (<c>coproduction.deviations</c>), from the deviation's own state.</summary>
/// <param name="Deviation">The deviation.</param>
/// <param name="Protocol">The protocol it deviates from.</param>
/// <param name="Site">Where the activity happened.</param>
/// <param name="Activity">What the activity was called.</param>
/// <param name="Status">Where it stands: open (to be reported), reported, closed.</param>
/// <param name="OccurredOn">When it happened.</param>
/// <param name="DiscoveredOn">When the team learned of it.</param>
/// <param name="ReportDueOn">The reporting deadline the domain set (working days after discovery, under the committee's policy).</param>
/// <param name="ReportedOn">When it was reported, once reported.</param>
/// <param name="ReportedLate">Whether it was reported after its deadline.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="ClosedAt">When it was closed, once closed.</param>
/// <param name="Outcome">The outcome, once closed.</param>
/// <param name="ProtocolVersion">The version of the protocol that lapsed (or was in force), when the deviation was opened by rule.</param>
/// <param name="Cycle">The cycle whose action was recorded outside approval, when opened by rule.</param>
/// <param name="TimeZoneId">The site's IANA zone, in which the dates are read, when recorded.</param>
public sealed record DeviationEntry(
    DeviationId Deviation,
    ProtocolId Protocol,
    SiteId Site,
    string Activity,
    DeviationStatus Status,
    LocalDate OccurredOn,
    LocalDate DiscoveredOn,
    LocalDate ReportDueOn,
    LocalDate? ReportedOn,
    bool ReportedLate,
    Instant RecordedAt,
    Instant? ClosedAt,
    string? Outcome,
    int? ProtocolVersion = null,
    CycleId? Cycle = null,
    string? TimeZoneId = null);

/// <summary>One ethical dilemma in the deviation register (<c>coproduction.dilemmas</c>), from the dilemma's own state.</summary>
/// <param name="Dilemma">The dilemma.</param>
/// <param name="Site">Where it arose.</param>
/// <param name="Protocol">The protocol concerned, if any.</param>
/// <param name="Description">What the dilemma is.</param>
/// <param name="Status">Where it stands: raised, discussed (open), resolved or escalated.</param>
/// <param name="Discussions">How many times it was discussed.</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="SettledAt">When it was resolved or escalated, once it was.</param>
/// <param name="Resolution">How it was resolved, once resolved.</param>
/// <param name="EscalatedTo">To whom it was escalated, once escalated.</param>
public sealed record DilemmaEntry(
    DilemmaId Dilemma,
    SiteId Site,
    ProtocolId? Protocol,
    string Description,
    DilemmaStatus Status,
    int Discussions,
    Instant RaisedAt,
    Instant? SettledAt,
    string? Resolution,
    string? EscalatedTo)
{
    /// <summary>Gets whether it is still open (raised or discussed, neither resolved nor escalated).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsOpen => Status is DilemmaStatus.Raised or DilemmaStatus.Discussed;
}
