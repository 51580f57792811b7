namespace CoProduction.Ethics;

/// <summary>The stages of an ethical dilemma.</summary>
public enum DilemmaStatus
{
    /// <summary>Raised by a team member; not yet discussed.</summary>
    Raised = 0,

    /// <summary>Discussed at least once (for example at a reflection meeting or an ethics reflection session).</summary>
    Discussed = 1,

    /// <summary>Resolved within the team. Final.</summary>
    Resolved = 2,

    /// <summary>Escalated beyond the team, possibly to an amendment. Final.</summary>
    Escalated = 3,
}
