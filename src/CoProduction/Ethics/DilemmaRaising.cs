using CoProduction.Protocols;

namespace CoProduction.Ethics;

/// <summary>What raising an ethical dilemma records: checked when built, so an invalid one cannot exist.</summary>
public sealed record DilemmaRaising
{
    /// <summary>Creates the details of a dilemma to raise.</summary>
    /// <param name="id">The dilemma's id.</param>
    /// <param name="site">Where it arose.</param>
    /// <param name="description">What the dilemma is; free text, not blank.</param>
    /// <exception cref="System.ArgumentException">A default id or a blank description.</exception>
    public DilemmaRaising(DilemmaId id, SiteId site, string description)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Site = Preconditions.CheckId(site, nameof(site));
        Description = Preconditions.CheckText(description, nameof(description));
    }

    /// <summary>Gets the dilemma's id.</summary>
    public DilemmaId Id { get; }

    /// <summary>Gets where it arose.</summary>
    public SiteId Site { get; }

    /// <summary>Gets what the dilemma is.</summary>
    public string Description { get; }

    /// <summary>Gets the protocol concerned, if any.</summary>
    /// <exception cref="System.ArgumentException">Set to a default id.</exception>
    public ProtocolId? Protocol
    {
        get;
        init => field = Preconditions.CheckOptionalId(value, nameof(Protocol));
    }
}
