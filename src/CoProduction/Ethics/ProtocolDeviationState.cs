using CoProduction.Events;
using NodaTime;

namespace CoProduction.Ethics;

/// <summary>A protocol deviation as its history made it: the fold of its events.</summary>
public sealed record ProtocolDeviationState
{
    private ProtocolDeviationState()
    {
    }

    /// <summary>Gets the deviation's id.</summary>
    public DeviationId Id { get; private init; }

    /// <summary>Gets the protocol it deviates from.</summary>
    public ProtocolId Protocol { get; private init; }

    /// <summary>Gets the version of the protocol that lapsed (or was in force), when the deviation was opened by rule.</summary>
    public int? ProtocolVersion { get; private init; }

    /// <summary>Gets the cycle whose action was recorded outside approval, when opened by rule.</summary>
    public CycleId? Cycle { get; private init; }

    /// <summary>Gets the IANA zone of the site, in which the deviation's dates are read, when recorded.</summary>
    public string? TimeZoneId { get; private init; }

    /// <summary>Gets what happened; <see langword="null"/> only before the first event.</summary>
    public ResearchActivity? Activity { get; private init; }

    /// <summary>Gets how it came about.</summary>
    public string Description { get; private init; } = string.Empty;

    /// <summary>Gets when it happened.</summary>
    public LocalDate OccurredOn { get; private init; }

    /// <summary>Gets when the team learned of it.</summary>
    public LocalDate DiscoveredOn { get; private init; }

    /// <summary>Gets the reporting deadline.</summary>
    public LocalDate ReportDueOn { get; private init; }

    /// <summary>Gets the machine's current stage.</summary>
    public DeviationStatus Status { get; private init; }

    /// <summary>Gets when it was reported, once reported.</summary>
    public LocalDate? ReportedOn { get; private init; }

    /// <summary>Gets the outcome, once closed.</summary>
    public string? Outcome { get; private init; }

    /// <summary>Gets whether it was reported after its deadline.</summary>
    public bool WasReportedLate => ReportedOn is { } reported && reported > ReportDueOn;

    /// <summary>Gets the state before the first event.</summary>
    internal static ProtocolDeviationState Initial { get; } = new();

    /// <summary>Whether the report is overdue on a date: still open after the deadline.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> when open and <paramref name="date"/> is after <see cref="ReportDueOn"/>.</returns>
    public bool IsOverdueOn(LocalDate date) => Status == DeviationStatus.Open && date > ReportDueOn;

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal ProtocolDeviationState Apply(IDeviationEvent @event) => @event switch
    {
        DeviationRecorded e => this with
        {
            Id = e.Deviation,
            Protocol = e.Protocol,
            Activity = e.Activity,
            Description = e.Description,
            OccurredOn = e.OccurredOn,
            DiscoveredOn = e.DiscoveredOn,
            ReportDueOn = e.ReportDueOn,
            ProtocolVersion = e.ProtocolVersion,
            Cycle = e.Cycle,
            TimeZoneId = e.TimeZoneId,
        },
        DeviationReported e => this with { Status = DeviationStatus.Reported, ReportedOn = e.ReportedOn },
        DeviationClosed e => this with { Status = DeviationStatus.Closed, Outcome = e.Outcome },
        _ => throw Fold.Unknown<ProtocolDeviationState>(@event),
    };
}
