using System.Linq;
using CoProduction.Events;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>An output as its history made it: the fold of its events.</summary>
public sealed record OutputState
{
    private OutputState()
    {
    }

    /// <summary>Gets the output's id.</summary>
    public OutputId Id { get; private init; }

    /// <summary>Gets the site it belongs to.</summary>
    public SiteId Site { get; private init; }

    /// <summary>Gets its kind.</summary>
    public OutputKind Kind { get; private init; }

    /// <summary>Gets its title.</summary>
    public string Title { get; private init; } = string.Empty;

    /// <summary>Gets the day it was published or presented.</summary>
    public LocalDate On { get; private init; }

    /// <summary>Gets where, when given.</summary>
    public string? Venue { get; private init; }

    /// <summary>Gets its authors with their roles, in the order given.</summary>
    public ValueList<OutputAuthor> Authors { get; private init; }

    /// <summary>Gets the authors who wrote as managers, in the order given.</summary>
    public ValueList<MemberId> ManagerCoAuthors => Authors.Where(static a => a.Role == RoleKind.Manager).Select(static a => a.Member).ToValueList();

    /// <summary>Gets a value indicating whether a manager is among the authors: co-production visible on the output itself.</summary>
    public bool HasManagerCoAuthor => Authors.Any(static a => a.Role == RoleKind.Manager);

    /// <summary>Gets the insights it draws on, oldest link first.</summary>
    public ValueList<InsightId> Insights { get; private init; }

    /// <summary>Gets the machine's current stage.</summary>
    public OutputStatus Status { get; private init; }

    /// <summary>Gets why it was retracted, once retracted.</summary>
    public string? RetractionReason { get; private init; }

    /// <summary>Gets the state before the first event.</summary>
    internal static OutputState Initial { get; } = new();

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal OutputState Apply(IOutputEvent @event) => @event switch
    {
        OutputRecorded e => this with
        {
            Id = e.Output, Site = e.Site, Kind = e.Kind, Title = e.Title, On = e.On, Venue = e.Venue, Authors = e.Authors, Insights = e.Insights,
        },
        OutputInsightLinked e => this with { Insights = Insights.Add(e.Insight) },
        OutputRetracted e => this with { Status = OutputStatus.Retracted, RetractionReason = e.Reason },
        _ => throw Fold.Unknown<OutputState>(@event),
    };
}
