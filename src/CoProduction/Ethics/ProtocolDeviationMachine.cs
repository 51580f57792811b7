using CoProduction.Events;

namespace CoProduction.Ethics;

/// <summary>The protocol deviation's machine: Open → Reported → Closed.</summary>
internal static class ProtocolDeviationMachine
{
    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<DeviationStatus, DeviationTrigger, ProtocolDeviationState> Machine { get; } = new(
        static s => s.Status,
        static m =>
        {
            m.In(DeviationStatus.Open).Permit(DeviationTrigger.Report, DeviationStatus.Reported);
            m.In(DeviationStatus.Reported).Permit(DeviationTrigger.Close, DeviationStatus.Closed);
            m.In(DeviationStatus.Closed);
        });

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static DeviationTrigger TriggerOf(IDeviationEvent @event) => @event switch
    {
        DeviationReported => DeviationTrigger.Report,
        DeviationClosed => DeviationTrigger.Close,
        _ => throw Fold.Unknown<ProtocolDeviationState>(@event),
    };
}
