using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>A wider engagement as its history made it: the fold of its events.</summary>
public sealed record WiderEngagementState
{
    private WiderEngagementState()
    {
    }

    /// <summary>Gets the engagement's id.</summary>
    public EngagementId Id { get; private init; }

    /// <summary>Gets the site that recorded it.</summary>
    public SiteId Site { get; private init; }

    /// <summary>Gets what the engagement was.</summary>
    public string Title { get; private init; } = string.Empty;

    /// <summary>Gets the day it happened.</summary>
    public LocalDate On { get; private init; }

    /// <summary>Gets its kind.</summary>
    public WiderEngagementKind Kind { get; private init; }

    /// <summary>Gets the level and forum, for <see cref="WiderEngagementKind.EngagingHigherLevels"/>; otherwise <see langword="null"/>.</summary>
    public HigherLevelEngagement? HigherLevel { get; private init; }

    /// <summary>Gets the request, for <see cref="WiderEngagementKind.RespondingToManagerialRequest"/>; otherwise <see langword="null"/>.</summary>
    public ManagerialRequest? Request { get; private init; }

    /// <summary>Gets the activity, for <see cref="WiderEngagementKind.InvolvingManagersInWiderActivities"/>; otherwise <see langword="null"/>.</summary>
    public WiderActivity? Activity { get; private init; }

    /// <summary>Gets the course, for <see cref="WiderEngagementKind.LinkingResearchToTeaching"/>; otherwise <see langword="null"/>.</summary>
    public TeachingLink? Teaching { get; private init; }

    /// <summary>Gets who took part, for which site.</summary>
    public ValueList<EngagementParticipant> Participants { get; private init; }

    /// <summary>Gets the sites involved: the recording site, then the participants' sites, each once.</summary>
    public ValueList<SiteId> Sites { get; private init; }

    /// <summary>Gets the insights it carried or drew on, oldest link first.</summary>
    public ValueList<InsightId> Insights { get; private init; }

    /// <summary>Gets the effort entries, oldest first.</summary>
    public ValueList<EffortEntry> Effort { get; private init; }

    /// <summary>Gets the person-hours of every effort entry together.</summary>
    public decimal TotalPersonHours => Effort.Sum(e => e.PersonHours);

    /// <summary>Gets the cost entries, oldest first.</summary>
    public ValueList<CostEntry> Costs { get; private init; }

    /// <summary>Gets the machine's current stage.</summary>
    public WiderEngagementStatus Status { get; private init; }

    /// <summary>Gets why it was retracted, once retracted.</summary>
    public string? RetractionReason { get; private init; }

    /// <summary>Gets the state before the first event.</summary>
    internal static WiderEngagementState Initial { get; } = new();

    /// <summary>The person-hours spent in one role, at every site.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The sum of the entries for that role; zero when none.</returns>
    public decimal PersonHoursBy(RoleKind role)
    {
        var total = 0m;
        foreach (var entry in Effort)
        {
            total += entry.Role == role ? entry.PersonHours : 0m;
        }

        return total;
    }

    /// <summary>The costs added together per currency, never converted (a total may pass <see cref="Money.MaxAmount"/>): one amount per currency, in the order the currencies first appear.</summary>
    /// <returns>The totals; empty when there is no cost.</returns>
    public ValueList<Money> CostTotals()
    {
        var totals = new List<Money>();
        foreach (var cost in Costs)
        {
            Money.AddTo(totals, cost.Amount);
        }

        return new ValueList<Money>(totals);
    }

    /// <summary>The one fold: the state after <paramref name="event"/>.</summary>
    internal WiderEngagementState Apply(IWiderEngagementEvent @event) => @event switch
    {
        WiderEngagementRecorded e => this with
        {
            Id = e.Engagement, Site = e.Site, Title = e.Title, On = e.On, Kind = e.Kind,
            HigherLevel = e.HigherLevel, Request = e.Request, Activity = e.Activity, Teaching = e.Teaching,
            Participants = e.Participants, Sites = EngagementRecording.SitesOf(e.Site, e.Participants), Insights = e.Insights,
        },
        WiderEngagementEffortAdded e => this with { Effort = Effort.Add(e.Effort) },
        WiderEngagementCostAdded e => this with { Costs = Costs.Add(e.Cost) },
        WiderEngagementInsightLinked e => this with { Insights = Insights.Add(e.Insight) },
        WiderEngagementRetracted e => this with { Status = WiderEngagementStatus.Retracted, RetractionReason = e.Reason },
        _ => throw Fold.Unknown<WiderEngagementState>(@event),
    };
}
