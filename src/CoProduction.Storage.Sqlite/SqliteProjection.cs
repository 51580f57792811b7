using CoProduction.Projections;

namespace CoProduction.Storage.Sqlite;

/// <summary>
/// A projection whose model is SQL tables in the events' own SQLite file. The <see cref="SqliteProjectionStore"/>
/// runs <see cref="Apply"/> for a batch of events and writes the checkpoint in the same transaction, so the tables
/// and the checkpoint never disagree, whatever the moment of a crash.
/// </summary>
/// <remarks>
/// Write only through the <see cref="SqliteProjectionWriter"/> handed in: it is bound to the step's transaction.
/// Queries read the tables with their own connections to the file (see <see cref="SqliteEventStoreOptions"/>).
/// </remarks>
public abstract class SqliteProjection : IProjection
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract int Version { get; }

    /// <summary>
    /// Drops what any version of the projection created and creates this version's empty tables and indexes,
    /// in the reset's transaction (with the checkpoint back to 0). Runs when the projection is first seen, when
    /// its version changes and on a rebuild.
    /// </summary>
    /// <param name="writer">Writes in the reset's transaction.</param>
    protected abstract void Reset(SqliteProjectionWriter writer);

    /// <summary>Folds one event into the tables, in the step's transaction.</summary>
    /// <param name="writer">Writes in the step's transaction.</param>
    /// <param name="e">The event; <see cref="ProjectedEvent.Deserialize"/> reads the domain event when the fold needs it.</param>
    protected abstract void Apply(SqliteProjectionWriter writer, ProjectedEvent e);

    /// <summary>Runs <see cref="Reset"/> for the projection store.</summary>
    internal void ResetIn(SqliteProjectionWriter writer) => Reset(writer);

    /// <summary>Runs <see cref="Apply"/> for the projection store.</summary>
    internal void ApplyIn(SqliteProjectionWriter writer, ProjectedEvent e) => Apply(writer, e);
}
