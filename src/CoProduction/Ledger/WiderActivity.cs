namespace CoProduction.Ledger;

/// <summary>A wider activity the site's managers were involved in: its kind and its name. Checked when built.</summary>
public sealed record WiderActivity
{
    /// <summary>Creates the details of a wider activity.</summary>
    /// <param name="kind">A conference, a short course, an exchange visit or an award nomination.</param>
    /// <param name="name">Which one (for example "5th Global Symposium on Health Systems Research"); a name, not blank or padded.</param>
    /// <exception cref="System.ArgumentException">An undefined kind, or a blank or padded name.</exception>
    public WiderActivity(WiderActivityKind kind, string name)
    {
        Kind = Preconditions.CheckDefined(kind, nameof(kind));
        Name = Preconditions.CheckName(name, nameof(name));
    }

    /// <summary>Gets the kind of activity.</summary>
    public WiderActivityKind Kind { get; }

    /// <summary>Gets which one.</summary>
    public string Name { get; }
}
