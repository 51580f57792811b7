using System.Collections.Generic;
using CoProduction.Events;
using CoProduction.Sites;

namespace CoProduction.Programmes;

/// <summary>
/// A multi-year, multi-site research programme (for example RESYST, 2012–2018): its period, its
/// learning sites and its umbrella protocols. Every change is an event.
/// </summary>
/// <remarks>
/// Like <see cref="LearningSite"/>, a programme is a registry rather than a process: its machine has
/// one state, <see cref="ProgrammeStatus.Registered"/>. Malformed arguments throw the
/// <see cref="System.ArgumentException"/> family; a duplicate site or protocol, or a command dated
/// before the latest event, throws <see cref="CommandRejectedException"/>; a refused command changes
/// nothing. Sites and protocols are referenced by id; their own aggregates hold the details.
/// </remarks>
public sealed partial class Programme : AggregateRoot<ProgrammeId, ProgrammeState, IProgrammeEvent>, IEventSourcedAggregate<Programme>
{
    private Programme(ProgrammeId id)
        : base(id, StreamCategory, ProgrammeState.Initial)
    {
    }

    /// <summary>Gets the stream category of programmes: <c>programme</c>.</summary>
    public static string StreamCategory => "programme";

    /// <inheritdoc/>
    protected override string Description => $"programme '{Id}'";

    private static AggregateMachine<ProgrammeStatus, ProgrammeTrigger, ProgrammeState> Machine => ProgrammeMachine.Machine;

    /// <summary>Registers a programme.</summary>
    /// <param name="registration">The programme: its id, name and period.</param>
    /// <param name="stamp">When and by whom.</param>
    /// <returns>The new programme with one uncommitted <see cref="ProgrammeRegistered"/> event.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="stamp"/> names no actor.</exception>
    public static Programme Register(ProgrammeRegistration registration, Stamp stamp)
    {
        System.ArgumentNullException.ThrowIfNull(registration);
        var programme = new Programme(registration.Id);
        programme.Create(stamp, new ProgrammeRegistered(registration.Id, registration.Name, registration.Period, stamp.At, stamp.By));
        return programme;
    }

    /// <summary>Rebuilds a programme from its history, checking every event against the machine's table and the programme's rules.</summary>
    /// <param name="stream">The stream the history was read from.</param>
    /// <param name="history">The events, oldest first, starting with <see cref="ProgrammeRegistered"/>.</param>
    /// <returns>The programme, with nothing uncommitted.</returns>
    /// <exception cref="InvalidHistoryException">The history does not fit.</exception>
    public static Programme Rehydrate(StreamId stream, IReadOnlyList<IDomainEvent> history)
        => Rehydrate<Programme, ProgrammeRegistered>(stream, history, static e => new Programme(e.Programme));

    /// <summary>Every command with whether it is permitted now and, if not, why.</summary>
    /// <returns>One entry per trigger, in enum order (a registered programme permits every one; its rules refuse duplicates).</returns>
    public IReadOnlyList<TriggerAvailability<ProgrammeTrigger>> Availability() => Machine.Availability(State);

    /// <inheritdoc/>
    private protected override ProgrammeState Apply(ProgrammeState state, IProgrammeEvent @event) => state.Apply(@event);

    /// <inheritdoc/>
    private protected override string? CheckReplay(ProgrammeState before, IProgrammeEvent @event, ProgrammeState after)
    {
        if (@event.Programme != Id)
        {
            return $"it belongs to programme '{@event.Programme}'.";
        }

        return Machine.CheckReplay(before.Status, ProgrammeMachine.TriggerOf(@event), after.Status) ?? @event switch
        {
            ProgrammeSiteAdded e when before.Sites.Contains(e.Site) => $"site '{e.Site}' is already in the programme.",
            UmbrellaProtocolLinked e when before.UmbrellaProtocols.Contains(e.Protocol) => $"protocol '{e.Protocol}' is already linked.",
            _ => null,
        };
    }
}
