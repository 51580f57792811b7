using System;
using System.Collections.Generic;

namespace CoProduction.Events;

/// <summary>TEMPORARY during the migration to the one aggregate shape; deleted when the last aggregate moves.
/// The base of every event-sourced aggregate: an id, an immutable state folded from events, the
/// ordered history, and the events not yet saved.
/// </summary>
/// <remarks>
/// Subclasses decide a command (using their machine to check the trigger and guards), then call
/// <see cref="Record"/> with the resulting event; nothing else changes state. A command that is
/// rejected must throw before calling <see cref="Record"/>, so it changes nothing.
/// </remarks>
/// <typeparam name="TId">The aggregate's identifier.</typeparam>
/// <typeparam name="TState">The immutable state record.</typeparam>
/// <typeparam name="TEvent">The aggregate's event base type.</typeparam>
public abstract class LegacyAggregateRoot<TId, TState, TEvent> : IEventSourcedAggregate, IHistoryCommitter
    where TId : struct, IStringId<TId>
    where TState : class
    where TEvent : class, IDomainEvent
{
    private const int HistoryHeadroom = 4;

    private readonly List<TEvent> history;
    private int committed;

    /// <summary>Creates an aggregate with no history yet.</summary>
    /// <param name="id">The aggregate's id.</param>
    /// <param name="initialState">The state before the first event.</param>
    protected LegacyAggregateRoot(TId id, TState initialState)
    {
        Id = id;
        State = initialState ?? throw new ArgumentNullException(nameof(initialState));
        history = new List<TEvent>(2 * HistoryHeadroom);
    }

    /// <summary>Gets the aggregate's id.</summary>
    public TId Id { get; }

    /// <summary>Gets the current state: the fold of <see cref="History"/>.</summary>
    public TState State { get; private set; }

    /// <summary>Gets every event of the aggregate, oldest first, including those not yet saved.</summary>
    public IReadOnlyList<TEvent> History => history;

    /// <inheritdoc/>
    public long Version => history.Count;

    /// <inheritdoc/>
    public long CommittedVersion => committed;

    /// <inheritdoc/>
    public abstract StreamId StreamId { get; }

    /// <inheritdoc/>
    public IReadOnlyList<IDomainEvent> UncommittedEvents => history.GetRange(committed, history.Count - committed);

    /// <summary>Gets a short description for messages, for example <c>cycle 'kilifi-2016'</c>.</summary>
    protected abstract string Description { get; }

    /// <inheritdoc/>
    void IHistoryCommitter.MarkCommitted() => committed = history.Count;

    /// <summary>Applies an accepted command's event to the state and appends it to the history.</summary>
    /// <param name="event">The event.</param>
    protected void Record(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        State = Apply(State, @event);
        history.Add(@event);
    }

    /// <summary>Replays a stored history, checking each event with <see cref="CheckReplay"/>, and marks it committed.</summary>
    /// <param name="events">The history, oldest first.</param>
    /// <exception cref="InvalidHistoryException">An event is of the wrong type or does not fit the transition table.</exception>
    protected void Replay(IReadOnlyList<IDomainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (history.Count != 0)
        {
            throw new InvalidOperationException("Replay is only for an aggregate with no history.");
        }

        // Room for the next few commands: a loaded aggregate usually records one and is saved.
        history.Capacity = events.Count + HistoryHeadroom;
        var fold = CreateReplayFold();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not TEvent e)
            {
                throw new InvalidHistoryException(
                    Description, i + 1, events[i]?.GetType().Name ?? "null", $"it is not a {typeof(TEvent).Name}.");
            }

            if (fold.Apply(e) is { } problem)
            {
                throw new InvalidHistoryException(Description, i + 1, e.GetType().Name, problem);
            }

            history.Add(e);
        }

        State = fold.ToState();
        committed = history.Count;
    }

    /// <summary>
    /// Creates the fold a replay runs. The default applies each event with <see cref="Apply"/> and
    /// checks it with <see cref="CheckReplay"/>. An aggregate with long histories may return a
    /// mutable fold instead, because replaying through immutable states copies the state (and its
    /// lists) once per event; such a fold must produce exactly the state <see cref="Apply"/>
    /// produces and check each event as <see cref="CheckReplay"/> does.
    /// </summary>
    /// <returns>A new fold, positioned before the first event.</returns>
    private protected virtual ReplayFold<TState, TEvent> CreateReplayFold() => new ApplyingFold(this);

    /// <summary>Folds one event into the state. Pure: no guards, no clock, no I/O.</summary>
    /// <param name="state">The state before.</param>
    /// <param name="event">The event.</param>
    /// <returns>The state after.</returns>
    protected abstract TState Apply(TState state, TEvent @event);

    /// <summary>Checks a replayed event against the machine's transition table, guards aside.</summary>
    /// <param name="before">The state before the event.</param>
    /// <param name="event">The event.</param>
    /// <param name="after">The state after the event.</param>
    /// <returns><see langword="null"/> when the event fits; otherwise what is wrong, as a sentence.</returns>
    protected abstract string? CheckReplay(TState before, TEvent @event, TState after);

    /// <summary>The default fold: one immutable state per event, through <see cref="Apply"/>.</summary>
    private sealed class ApplyingFold(LegacyAggregateRoot<TId, TState, TEvent> owner) : ReplayFold<TState, TEvent>
    {
        private TState state = owner.State;

        public override string? Apply(TEvent @event)
        {
            var next = owner.Apply(state, @event);
            if (owner.CheckReplay(state, @event, next) is { } problem)
            {
                return problem;
            }

            state = next;
            return null;
        }

        public override TState ToState() => state;
    }
}
