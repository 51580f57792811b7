using CoProduction.Events;

namespace CoProduction.Programmes;

/// <summary>The programme's machine: one state, <see cref="ProgrammeStatus.Registered"/>, in which every command records something; the rules of the domain refuse duplicates.</summary>
internal static class ProgrammeMachine
{
    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<ProgrammeStatus, ProgrammeTrigger, ProgrammeState> Machine { get; } = new(
        static s => s.Status,
        static m => m.In(ProgrammeStatus.Registered)
            .Record(ProgrammeTrigger.AddSite, "a learning site")
            .Record(ProgrammeTrigger.LinkUmbrellaProtocol, "an umbrella protocol"));

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static ProgrammeTrigger TriggerOf(IProgrammeEvent @event) => @event switch
    {
        ProgrammeSiteAdded => ProgrammeTrigger.AddSite,
        UmbrellaProtocolLinked => ProgrammeTrigger.LinkUmbrellaProtocol,
        _ => throw Fold.Unknown<ProgrammeState>(@event),
    };
}
