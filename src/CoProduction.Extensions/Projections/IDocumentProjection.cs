using System;

namespace CoProduction.Projections;

/// <summary>
/// A projection whose model is documents: one JSON document per key, with index entries that queries
/// look documents up by. The runner folds the feed into document changes, and the projection store writes
/// them with the checkpoint in one atomic step; the same projection runs on every store.
/// </summary>
/// <remarks>Derive from <see cref="DocumentProjection{TDocument}"/> or <see cref="AggregateProjection{TAggregate, TDocument}"/>.</remarks>
public interface IDocumentProjection : IProjection
{
    /// <summary>Gets the type of the projection's documents.</summary>
    Type DocumentType { get; }

    /// <summary>Writes a document as JSON, for stores that keep text.</summary>
    /// <param name="document">A document of <see cref="DocumentType"/>.</param>
    /// <returns>The JSON text.</returns>
    string Write(object document);

    /// <summary>Reads a document written by <see cref="Write"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The document.</returns>
    object Read(string json);
}
