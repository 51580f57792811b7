namespace CoProduction.Projections;

/// <summary>The index values a query reads, both bounds inclusive, compared as ordinal text.</summary>
/// <param name="From">The lowest value.</param>
/// <param name="To">The highest value.</param>
public readonly record struct DocumentRange(string From, string To)
{
    /// <summary>The highest value a range reaches: above every value the helpers of <see cref="DocumentIndexEntry"/> build.</summary>
    public const string Highest = "\uFFFF";

    /// <summary>Every value of the index.</summary>
    public static DocumentRange All { get; } = new(string.Empty, Highest);

    /// <summary>One value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The range.</returns>
    public static DocumentRange Equal(string value) => new(value, value);

    /// <summary>
    /// Every composite value whose leading parts are exactly these, for example every stage of one site: the parts are
    /// matched whole, so site <c>kilifi</c> does not match <c>kilifi-2</c>.
    /// </summary>
    /// <param name="parts">The leading parts; the values read have at least one part more.</param>
    /// <returns>The range.</returns>
    public static DocumentRange StartingWith(params System.ReadOnlySpan<string> parts)
    {
        var prefix = DocumentIndexEntry.Compose(parts) + DocumentIndexEntry.Separator;
        return new(prefix, prefix + Highest);
    }

    /// <summary>Every value from one to another, inclusive.</summary>
    /// <param name="from">The lowest value.</param>
    /// <param name="to">The highest value.</param>
    /// <returns>The range.</returns>
    public static DocumentRange Between(string from, string to) => new(from, to);

    /// <summary>Every value up to one, inclusive.</summary>
    /// <param name="to">The highest value.</param>
    /// <returns>The range.</returns>
    public static DocumentRange UpTo(string to) => new(string.Empty, to);
}
