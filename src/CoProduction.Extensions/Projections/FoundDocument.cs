namespace CoProduction.Projections;

/// <summary>A document a query found, with the index value it was found by.</summary>
/// <param name="Key">The document's key.</param>
/// <param name="Value">The index value it was found by (its key, for a query by key).</param>
/// <param name="Document">The document.</param>
public sealed record FoundDocument(string Key, string Value, object Document);
