using CoProduction.Events;

namespace CoProduction.Ledger;

/// <summary>The wider engagement's machine: Recorded (adding effort, costs and insights as often as needed) → Retracted.</summary>
internal static class WiderEngagementMachine
{
    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<WiderEngagementStatus, WiderEngagementTrigger, WiderEngagementState> Machine { get; } = new(
        static s => s.Status,
        static m =>
        {
            m.In(WiderEngagementStatus.Recorded)
                .Record(WiderEngagementTrigger.AddEffort, "effort added")
                .Record(WiderEngagementTrigger.AddCost, "a cost added")
                .Record(WiderEngagementTrigger.LinkInsight, "an insight linked")
                .Permit(WiderEngagementTrigger.Retract, WiderEngagementStatus.Retracted);
            m.In(WiderEngagementStatus.Retracted);
        });

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static WiderEngagementTrigger TriggerOf(IWiderEngagementEvent @event) => @event switch
    {
        WiderEngagementEffortAdded => WiderEngagementTrigger.AddEffort,
        WiderEngagementCostAdded => WiderEngagementTrigger.AddCost,
        WiderEngagementInsightLinked => WiderEngagementTrigger.LinkInsight,
        WiderEngagementRetracted => WiderEngagementTrigger.Retract,
        _ => throw Fold.Unknown<WiderEngagementState>(@event),
    };
}
