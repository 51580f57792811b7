namespace CoProduction.Ledger;

/// <summary>What an engagement with higher levels of the system reached: the level and the forum. Checked when built.</summary>
public sealed record HigherLevelEngagement
{
    /// <summary>Creates the details of an engagement with higher levels of the system.</summary>
    /// <param name="level">The level of the system engaged.</param>
    /// <param name="forum">Where, as the team names it (for example "national health sector planning thematic working group"); a name, not blank or padded.</param>
    /// <exception cref="System.ArgumentException">An undefined level, or a blank or padded forum.</exception>
    public HigherLevelEngagement(SystemLevel level, string forum)
    {
        Level = Preconditions.CheckDefined(level, nameof(level));
        Forum = Preconditions.CheckName(forum, nameof(forum));
    }

    /// <summary>Gets the level of the system engaged.</summary>
    public SystemLevel Level { get; }

    /// <summary>Gets where, as the team names it.</summary>
    public string Forum { get; }
}
