using System;
using NodaTime;

namespace CoProduction.Ledger;

/// <summary>What claiming an impact records: checked when built, so an invalid one cannot exist.</summary>
public sealed record ImpactRecording
{
    /// <summary>Creates the details of an impact to claim.</summary>
    /// <param name="id">The impact's id.</param>
    /// <param name="site">The site whose work it is claimed for.</param>
    /// <param name="statement">What changed; free text, not blank.</param>
    /// <param name="on">The day it was seen, or since when it holds.</param>
    /// <exception cref="ArgumentException">A default id or site, or a blank statement.</exception>
    public ImpactRecording(ImpactId id, SiteId site, string statement, LocalDate on)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Site = Preconditions.CheckId(site, nameof(site));
        Statement = Preconditions.CheckText(statement, nameof(statement));
        On = on;
    }

    /// <summary>Gets the impact's id.</summary>
    public ImpactId Id { get; }

    /// <summary>Gets the site whose work it is claimed for.</summary>
    public SiteId Site { get; }

    /// <summary>Gets what changed.</summary>
    public string Statement { get; }

    /// <summary>Gets the day it was seen, or since when it holds.</summary>
    public LocalDate On { get; }

    /// <summary>Gets what it changed: a policy, a law or a practice (instrumental), or a way of thinking (conceptual).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public required ImpactChange Change
    {
        get;
        init => field = Preconditions.CheckDefined(value, nameof(Change));
    }

    /// <summary>Gets the kind of impact, from <see cref="Change"/>.</summary>
    public ImpactKind Kind => ImpactState.KindOf(Change);

    /// <summary>Gets the level of the system where it was seen.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined level.</exception>
    public required SystemLevel Level
    {
        get;
        init => field = Preconditions.CheckDefined(value, nameof(Level));
    }

    /// <summary>Gets the evidence the claim rests on.</summary>
    /// <exception cref="ArgumentException">Set to blank text.</exception>
    public required string Evidence
    {
        get;
        init => field = Preconditions.CheckText(value, nameof(Evidence));
    }

    /// <summary>Gets who observed it, by team, office or position.</summary>
    /// <exception cref="ArgumentException">Set to a blank or padded name.</exception>
    public required string ObservedBy
    {
        get;
        init => field = Preconditions.CheckName(value, nameof(ObservedBy));
    }

    /// <summary>Gets the outputs that led to it; none twice.</summary>
    /// <exception cref="ArgumentException">A default id, or an output twice.</exception>
    public ValueList<OutputId> Outputs
    {
        get;
        init => field = Preconditions.CheckIds(value, nameof(Outputs));
    }

    /// <summary>Gets the engagements that led to it; none twice.</summary>
    /// <exception cref="ArgumentException">A default id, or an engagement twice.</exception>
    public ValueList<EngagementId> Engagements
    {
        get;
        init => field = Preconditions.CheckIds(value, nameof(Engagements));
    }

    /// <summary>Gets the insights that led to it; none twice.</summary>
    /// <exception cref="ArgumentException">A default id, or an insight twice.</exception>
    public ValueList<InsightId> Insights
    {
        get;
        init => field = Preconditions.CheckIds(value, nameof(Insights));
    }
}
