using System.Collections.Generic;

namespace CoProduction.Projections;

/// <summary>One projection's step among several committed together (<see cref="IDocumentStore.CommitStepsAsync"/>).</summary>
/// <param name="Projection">The projection; its model must have been built by its current version.</param>
/// <param name="ExpectedPosition">The checkpoint the changes were folded from.</param>
/// <param name="Changes">The documents written or removed; a key at most once.</param>
/// <param name="Position">The new checkpoint; after <paramref name="ExpectedPosition"/>.</param>
public sealed record DocumentCommit(IDocumentProjection Projection, long ExpectedPosition, IReadOnlyList<DocumentChange> Changes, long Position);
