using System;
using System.Collections.Generic;
using System.Globalization;

namespace CoProduction.Events;

/// <summary>
/// The base of every event-sourced aggregate: an id, an immutable state folded from events by one
/// fold, the ordered history, the events not yet saved, and the one command pipeline.
/// </summary>
/// <remarks>
/// <para>
/// A command validates its inputs (the values validate themselves), then asks the pipeline, which
/// refuses a <c>default</c> <see cref="Stamp"/>, an instant earlier than the latest event, a trigger
/// the machine does not permit in the current state and unmet guards; then the command checks the
/// rules that depend on its arguments and records one event with <see cref="Record"/>. A refused
/// command throws before recording, so it changes nothing.
/// </para>
/// <para>
/// Commands and replay fold events through the same <see cref="Apply"/>; replay also checks each
/// event against the machine's transition table with <see cref="CheckReplay"/>.
/// </para>
/// </remarks>
/// <typeparam name="TId">The aggregate's identifier.</typeparam>
/// <typeparam name="TState">The immutable state record.</typeparam>
/// <typeparam name="TEvent">The aggregate's event base type.</typeparam>
public abstract class AggregateRoot<TId, TState, TEvent> : IEventSourcedAggregate, IHistoryCommitter, IDecidedCommands
    where TId : struct, IStringId<TId>
    where TState : class
    where TEvent : class, IDomainEvent
{
    private const int HistoryHeadroom = 4;

    private readonly string category;
    private List<TEvent> history;
    private int committed;
    private StreamId? streamId;
    private Type? opening;
    private List<Enum>? decided;
    private bool created;

    /// <summary>Creates an aggregate with no history yet.</summary>
    /// <param name="id">The aggregate's id.</param>
    /// <param name="category">The stream category of the aggregate type, for example <c>cycle</c>.</param>
    /// <param name="initialState">The state before the first event.</param>
    private protected AggregateRoot(TId id, string category, TState initialState)
    {
        Id = id;
        this.category = category;
        State = initialState ?? throw new ArgumentNullException(nameof(initialState));
        history = new List<TEvent>(HistoryHeadroom);
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
    public StreamId StreamId => streamId ??= StreamId.For(category, Id);

    /// <inheritdoc/>
    public IReadOnlyList<IDomainEvent> UncommittedEvents => history.GetRange(committed, history.Count - committed);

    /// <summary>Gets a short description for messages, for example <c>cycle 'kilifi-2016'</c>.</summary>
    protected abstract string Description { get; }

    /// <inheritdoc/>
    void IHistoryCommitter.MarkCommitted()
    {
        committed = history.Count;
        decided = null;
        created = false;
    }

    /// <inheritdoc/>
    IReadOnlyList<Enum> IDecidedCommands.Decided => decided ?? (IReadOnlyList<Enum>)[];

    /// <inheritdoc/>
    bool IDecidedCommands.Created => created;

    /// <inheritdoc/>
    void IHistoryCommitter.Continue(IReadOnlyList<IDomainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (committed != history.Count || opening is null)
        {
            throw new InvalidOperationException($"Only a rehydrated aggregate with nothing unsaved continues its stored history; {Description} has {history.Count - committed} unsaved event(s).");
        }

        for (var i = 0; i < events.Count; i++)
        {
            var at = history.Count + 1;
            if (events[i] is not TEvent e)
            {
                throw new InvalidHistoryException(Description, at, events[i]?.GetType().Name ?? "null", $"it is not a {typeof(TEvent).Name}.");
            }

            if (opening.IsInstanceOfType(e))
            {
                throw new InvalidHistoryException(Description, at, e.GetType().Name, $"{opening.Name} opens a history, once.");
            }

            var next = Apply(State, e);
            if (CheckReplay(State, e, next) is { } problem)
            {
                throw new InvalidHistoryException(Description, at, e.GetType().Name, problem);
            }

            State = next;
            history.Add(e);
            committed = history.Count;
        }
    }

    /// <summary>Rebuilds an aggregate from a stored history: the first event must be <typeparamref name="TFirst"/> creating the aggregate of <paramref name="stream"/>, and every event must fit the transition table.</summary>
    /// <typeparam name="TSelf">The aggregate type.</typeparam>
    /// <typeparam name="TFirst">The event that opens every history of the type, once.</typeparam>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first.</param>
    /// <param name="create">Creates the empty aggregate named by the first event.</param>
    /// <returns>The aggregate, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history is empty, opens with another event, belongs to another stream, or breaks the table.</exception>
    private protected static TSelf Rehydrate<TSelf, TFirst>(StreamId stream, IReadOnlyList<IDomainEvent> history, Func<TFirst, TSelf> create)
        where TSelf : AggregateRoot<TId, TState, TEvent>
        where TFirst : class, TEvent
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0 || history[0] is not TFirst first)
        {
            throw new InvalidHistoryException(
                $"stream '{stream}'", 1, history.Count == 0 ? "nothing" : history[0]?.GetType().Name ?? "null", $"the history starts with {typeof(TFirst).Name}.");
        }

        var aggregate = create(first);
        if (!aggregate.IsStreamOfThis(stream))
        {
            throw new InvalidHistoryException(
                $"stream '{stream}'", 1, typeof(TFirst).Name, $"it creates the aggregate of stream '{aggregate.StreamId}'.");
        }

        aggregate.streamId = stream;
        aggregate.opening = typeof(TFirst);

        aggregate.Replay<TFirst>(history);
        return aggregate;
    }

    /// <summary>Records the creating event of a new aggregate, after checking its stamp.</summary>
    /// <param name="stamp">When and by whom.</param>
    /// <param name="created">The creating event.</param>
    /// <exception cref="ArgumentException"><paramref name="stamp"/> is <c>default</c>.</exception>
    private protected void Create(Stamp stamp, TEvent created)
    {
        Stamp.Require(stamp);
        if (history.Count != 0)
        {
            throw new InvalidOperationException("An aggregate is created once.");
        }

        this.created = true;
        Record(created);
    }

    /// <summary>The pipeline every command goes through: the stamp, the order of instants, the machine's table and the guards; throws when refused.</summary>
    /// <typeparam name="TStatus">The machine's states.</typeparam>
    /// <typeparam name="TTrigger">The machine's triggers.</typeparam>
    /// <typeparam name="TContext">What the guards read.</typeparam>
    /// <param name="machine">The aggregate's machine.</param>
    /// <param name="context">What the guards read for this command.</param>
    /// <param name="trigger">The command's trigger.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <exception cref="ArgumentException"><paramref name="stamp"/> is <c>default</c>.</exception>
    /// <exception cref="CommandRejectedException">The command is dated before the latest event, the trigger is not possible now, or a guard is unmet.</exception>
    private protected void Decide<TStatus, TTrigger, TContext>(
        AggregateMachine<TStatus, TTrigger, TContext> machine, TContext context, TTrigger trigger, Stamp stamp)
        where TStatus : struct, Enum
        where TTrigger : struct, Enum
        where TContext : class
    {
        Stamp.Require(stamp);
        if (history.Count > 0 && history[^1].At is var latest && stamp.At < latest)
        {
            throw machine.Reject(context, trigger, Description, Refusal.RuleBroken(string.Create(
                CultureInfo.InvariantCulture,
                $"The command is dated {stamp.At}, before the latest event of {Description} at {latest}: a history is kept in order")));
        }

        if (!machine.TryDecide(context, trigger, out var refusal))
        {
            throw machine.Reject(context, trigger, Description, refusal!);
        }

        (decided ??= new List<Enum>(1)).Add(trigger);
    }

    /// <summary>The exception for a command the machine permits but a rule of the domain refuses.</summary>
    /// <typeparam name="TStatus">The machine's states.</typeparam>
    /// <typeparam name="TTrigger">The machine's triggers.</typeparam>
    /// <typeparam name="TContext">What the guards read.</typeparam>
    /// <param name="machine">The aggregate's machine.</param>
    /// <param name="context">What the guards read for this command.</param>
    /// <param name="trigger">The command's trigger.</param>
    /// <param name="reasons">The rules broken, each a sentence phrased as the problem.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    private protected CommandRejectedException Refuse<TStatus, TTrigger, TContext>(
        AggregateMachine<TStatus, TTrigger, TContext> machine, TContext context, TTrigger trigger, params string[] reasons)
        where TStatus : struct, Enum
        where TTrigger : struct, Enum
        where TContext : class
        => machine.Reject(context, trigger, Description, Refusal.RuleBroken(reasons));

    /// <summary>Applies an accepted command's event to the state, through the one fold, and appends it to the history.</summary>
    /// <param name="event">The event.</param>
    private protected void Record(TEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        State = Apply(State, @event);
        history.Add(@event);
    }

    /// <summary>Folds one event into the state: the aggregate's one fold, used by commands and replay alike. Pure: no guards, no clock, no I/O.</summary>
    /// <param name="state">The state before.</param>
    /// <param name="event">The event.</param>
    /// <returns>The state after.</returns>
    private protected abstract TState Apply(TState state, TEvent @event);

    /// <summary>Checks a replayed event (not the first) against the machine's transition table, guards aside.</summary>
    /// <param name="before">The state before the event.</param>
    /// <param name="event">The event.</param>
    /// <param name="after">The state after the event.</param>
    /// <returns><see langword="null"/> when the event fits; otherwise what is wrong, as a sentence.</returns>
    private protected abstract string? CheckReplay(TState before, TEvent @event, TState after);

    /// <summary>Whether <paramref name="stream"/> is <c>{category}-{id}</c>, compared without building the name.</summary>
    private bool IsStreamOfThis(StreamId stream)
    {
        var value = stream.Value.AsSpan();
        var id = Id.Value.AsSpan();
        return value.Length == category.Length + 1 + id.Length
            && value.StartsWith(category, StringComparison.Ordinal)
            && value[category.Length] == '-'
            && value[(category.Length + 1)..].SequenceEqual(id);
    }

    private void Replay<TFirst>(IReadOnlyList<IDomainEvent> events)
        where TFirst : class, TEvent
    {
        // Room for the next few commands: a loaded aggregate usually records one and is saved.
        history = new List<TEvent>(events.Count + HistoryHeadroom);
        var state = State;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not TEvent e)
            {
                throw new InvalidHistoryException(
                    Description, i + 1, events[i]?.GetType().Name ?? "null", $"it is not a {typeof(TEvent).Name}.");
            }

            if (i > 0 && e is TFirst)
            {
                throw new InvalidHistoryException(Description, i + 1, e.GetType().Name, $"{typeof(TFirst).Name} opens a history, once.");
            }

            TState next;
            try
            {
                next = Apply(state, e);
            }
            catch (ArithmeticException ex)
            {
                // Date arithmetic of the fold beyond the calendar (an instant near NodaTime's limits read from a damaged store or archive).
                throw new InvalidHistoryException(Description, i + 1, e.GetType().Name, ex.Message);
            }

            if (i > 0 && CheckReplay(state, e, next) is { } problem)
            {
                throw new InvalidHistoryException(Description, i + 1, e.GetType().Name, problem);
            }

            state = next;
            history.Add(e);
        }

        State = state;
        committed = history.Count;
    }
}

/// <summary>The commands an aggregate decided since it was last saved, for the command layer's access check; not part of the public surface.</summary>
internal interface IDecidedCommands
{
    /// <summary>Gets the triggers the pipeline permitted since the last save, in order.</summary>
    IReadOnlyList<Enum> Decided { get; }

    /// <summary>Gets a value indicating whether the aggregate was created since the last save (its opening event is unsaved).</summary>
    bool Created { get; }
}

/// <summary>What a repository calls on an aggregate after a successful append; not part of the public surface.</summary>
internal interface IHistoryCommitter
{
    /// <summary>Marks every recorded event as saved.</summary>
    void MarkCommitted();

    /// <summary>
    /// Folds more stored events into a rehydrated aggregate with nothing unsaved, checking each against the
    /// table as replay does: how a cache keeps an aggregate current without reading its whole stream again.
    /// </summary>
    /// <param name="events">The stream's next events, oldest first.</param>
    /// <exception cref="InvalidHistoryException">An event does not fit; the events before it are kept.</exception>
    void Continue(IReadOnlyList<IDomainEvent> events);
}
