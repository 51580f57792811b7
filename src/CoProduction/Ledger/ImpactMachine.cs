using CoProduction.Events;

namespace CoProduction.Ledger;

/// <summary>The impact's machine: Claimed → Corroborated, and either → Retracted.</summary>
internal static class ImpactMachine
{
    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<ImpactStatus, ImpactTrigger, ImpactState> Machine { get; } = new(
        static s => s.Status,
        static m =>
        {
            m.In(ImpactStatus.Claimed)
                .Permit(ImpactTrigger.Corroborate, ImpactStatus.Corroborated)
                .Permit(ImpactTrigger.Retract, ImpactStatus.Retracted);
            m.In(ImpactStatus.Corroborated)
                .Permit(ImpactTrigger.Retract, ImpactStatus.Retracted);
            m.In(ImpactStatus.Retracted);
        });

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static ImpactTrigger TriggerOf(IImpactEvent @event) => @event switch
    {
        ImpactCorroborated => ImpactTrigger.Corroborate,
        ImpactRetracted => ImpactTrigger.Retract,
        _ => throw Fold.Unknown<ImpactState>(@event),
    };
}
