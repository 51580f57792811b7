using CoProduction.Events;

namespace CoProduction.Ledger;

/// <summary>The output's machine: Recorded (linking insights as often as needed) → Retracted.</summary>
internal static class OutputMachine
{
    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<OutputStatus, OutputTrigger, OutputState> Machine { get; } = new(
        static s => s.Status,
        static m =>
        {
            m.In(OutputStatus.Recorded)
                .Record(OutputTrigger.LinkInsight, "an insight linked")
                .Permit(OutputTrigger.Retract, OutputStatus.Retracted);
            m.In(OutputStatus.Retracted);
        });

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static OutputTrigger TriggerOf(IOutputEvent @event) => @event switch
    {
        OutputInsightLinked => OutputTrigger.LinkInsight,
        OutputRetracted => OutputTrigger.Retract,
        _ => throw Fold.Unknown<OutputState>(@event),
    };
}
