using NodaTime;

namespace CoProduction.Ledger;

/// <summary>What recording an output records: checked when built, so an invalid one cannot exist.</summary>
public sealed record OutputRecording
{
    /// <summary>Creates the details of an output to record.</summary>
    /// <param name="id">The output's id.</param>
    /// <param name="site">The site it belongs to.</param>
    /// <param name="kind">A paper, a teaching case, a presentation, a policy brief or a curriculum.</param>
    /// <param name="title">Its title; a name, not blank or padded.</param>
    /// <param name="on">The day it was published or presented.</param>
    /// <exception cref="System.ArgumentException">A default id or site, an undefined kind, or a blank or padded title.</exception>
    public OutputRecording(OutputId id, SiteId site, OutputKind kind, string title, LocalDate on)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Site = Preconditions.CheckId(site, nameof(site));
        Kind = Preconditions.CheckDefined(kind, nameof(kind));
        Title = Preconditions.CheckName(title, nameof(title));
        On = on;
    }

    /// <summary>Gets the output's id.</summary>
    public OutputId Id { get; }

    /// <summary>Gets the site it belongs to.</summary>
    public SiteId Site { get; }

    /// <summary>Gets its kind.</summary>
    public OutputKind Kind { get; }

    /// <summary>Gets its title.</summary>
    public string Title { get; }

    /// <summary>Gets the day it was published or presented.</summary>
    public LocalDate On { get; }

    /// <summary>Gets its authors, in the order given, each with the role they wrote in: at least one, none twice.</summary>
    /// <exception cref="System.ArgumentException">Set to no author, a null one, or a member twice.</exception>
    public required ValueList<OutputAuthor> Authors
    {
        get;
        init
        {
            if (value.IsEmpty)
            {
                throw new System.ArgumentException("An output names at least one author.", nameof(Authors));
            }

            foreach (var author in value)
            {
                System.ArgumentNullException.ThrowIfNull(author, nameof(Authors));
            }

            field = Preconditions.CheckDistinctBy(value, static a => a.Member, nameof(Authors));
        }
    }

    /// <summary>Gets where it was published or presented (a journal, a symposium); <see langword="null"/> when not given.</summary>
    /// <exception cref="System.ArgumentException">Set to a blank or padded name.</exception>
    public string? Venue
    {
        get;
        init => field = Preconditions.CheckOptionalName(value, nameof(Venue));
    }

    /// <summary>Gets the insights it draws on; none twice.</summary>
    /// <exception cref="System.ArgumentException">A default id, or an insight twice.</exception>
    public ValueList<InsightId> Insights
    {
        get;
        init => field = Preconditions.CheckIds(value, nameof(Insights));
    }
}
