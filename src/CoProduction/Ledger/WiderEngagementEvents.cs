using CoProduction.Events;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>An event in a wider engagement's history.</summary>
public interface IWiderEngagementEvent : IDomainEvent
{
}

/// <summary>A wider engagement (one of the activities of the paper's Table 2) was recorded.</summary>
/// <param name="Engagement">The engagement's id.</param>
/// <param name="Site">The site that recorded it.</param>
/// <param name="Title">What the engagement was.</param>
/// <param name="On">The day it happened.</param>
/// <param name="Kind">Its kind; the one matching details below are set, the others are null.</param>
/// <param name="HigherLevel">The level and forum, for <see cref="WiderEngagementKind.EngagingHigherLevels"/>.</param>
/// <param name="Request">The request, for <see cref="WiderEngagementKind.RespondingToManagerialRequest"/>.</param>
/// <param name="Activity">The activity, for <see cref="WiderEngagementKind.InvolvingManagersInWiderActivities"/>.</param>
/// <param name="Teaching">The course, for <see cref="WiderEngagementKind.LinkingResearchToTeaching"/>.</param>
/// <param name="Participants">Who took part, for which site.</param>
/// <param name="Insights">The insights it carried or drew on.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("engagement.recorded")]
public sealed record WiderEngagementRecorded(
    EngagementId Engagement,
    SiteId Site,
    string Title,
    LocalDate On,
    WiderEngagementKind Kind,
    HigherLevelEngagement? HigherLevel,
    ManagerialRequest? Request,
    WiderActivity? Activity,
    TeachingLink? Teaching,
    ValueList<EngagementParticipant> Participants,
    ValueList<InsightId> Insights,
    Instant At,
    Actor By) : IWiderEngagementEvent;

/// <summary>Effort was added to a wider engagement.</summary>
/// <param name="Effort">The person-hours, by site and role.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("engagement.effort-added")]
public sealed record WiderEngagementEffortAdded(EffortEntry Effort, Instant At, Actor By) : IWiderEngagementEvent;

/// <summary>A cost was added to a wider engagement.</summary>
/// <param name="Cost">The item, its site and its amount.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("engagement.cost-added")]
public sealed record WiderEngagementCostAdded(CostEntry Cost, Instant At, Actor By) : IWiderEngagementEvent;

/// <summary>A wider engagement was linked to an insight it carried or drew on.</summary>
/// <param name="Insight">The insight.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("engagement.insight-linked")]
public sealed record WiderEngagementInsightLinked(InsightId Insight, Instant At, Actor By) : IWiderEngagementEvent;

/// <summary>A wider engagement was retracted.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("engagement.retracted")]
public sealed record WiderEngagementRetracted(string Reason, Instant At, Actor By) : IWiderEngagementEvent;
