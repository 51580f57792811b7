using System;
using System.Collections.Concurrent;
using CoProduction.Events;
using CoProduction.Persistence;

namespace CoProduction.Projections;

/// <summary>One <see cref="AggregateCache{TAggregate}"/> per aggregate type, over one store: a runner's, or the command side's.</summary>
internal sealed class AggregateSource(IEventStoreReader store, EventSerializer serializer, int capacity = AggregateSource.DefaultCapacity)
{
    /// <summary>The default number of aggregates each cache keeps.</summary>
    public const int DefaultCapacity = 20_000;

    private readonly ConcurrentDictionary<Type, object> caches = new();

    /// <summary>The cache of one aggregate type.</summary>
    /// <typeparam name="TAggregate">The aggregate type.</typeparam>
    /// <returns>The cache, created on first use.</returns>
    public AggregateCache<TAggregate> Of<TAggregate>()
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
        => (AggregateCache<TAggregate>)caches.GetOrAdd(typeof(TAggregate), _ => new AggregateCache<TAggregate>(store, serializer, capacity));

    /// <summary>Forgets every cached aggregate.</summary>
    public void Clear() => caches.Clear();
}
