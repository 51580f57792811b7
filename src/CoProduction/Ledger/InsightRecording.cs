using NodaTime;

namespace CoProduction.Ledger;

/// <summary>What recording an insight records: checked when built, so an invalid one cannot exist.</summary>
public sealed record InsightRecording
{
    /// <summary>Creates the details of an insight to record.</summary>
    /// <param name="id">The insight's id.</param>
    /// <param name="site">The site it belongs to.</param>
    /// <param name="statement">What was learnt; free text, not blank.</param>
    /// <param name="on">The day it was learnt.</param>
    /// <exception cref="System.ArgumentException">A default id or a blank statement.</exception>
    public InsightRecording(InsightId id, SiteId site, string statement, LocalDate on)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Site = Preconditions.CheckId(site, nameof(site));
        Statement = Preconditions.CheckText(statement, nameof(statement));
        On = on;
    }

    /// <summary>Gets the insight's id.</summary>
    public InsightId Id { get; }

    /// <summary>Gets the site it belongs to.</summary>
    public SiteId Site { get; }

    /// <summary>Gets what was learnt.</summary>
    public string Statement { get; }

    /// <summary>Gets the day it was learnt.</summary>
    public LocalDate On { get; }

    /// <summary>Gets who learnt it: at least one member, none twice.</summary>
    /// <exception cref="System.ArgumentException">Set to no author, a default id, or an author twice.</exception>
    public required ValueList<MemberId> Authors
    {
        get;
        init
        {
            if (value.IsEmpty)
            {
                throw new System.ArgumentException("An insight names at least one author: who learnt it.", nameof(Authors));
            }

            foreach (var author in value)
            {
                Preconditions.CheckId(author, nameof(Authors));
            }

            field = Preconditions.CheckDistinct(Preconditions.CheckCount(value, nameof(Authors)), nameof(Authors));
        }
    }

    /// <summary>Gets where it was learnt.</summary>
    /// <exception cref="System.ArgumentOutOfRangeException">Set to an undefined kind.</exception>
    public required InsightSourceKind Source
    {
        get;
        init => field = Preconditions.CheckDefined(value, nameof(Source));
    }

    /// <summary>Gets which meeting, cycle or observation, as the team names it.</summary>
    /// <exception cref="System.ArgumentException">Set to a blank or padded name.</exception>
    public required string SourceReference
    {
        get;
        init => field = Preconditions.CheckName(value, nameof(SourceReference));
    }

    /// <summary>Gets its themes; none twice.</summary>
    /// <exception cref="System.ArgumentException">A blank or padded theme, or a theme twice.</exception>
    public ValueList<string> Themes
    {
        get;
        init => field = Preconditions.CheckDistinct(Preconditions.CheckNames(value, nameof(Themes)), nameof(Themes));
    }

    /// <summary>Gets the earlier insights it builds on; none twice, never itself.</summary>
    /// <exception cref="System.ArgumentException">A default id, an insight twice, or the insight itself.</exception>
    public ValueList<InsightId> BuildsOn
    {
        get;
        init
        {
            foreach (var earlier in value)
            {
                Preconditions.CheckId(earlier, nameof(BuildsOn));
            }

            if (value.Contains(Id))
            {
                throw new System.ArgumentException($"Insight '{Id}' cannot build on itself: name the earlier insights it builds on.", nameof(BuildsOn));
            }

            field = Preconditions.CheckDistinct(Preconditions.CheckCount(value, nameof(BuildsOn)), nameof(BuildsOn));
        }
    }
}
