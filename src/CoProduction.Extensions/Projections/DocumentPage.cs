using System.Collections.Generic;

namespace CoProduction.Projections;

/// <summary>A page of documents, in index order, and where the next page starts.</summary>
/// <typeparam name="TDocument">The documents' type.</typeparam>
/// <param name="Items">The documents of the page.</param>
/// <param name="Next">Pass it as <c>after</c> for the next page; <see langword="null"/> when this page is the last.</param>
public sealed record DocumentPage<TDocument>(IReadOnlyList<TDocument> Items, DocumentCursor? Next);
