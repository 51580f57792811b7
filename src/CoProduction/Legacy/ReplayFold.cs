namespace CoProduction.Events;

/// <summary>
/// A fold used only to replay a stored history: it applies events one by one, checking each
/// against the aggregate's transition table, and builds the immutable state once at the end.
/// </summary>
/// <remarks>See <see cref="AggregateRoot{TId, TState, TEvent}"/>'s <c>CreateReplayFold</c>.</remarks>
/// <typeparam name="TState">The aggregate's immutable state.</typeparam>
/// <typeparam name="TEvent">The aggregate's event base type.</typeparam>
internal abstract class ReplayFold<TState, TEvent>
    where TState : class
    where TEvent : class, IDomainEvent
{
    /// <summary>Applies one event, after checking it against the machine's transition table.</summary>
    /// <param name="event">The next event of the history.</param>
    /// <returns><see langword="null"/> when the event fits; otherwise what is wrong, as a sentence (nothing is applied).</returns>
    public abstract string? Apply(TEvent @event);

    /// <summary>Builds the immutable state of everything applied so far.</summary>
    /// <returns>The state: equal to folding the same events with the aggregate's <c>Apply</c>.</returns>
    public abstract TState ToState();
}
