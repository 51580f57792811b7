namespace CoProduction.Ethics;

/// <summary>The commands an ethical dilemma's state machine decides.</summary>
public enum DilemmaTrigger
{
    /// <summary>Record a discussion of the dilemma.</summary>
    Discuss = 0,

    /// <summary>Record how the team resolved it.</summary>
    Resolve = 1,

    /// <summary>Escalate it beyond the team (to a committee, a sounding board, an amendment).</summary>
    Escalate = 2,
}
