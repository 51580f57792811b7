using NodaTime;

namespace CoProduction.Cycles;

/// <summary>What the cycle machine's guards read when deciding one command: the state, the rules, and the instant and day of the command.</summary>
internal sealed class CycleDecision
{
    public CycleDecision(CycleState state, CycleRules rules, Instant at)
    {
        State = state;
        Rules = rules;
        Zone = rules.TimeZones[state.TimeZoneId];
        Today = at.InZone(Zone).Date;
    }

    public CycleState State { get; }

    public CycleRules Rules { get; }

    public DateTimeZone Zone { get; }

    /// <summary>Gets the command's day in the site's calendar.</summary>
    public LocalDate Today { get; }
}
