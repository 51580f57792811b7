using CoProduction.Events;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>An impact as its history made it: the fold of its events.</summary>
public sealed record ImpactState
{
    private ImpactState()
    {
    }

    /// <summary>Gets the impact's id.</summary>
    public ImpactId Id { get; private init; }

    /// <summary>Gets the site whose work it is claimed for.</summary>
    public SiteId Site { get; private init; }

    /// <summary>Gets what changed.</summary>
    public string Statement { get; private init; } = string.Empty;

    /// <summary>Gets the day it was seen, or since when it holds.</summary>
    public LocalDate On { get; private init; }

    /// <summary>Gets what it changed.</summary>
    public ImpactChange Change { get; private init; }

    /// <summary>Gets the kind of impact: instrumental for a policy, a law or a practice; conceptual for a way of thinking.</summary>
    public ImpactKind Kind => KindOf(Change);

    /// <summary>Gets the level of the system where it was seen.</summary>
    public SystemLevel Level { get; private init; }

    /// <summary>Gets the evidence the claim rests on.</summary>
    public string Evidence { get; private init; } = string.Empty;

    /// <summary>Gets who observed it.</summary>
    public string ObservedBy { get; private init; } = string.Empty;

    /// <summary>Gets the outputs that led to it.</summary>
    public ValueList<OutputId> Outputs { get; private init; }

    /// <summary>Gets the engagements that led to it.</summary>
    public ValueList<EngagementId> Engagements { get; private init; }

    /// <summary>Gets the insights that led to it.</summary>
    public ValueList<InsightId> Insights { get; private init; }

    /// <summary>Gets what corroborated it, once corroborated.</summary>
    public Corroboration? Corroboration { get; private init; }

    /// <summary>Gets the machine's current stage.</summary>
    public ImpactStatus Status { get; private init; }

    /// <summary>Gets why it was retracted, once retracted.</summary>
    public string? RetractionReason { get; private init; }

    /// <summary>Gets the state before the first event.</summary>
    internal static ImpactState Initial { get; } = new();

    /// <summary>The kind of an impact that changed <paramref name="change"/>.</summary>
    internal static ImpactKind KindOf(ImpactChange change) => change == ImpactChange.WayOfThinking ? ImpactKind.Conceptual : ImpactKind.Instrumental;

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal ImpactState Apply(IImpactEvent @event) => @event switch
    {
        ImpactRecorded e => this with
        {
            Id = e.Impact, Site = e.Site, Statement = e.Statement, On = e.On, Change = e.Change, Level = e.Level,
            Evidence = e.Evidence, ObservedBy = e.ObservedBy, Outputs = e.Outputs, Engagements = e.Engagements, Insights = e.Insights,
        },
        ImpactCorroborated e => this with { Status = ImpactStatus.Corroborated, Corroboration = e.Corroboration },
        ImpactRetracted e => this with { Status = ImpactStatus.Retracted, RetractionReason = e.Reason },
        _ => throw Fold.Unknown<ImpactState>(@event),
    };
}
