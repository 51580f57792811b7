using CoProduction.Events;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>An insight as its history made it: the fold of its events.</summary>
public sealed record InsightState
{
    private InsightState()
    {
    }

    /// <summary>Gets the insight's id.</summary>
    public InsightId Id { get; private init; }

    /// <summary>Gets the site it belongs to.</summary>
    public SiteId Site { get; private init; }

    /// <summary>Gets what was learnt.</summary>
    public string Statement { get; private init; } = string.Empty;

    /// <summary>Gets the day it was learnt.</summary>
    public LocalDate On { get; private init; }

    /// <summary>Gets who learnt it.</summary>
    public ValueList<MemberId> Authors { get; private init; }

    /// <summary>Gets where it was learnt.</summary>
    public InsightSourceKind Source { get; private init; }

    /// <summary>Gets which meeting, cycle or observation.</summary>
    public string SourceReference { get; private init; } = string.Empty;

    /// <summary>Gets its themes.</summary>
    public ValueList<string> Themes { get; private init; }

    /// <summary>Gets the earlier insights it builds on.</summary>
    public ValueList<InsightId> BuildsOn { get; private init; }

    /// <summary>Gets what it seeded, oldest first.</summary>
    public ValueList<InsightSeed> Seeded { get; private init; }

    /// <summary>Gets the machine's current stage.</summary>
    public InsightStatus Status { get; private init; }

    /// <summary>Gets why it was retracted, once retracted.</summary>
    public string? RetractionReason { get; private init; }

    /// <summary>Gets the state before the first event.</summary>
    internal static InsightState Initial { get; } = new();

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal InsightState Apply(IInsightEvent @event) => @event switch
    {
        InsightRecorded e => this with
        {
            Id = e.Insight, Site = e.Site, Statement = e.Statement, On = e.On, Authors = e.Authors,
            Source = e.Source, SourceReference = e.SourceReference, Themes = e.Themes, BuildsOn = e.BuildsOn,
        },
        InsightSeeded e => this with { Seeded = Seeded.Add(new InsightSeed(e.Kind, e.Target)) },
        InsightRetracted e => this with { Status = InsightStatus.Retracted, RetractionReason = e.Reason },
        _ => throw Fold.Unknown<InsightState>(@event),
    };
}
