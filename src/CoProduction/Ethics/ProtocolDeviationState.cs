using NodaTime;

namespace CoProduction.Ethics;

/// <summary>A protocol deviation as its history made it.</summary>
/// <param name="Id">The deviation's id.</param>
/// <param name="Protocol">The protocol it deviates from.</param>
/// <param name="Activity">What happened.</param>
/// <param name="Description">How it came about.</param>
/// <param name="OccurredOn">When it happened.</param>
/// <param name="DiscoveredOn">When the team learned of it.</param>
/// <param name="ReportDueOn">The reporting deadline.</param>
/// <param name="Status">The machine's current stage.</param>
/// <param name="ReportedOn">When it was reported, once reported.</param>
/// <param name="Outcome">The outcome, once closed.</param>
public sealed record ProtocolDeviationState(
    DeviationId Id,
    ProtocolId Protocol,
    ResearchActivity? Activity,
    string Description,
    LocalDate OccurredOn,
    LocalDate DiscoveredOn,
    LocalDate ReportDueOn,
    DeviationStatus Status,
    LocalDate? ReportedOn,
    string? Outcome)
{
    /// <summary>Gets whether it was reported after its deadline.</summary>
    public bool WasReportedLate => ReportedOn is { } reported && reported > ReportDueOn;

    /// <summary>Whether the report is overdue on a date: still open after the deadline.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when open and <paramref name="date"/> is after <see cref="ReportDueOn"/>.</returns>
    public bool IsOverdueOn(LocalDate date) => Status == DeviationStatus.Open && date > ReportDueOn;

    internal bool IsNew => Activity is null;

    internal static ProtocolDeviationState Initial(DeviationId id)
        => new(id, default, null, string.Empty, default, default, default, DeviationStatus.Open, null, null);
}
