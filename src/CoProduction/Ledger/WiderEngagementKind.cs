namespace CoProduction.Ledger;

/// <summary>The kinds of wider engagement the paper's Table 2 lists: the activities that extend and deepen the learning.</summary>
public enum WiderEngagementKind
{
    /// <summary>Engaging higher levels of the system: a forum at a sub-district, district or county, provincial, national or global level (see <see cref="HigherLevelEngagement"/>).</summary>
    EngagingHigherLevels,

    /// <summary>Responding to a managerial request for support, formal or informal (see <see cref="ManagerialRequest"/>).</summary>
    RespondingToManagerialRequest,

    /// <summary>Involving the site's managers in wider activities: a conference, a short course, an exchange visit, an award nomination (see <see cref="WiderActivity"/>).</summary>
    InvolvingManagersInWiderActivities,

    /// <summary>Linking research to teaching: a course of an institution, for an audience (see <see cref="TeachingLink"/>).</summary>
    LinkingResearchToTeaching,
}
