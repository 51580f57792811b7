namespace CoProduction.Projections;

/// <summary>Where a page of a query ended: the next page starts after this index value and key.</summary>
/// <param name="Value">The index value of the page's last document (its key, for a query by key).</param>
/// <param name="Key">The page's last document's key.</param>
public sealed record DocumentCursor(string Value, string Key);
