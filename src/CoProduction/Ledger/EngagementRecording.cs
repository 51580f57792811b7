using System;
using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>
/// What recording a wider engagement records: checked when built, so an invalid one cannot exist.
/// One constructor per kind of the paper's Table 2, each taking that kind's details.
/// </summary>
public sealed record EngagementRecording
{
    /// <summary>Creates the details of an engagement with higher levels of the system.</summary>
    /// <param name="id">The engagement's id.</param>
    /// <param name="site">The site that records it.</param>
    /// <param name="title">What the engagement was; a name, not blank or padded.</param>
    /// <param name="on">The day it happened (the first day, when it ran longer).</param>
    /// <param name="higherLevel">The level and forum engaged.</param>
    /// <exception cref="ArgumentException">A default id or site, or a blank or padded title.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="higherLevel"/> is null.</exception>
    public EngagementRecording(EngagementId id, SiteId site, string title, LocalDate on, HigherLevelEngagement higherLevel)
        : this(id, site, title, on, WiderEngagementKind.EngagingHigherLevels)
        => HigherLevel = higherLevel ?? throw new ArgumentNullException(nameof(higherLevel));

    /// <summary>Creates the details of a response to a managerial request for support.</summary>
    /// <param name="id">The engagement's id.</param>
    /// <param name="site">The site that records it.</param>
    /// <param name="title">What the engagement was; a name, not blank or padded.</param>
    /// <param name="on">The day it happened (the first day, when it ran longer).</param>
    /// <param name="request">Who asked, how, what, and what came of it.</param>
    /// <exception cref="ArgumentException">A default id or site, or a blank or padded title.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public EngagementRecording(EngagementId id, SiteId site, string title, LocalDate on, ManagerialRequest request)
        : this(id, site, title, on, WiderEngagementKind.RespondingToManagerialRequest)
        => Request = request ?? throw new ArgumentNullException(nameof(request));

    /// <summary>Creates the details of involving the site's managers in a wider activity.</summary>
    /// <param name="id">The engagement's id.</param>
    /// <param name="site">The site that records it.</param>
    /// <param name="title">What the engagement was; a name, not blank or padded.</param>
    /// <param name="on">The day it happened (the first day, when it ran longer).</param>
    /// <param name="activity">The conference, short course, exchange visit or award nomination.</param>
    /// <exception cref="ArgumentException">A default id or site, or a blank or padded title.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="activity"/> is null.</exception>
    public EngagementRecording(EngagementId id, SiteId site, string title, LocalDate on, WiderActivity activity)
        : this(id, site, title, on, WiderEngagementKind.InvolvingManagersInWiderActivities)
        => Activity = activity ?? throw new ArgumentNullException(nameof(activity));

    /// <summary>Creates the details of linking research to teaching.</summary>
    /// <param name="id">The engagement's id.</param>
    /// <param name="site">The site that records it.</param>
    /// <param name="title">What the engagement was; a name, not blank or padded.</param>
    /// <param name="on">The day it happened (the first day, when it ran longer).</param>
    /// <param name="teaching">The course, its institution and its audience.</param>
    /// <exception cref="ArgumentException">A default id or site, or a blank or padded title.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="teaching"/> is null.</exception>
    public EngagementRecording(EngagementId id, SiteId site, string title, LocalDate on, TeachingLink teaching)
        : this(id, site, title, on, WiderEngagementKind.LinkingResearchToTeaching)
        => Teaching = teaching ?? throw new ArgumentNullException(nameof(teaching));

    private EngagementRecording(EngagementId id, SiteId site, string title, LocalDate on, WiderEngagementKind kind)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Site = Preconditions.CheckId(site, nameof(site));
        Title = Preconditions.CheckName(title, nameof(title));
        On = on;
        Kind = kind;
    }

    /// <summary>Gets the engagement's id.</summary>
    public EngagementId Id { get; }

    /// <summary>Gets the site that records it.</summary>
    public SiteId Site { get; }

    /// <summary>Gets what the engagement was.</summary>
    public string Title { get; }

    /// <summary>Gets the day it happened.</summary>
    public LocalDate On { get; }

    /// <summary>Gets its kind, set by the constructor used.</summary>
    public WiderEngagementKind Kind { get; }

    /// <summary>Gets the level and forum, for <see cref="WiderEngagementKind.EngagingHigherLevels"/>; otherwise <see langword="null"/>.</summary>
    public HigherLevelEngagement? HigherLevel { get; }

    /// <summary>Gets the request, for <see cref="WiderEngagementKind.RespondingToManagerialRequest"/>; otherwise <see langword="null"/>.</summary>
    public ManagerialRequest? Request { get; }

    /// <summary>Gets the activity, for <see cref="WiderEngagementKind.InvolvingManagersInWiderActivities"/>; otherwise <see langword="null"/>.</summary>
    public WiderActivity? Activity { get; }

    /// <summary>Gets the course, for <see cref="WiderEngagementKind.LinkingResearchToTeaching"/>; otherwise <see langword="null"/>.</summary>
    public TeachingLink? Teaching { get; }

    /// <summary>Gets who took part, members of one or several sites: at least one, none twice.</summary>
    /// <exception cref="ArgumentException">Set to no participant, a null one, or a member twice.</exception>
    public required ValueList<EngagementParticipant> Participants
    {
        get;
        init
        {
            if (value.IsEmpty)
            {
                throw new ArgumentException("An engagement names at least one participant: who took part.", nameof(Participants));
            }

            foreach (var participant in value)
            {
                ArgumentNullException.ThrowIfNull(participant, nameof(Participants));
            }

            field = Preconditions.CheckDistinctBy(value, static p => p.Member, nameof(Participants));
        }
    }

    /// <summary>Gets the sites involved: the recording site, then the sites of the participants, each once.</summary>
    public ValueList<SiteId> Sites => SitesOf(Site, Participants);

    /// <summary>Gets the insights the engagement carried or drew on; none twice.</summary>
    /// <exception cref="ArgumentException">A default id, or an insight twice.</exception>
    public ValueList<InsightId> Insights
    {
        get;
        init => field = Preconditions.CheckIds(value, nameof(Insights));
    }

    /// <summary>The recording site, then the participants' sites, each once.</summary>
    internal static ValueList<SiteId> SitesOf(SiteId site, ValueList<EngagementParticipant> participants)
    {
        var sites = new List<SiteId> { site };
        foreach (var participant in participants)
        {
            if (!sites.Contains(participant.Site))
            {
                sites.Add(participant.Site);
            }
        }

        return new ValueList<SiteId>(sites);
    }
}
