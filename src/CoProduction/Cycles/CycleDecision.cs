using NodaTime;

namespace CoProduction.Cycles;

/// <summary>The cycle machine's context: what its guards read when deciding one command (the state, the rules, the command's instant and its day in the site's calendar). Built from a <see cref="CycleContext"/> or from an instant and rules.</summary>
internal sealed class CycleDecision
{
    public CycleDecision(CycleState state, CycleRules rules, Instant at)
    {
        State = state;
        Rules = rules;
        At = at;
        Zone = rules.TimeZones[state.TimeZoneId];
        Today = at.InZone(Zone).Date;
    }

    public CycleState State { get; }

    public CycleRules Rules { get; }

    /// <summary>Gets the command's instant.</summary>
    public Instant At { get; }

    /// <summary>Gets the site's time zone, recorded when the cycle started.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the command's day in the site's calendar.</summary>
    public LocalDate Today { get; }
}
