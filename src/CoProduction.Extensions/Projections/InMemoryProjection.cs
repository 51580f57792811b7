using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>
/// A projection whose model is an immutable value in memory, for the in-memory store: each event gives a
/// new model (copy on write), and the model and its checkpoint are swapped in one reference, so a reader
/// never sees a model half-way through a batch nor a checkpoint that does not match it.
/// </summary>
/// <typeparam name="TModel">The model; immutable (records, immutable collections).</typeparam>
public abstract class InMemoryProjection<TModel> : IProjection, IInMemoryProjection
    where TModel : class
{
    private readonly TModel initial;
    private Snapshot current;

    /// <summary>Creates the projection with its empty model.</summary>
    /// <param name="initial">The model before any event: what a reset returns to.</param>
    protected InMemoryProjection(TModel initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        this.initial = initial;
        current = new Snapshot(initial, default);
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract int Version { get; }

    /// <summary>Gets the model as of <see cref="Checkpoint"/>.</summary>
    public TModel Current => Volatile.Read(ref current).Model;

    /// <summary>Gets where the model stands.</summary>
    public ProjectionCheckpoint Checkpoint => Volatile.Read(ref current).Checkpoint;

    ProjectionCheckpoint IInMemoryProjection.Apply(IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken)
    {
        var before = current;
        Check(before.Checkpoint);
        var model = before.Model;
        // Every fold here completes synchronously, so the step's task has its result already.
        var reached = ProjectionSteps.FoldAsync(
            Name,
            events,
            before.Checkpoint.Position,
            e =>
            {
                model = Apply(model, e) ?? throw new InvalidOperationException($"Projection '{Name}' returned no model.");
                return ValueTask.CompletedTask;
            },
            static _ => true,
            cancellationToken).GetAwaiter().GetResult();

        return Publish(new Snapshot(model, new ProjectionCheckpoint(Version, reached)));
    }

    ProjectionCheckpoint IInMemoryProjection.Skip(long position)
    {
        var before = current;
        Check(before.Checkpoint);
        return position <= before.Checkpoint.Position
            ? before.Checkpoint
            : Publish(before with { Checkpoint = new ProjectionCheckpoint(Version, position) });
    }

    void IInMemoryProjection.Reset() => Publish(new Snapshot(initial, new ProjectionCheckpoint(Version, 0)));

    /// <summary>Folds one event into the model.</summary>
    /// <param name="model">The model so far; never changed.</param>
    /// <param name="e">The event; <see cref="ProjectedEvent.Deserialize"/> reads the domain event when the fold needs it.</param>
    /// <returns>The model with the event applied (the same instance when the event does not concern it).</returns>
    protected abstract TModel Apply(TModel model, ProjectedEvent e);

    private void Check(ProjectionCheckpoint checkpoint)
    {
        if (checkpoint.Version != Version)
        {
            throw ProjectionArguments.VersionMismatch(this, checkpoint.Version);
        }
    }

    private ProjectionCheckpoint Publish(Snapshot next)
    {
        Volatile.Write(ref current, next);
        return next.Checkpoint;
    }

    private sealed record Snapshot(TModel Model, ProjectionCheckpoint Checkpoint);
}

/// <summary>What the in-memory projection store asks of an in-memory projection; called under the store's lock.</summary>
internal interface IInMemoryProjection : IProjection
{
    ProjectionCheckpoint Checkpoint { get; }

    ProjectionCheckpoint Apply(IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken);

    ProjectionCheckpoint Skip(long position);

    void Reset();
}
