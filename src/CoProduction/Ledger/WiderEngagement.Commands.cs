namespace CoProduction.Ledger;

/// <content>The wider engagement's commands: check the inputs, go through the pipeline, record one event.</content>
public sealed partial class WiderEngagement
{
    /// <summary>Adds effort the engagement took: person-hours spent by people in one role, for one of its sites.</summary>
    /// <param name="effort">The site, the role and the person-hours; entries add up, so the same role may appear again.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="effort"/> is null.</exception>
    /// <exception cref="System.ArgumentException">A stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Retracted, a site not involved in the engagement, or dated before the latest event.</exception>
    public void AddEffort(EffortEntry effort, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(effort);
        Decide(Machine, State, WiderEngagementTrigger.AddEffort, stamp);
        RequireSite(effort.Site, WiderEngagementTrigger.AddEffort, "effort");
        Record(new WiderEngagementEffortAdded(effort, stamp.At, stamp.By));
    }

    /// <summary>Adds what the engagement cost, for one of its sites, in the currency it was paid in.</summary>
    /// <param name="cost">The site, the item and the amount; amounts in different currencies are kept apart.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="cost"/> is null.</exception>
    /// <exception cref="System.ArgumentException">A stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Retracted, a site not involved in the engagement, or dated before the latest event.</exception>
    public void AddCost(CostEntry cost, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(cost);
        Decide(Machine, State, WiderEngagementTrigger.AddCost, stamp);
        RequireSite(cost.Site, WiderEngagementTrigger.AddCost, "a cost");
        Record(new WiderEngagementCostAdded(cost, stamp.At, stamp.By));
    }

    /// <summary>Links an insight the engagement carried or drew on.</summary>
    /// <param name="insight">The insight; each is linked once.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A default insight id, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Retracted, the insight already linked, or dated before the latest event.</exception>
    public void LinkInsight(InsightId insight, Stamp stamp)
    {
        Preconditions.CheckId(insight, nameof(insight));
        Decide(Machine, State, WiderEngagementTrigger.LinkInsight, stamp);
        if (State.Insights.Contains(insight))
        {
            throw Refuse(Machine, State, WiderEngagementTrigger.LinkInsight, $"{Description} is already linked to insight '{insight}': a link is recorded once");
        }

        Record(new WiderEngagementInsightLinked(insight, stamp.At, stamp.By));
    }

    /// <summary>Retracts the engagement: it stays on the trail, but no effort, cost or link is added.</summary>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="System.ArgumentException">A blank reason, or a stamp naming no actor.</exception>
    /// <exception cref="CommandRejectedException">Already retracted, or dated before the latest event.</exception>
    public void Retract(string reason, Stamp stamp)
    {
        Preconditions.CheckText(reason, nameof(reason));
        Decide(Machine, State, WiderEngagementTrigger.Retract, stamp);
        Record(new WiderEngagementRetracted(reason, stamp.At, stamp.By));
    }

    private void RequireSite(SiteId site, WiderEngagementTrigger trigger, string what)
    {
        if (!State.Sites.Contains(site))
        {
            throw Refuse(Machine, State, trigger, $"site '{site}' is not involved in {Description} (its sites: {string.Join(", ", State.Sites)}): record {what} for one of the sites its participants belong to");
        }
    }
}
