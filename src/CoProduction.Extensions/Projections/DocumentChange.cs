using System.Collections.Generic;

namespace CoProduction.Projections;

/// <summary>A document a step writes or removes, with its index entries.</summary>
/// <param name="Key">The document's key.</param>
/// <param name="Document">The document; <see langword="null"/> removes it.</param>
/// <param name="Index">The document's index entries, replacing the ones it had; empty when removed.</param>
public sealed record DocumentChange(string Key, object? Document, IReadOnlyList<DocumentIndexEntry> Index);
