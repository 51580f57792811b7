namespace CoProduction.Projections;

/// <summary>
/// A named, versioned fold of the store's global feed into a read model. The projection store keeps
/// its checkpoint with the model and changes both in one atomic step, so an event is applied exactly once.
/// </summary>
/// <remarks>
/// Write one by deriving from the base class of the projection store the app uses:
/// <see cref="InMemoryProjection{TModel}"/> for the in-memory store, <c>SqliteProjection</c> for the SQLite
/// store. Raise <see cref="Version"/> whenever the fold or the model's shape changes: the runner then
/// resets the model and rebuilds it from position 0.
/// </remarks>
public interface IProjection
{
    /// <summary>Gets the projection's stable name, under which its checkpoint and parked events are kept. Renaming it rebuilds it.</summary>
    string Name { get; }

    /// <summary>Gets the version of the fold and of the model's shape; at least 1. A version the store has not seen rebuilds the model from position 0.</summary>
    int Version { get; }
}
