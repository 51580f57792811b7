using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CoProduction.Projections;

/// <summary>
/// Keeps <see cref="InMemoryProjection{TModel}"/> models and the parked events in memory: right with the
/// in-memory event store, lost with the process. Each step runs under one lock and publishes the model and
/// its checkpoint as one reference.
/// </summary>
public sealed class InMemoryProjectionStore : IProjectionStore, IParkedEventStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SortedDictionary<long, ParkedEvent>> parked = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask<ProjectionCheckpoint> GetCheckpointAsync(IProjection projection, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Require(projection).Checkpoint);

    /// <inheritdoc/>
    public ValueTask<ProjectionCheckpoint> ApplyAsync(IProjection projection, IReadOnlyList<ProjectedEvent> events, CancellationToken cancellationToken = default)
    {
        var model = Require(projection);
        ProjectionArguments.CheckBatch(events);
        lock (gate)
        {
            return ValueTask.FromResult(model.Apply(events, cancellationToken));
        }
    }

    /// <inheritdoc/>
    public ValueTask<ProjectionCheckpoint> SkipAsync(IProjection projection, ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        var model = Require(projection);
        ProjectionArguments.CheckParked(parked, projection.Name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var before = model.Checkpoint;
            var after = model.Skip(parked.Position);
            if (after.Position > before.Position)
            {
                Park(parked);
            }

            return ValueTask.FromResult(after);
        }
    }

    /// <inheritdoc/>
    public ValueTask ResetAsync(IProjection projection, CancellationToken cancellationToken = default)
    {
        var model = Require(projection);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            model.Reset();
            parked.Remove(projection.Name);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask ParkAsync(ParkedEvent parked, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckParked(parked);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            Park(parked);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ParkedEvent>> ListAsync(string subscriber, long afterPosition = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckSubscriber(subscriber, nameof(subscriber));
        ProjectionArguments.CheckPage(afterPosition, limit);
        lock (gate)
        {
            IReadOnlyList<ParkedEvent> page = parked.TryGetValue(subscriber, out var entries)
                ? [.. entries.Values.Where(p => p.Position > afterPosition).Take(limit)]
                : [];
            return ValueTask.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyDictionary<string, long>> CountAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyDictionary<string, long> counts = parked.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => (long)p.Value.Count, StringComparer.Ordinal);
            return ValueTask.FromResult(counts);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> RemoveAsync(string subscriber, long position, CancellationToken cancellationToken = default)
    {
        ProjectionArguments.CheckSubscriber(subscriber, nameof(subscriber));
        lock (gate)
        {
            return ValueTask.FromResult(parked.TryGetValue(subscriber, out var entries) && entries.Remove(position));
        }
    }

    private static IInMemoryProjection Require(IProjection projection)
    {
        ProjectionArguments.CheckProjection(projection);
        return projection as IInMemoryProjection ?? throw new NotSupportedException(
            $"Projection '{projection.Name}' ({projection.GetType().Name}) does not keep its model in memory; the in-memory projection store keeps InMemoryProjection<TModel> models only. Use the projection store of the model's kind (for SQL tables, UseSqliteStore).");
    }

    private void Park(ParkedEvent entry)
    {
        if (!parked.TryGetValue(entry.Subscriber, out var entries))
        {
            entries = [];
            parked.Add(entry.Subscriber, entries);
        }

        entries[entry.Position] = entry;
    }
}
