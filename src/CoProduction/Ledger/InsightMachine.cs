using CoProduction.Events;

namespace CoProduction.Ledger;

/// <summary>The insight's machine: Recorded (seeding further work as often as needed) → Retracted.</summary>
internal static class InsightMachine
{
    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<InsightStatus, InsightTrigger, InsightState> Machine { get; } = new(
        static s => s.Status,
        static m =>
        {
            m.In(InsightStatus.Recorded)
                .Record(InsightTrigger.Seed, "seeded further work")
                .Permit(InsightTrigger.Retract, InsightStatus.Retracted);
            m.In(InsightStatus.Retracted);
        });

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static InsightTrigger TriggerOf(IInsightEvent @event) => @event switch
    {
        InsightSeeded => InsightTrigger.Seed,
        InsightRetracted => InsightTrigger.Retract,
        _ => throw Fold.Unknown<InsightState>(@event),
    };
}
