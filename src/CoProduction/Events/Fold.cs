using System;

namespace CoProduction.Events;

/// <summary>The one way a fold refuses an event that is not one of its aggregate's.</summary>
internal static class Fold
{
    /// <summary>The error for an event the fold of <typeparamref name="TState"/> does not know.</summary>
    internal static ArgumentException Unknown<TState>(IDomainEvent @event)
        => new($"{@event?.GetType().Name ?? "null"} is not an event that {typeof(TState).Name} folds.", nameof(@event));
}
