using System.Collections.Generic;
using CoProduction.Events;

namespace CoProduction.Ledger;

/// <summary>
/// An output of the work: a paper, a teaching case, a presentation, a policy brief or a curriculum,
/// with its authors and the roles they wrote in (so that manager co-authorship is visible), and the
/// insights it draws on. Recorded (linking insights as often as needed) → Retracted.
/// </summary>
public sealed partial class Output : AggregateRoot<OutputId, OutputState, IOutputEvent>, IEventSourcedAggregate<Output>
{
    private Output(OutputId id)
        : base(id, StreamCategory, OutputState.Initial)
    {
    }

    /// <summary>Gets the stream-name prefix of outputs: <c>output</c>.</summary>
    public static string StreamCategory => "output";

    /// <summary>Gets the machine's current stage.</summary>
    public OutputStatus Status => State.Status;

    /// <inheritdoc/>
    protected override string Description => $"output '{Id}'";

    private static AggregateMachine<OutputStatus, OutputTrigger, OutputState> Machine => OutputMachine.Machine;

    /// <summary>Records an output.</summary>
    /// <param name="output">What is recorded: its id, site, kind, title, day, venue, authors and the insights it draws on.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <returns>The output, <see cref="OutputStatus.Recorded"/>, with one uncommitted event.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="stamp"/> names no actor.</exception>
    public static Output Record(OutputRecording output, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(output);
        var recorded = new Output(output.Id);
        recorded.Create(stamp, new OutputRecorded(
            output.Id, output.Site, output.Kind, output.Title, output.On, output.Venue, output.Authors, output.Insights, stamp.At, stamp.By));
        return recorded;
    }

    /// <summary>Rebuilds an output from its history, checking every event against the machine's transition table.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="OutputRecorded"/>.</param>
    /// <returns>The output, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static Output Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<Output, OutputRecorded>(stream, history, static e => new Output(e.Output));

    /// <summary>The output's machine as a Mermaid <c>stateDiagram-v2</c>, generated from its configuration.</summary>
    /// <returns>The diagram's text; the same for every call.</returns>
    public static string MachineDiagramMermaid() => Machine.ToMermaid();

    /// <summary>Every trigger with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger, in enum order.</returns>
    public IReadOnlyList<TriggerAvailability<OutputTrigger>> Availability() => Machine.Availability(State);

    /// <inheritdoc/>
    private protected override OutputState Apply(OutputState state, IOutputEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(OutputState before, IOutputEvent @event, OutputState after)
        => Machine.CheckReplay(before.Status, OutputMachine.TriggerOf(@event), after.Status);
}
