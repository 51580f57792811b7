using CoProduction.Events;
using CoProduction.Protocols;

namespace CoProduction.Ethics;

/// <summary>The ethical dilemma's machine: Raised → Discussed (again as often as needed) → Resolved | Escalated.</summary>
internal static class EthicalDilemmaMachine
{
    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<DilemmaStatus, DilemmaTrigger, EthicalDilemmaState> Machine { get; } = new(
        static s => s.Status,
        static m =>
        {
            m.In(DilemmaStatus.Raised).Permit(DilemmaTrigger.Discuss, DilemmaStatus.Discussed);
            m.In(DilemmaStatus.Discussed)
                .Record(DilemmaTrigger.Discuss, "discussed again")
                .Permit(DilemmaTrigger.Resolve, DilemmaStatus.Resolved)
                .Permit(DilemmaTrigger.Escalate, DilemmaStatus.Escalated);
            m.In(DilemmaStatus.Resolved);
            m.In(DilemmaStatus.Escalated);
        });

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static DilemmaTrigger TriggerOf(IDilemmaEvent @event) => @event switch
    {
        DilemmaDiscussed => DilemmaTrigger.Discuss,
        DilemmaResolved => DilemmaTrigger.Resolve,
        DilemmaEscalated => DilemmaTrigger.Escalate,
        _ => throw Fold.Unknown<EthicalDilemmaState>(@event),
    };
}
