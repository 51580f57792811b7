using System.Threading;
using System.Threading.Tasks;
using CoProduction.Projections;

namespace CoProduction.Storage.PostgreSql;

/// <summary>
/// A projection whose model is SQL tables in the store's own PostgreSQL schema. The <see cref="PostgreSqlProjectionStore"/>
/// runs <see cref="ApplyAsync"/> for a batch of events and writes the checkpoint in the same transaction, under the
/// projection's advisory lock, so the tables and the checkpoint never disagree and instances projecting at once apply
/// each step once.
/// </summary>
/// <remarks>
/// Write only through the <see cref="PostgreSqlProjectionWriter"/> handed in: it is bound to the step's transaction, whose
/// <c>search_path</c> is the store's schema, so unqualified table names are the schema's. Queries read the tables with
/// their own connections, naming the schema (<see cref="PostgreSqlStoreOptions.Schema"/>).
/// </remarks>
public abstract class PostgreSqlProjection : IProjection
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract int Version { get; }

    /// <summary>
    /// Drops what any version of the projection created and creates this version's empty tables and indexes, in the
    /// reset's transaction (with the checkpoint back to 0). Runs when the projection is first seen, when its version
    /// changes and on a rebuild.
    /// </summary>
    /// <param name="writer">Writes in the reset's transaction.</param>
    /// <param name="cancellationToken">Cancels the reset; nothing of it is committed.</param>
    /// <returns>A task that completes when the tables are reset.</returns>
    protected abstract ValueTask ResetAsync(PostgreSqlProjectionWriter writer, CancellationToken cancellationToken);

    /// <summary>Folds one event into the tables, in the step's transaction.</summary>
    /// <param name="writer">Writes in the step's transaction.</param>
    /// <param name="e">The event; <see cref="ProjectedEvent.Deserialize"/> reads the domain event when the fold needs it.</param>
    /// <param name="cancellationToken">Cancels the step; nothing of it is committed.</param>
    /// <returns>A task that completes when the event is folded.</returns>
    protected abstract ValueTask ApplyAsync(PostgreSqlProjectionWriter writer, ProjectedEvent e, CancellationToken cancellationToken);

    /// <summary>Runs <see cref="ResetAsync"/> for the projection store.</summary>
    internal ValueTask ResetIn(PostgreSqlProjectionWriter writer, CancellationToken cancellationToken) => ResetAsync(writer, cancellationToken);

    /// <summary>Runs <see cref="ApplyAsync"/> for the projection store.</summary>
    internal ValueTask ApplyIn(PostgreSqlProjectionWriter writer, ProjectedEvent e, CancellationToken cancellationToken) => ApplyAsync(writer, e, cancellationToken);
}
