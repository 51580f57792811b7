namespace CoProduction.Ledger;

/// <summary>A member who took part in an engagement, and the site they took part for. Checked when built.</summary>
public sealed record EngagementParticipant
{
    /// <summary>Creates a participant.</summary>
    /// <param name="member">The member.</param>
    /// <param name="site">The site they belong to: one of the engagement's sites.</param>
    /// <exception cref="System.ArgumentException">A default member or site.</exception>
    public EngagementParticipant(MemberId member, SiteId site)
    {
        Member = Preconditions.CheckId(member, nameof(member));
        Site = Preconditions.CheckId(site, nameof(site));
    }

    /// <summary>Gets the member.</summary>
    public MemberId Member { get; }

    /// <summary>Gets the site they took part for.</summary>
    public SiteId Site { get; }
}
