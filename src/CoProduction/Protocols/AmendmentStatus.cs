namespace CoProduction.Protocols;

/// <summary>The stages of an amendment's review, as its state machine defines them.</summary>
public enum AmendmentStatus
{
    /// <summary>Being written.</summary>
    Draft = 0,

    /// <summary>Sent to the committee.</summary>
    Submitted = 1,

    /// <summary>The committee is reviewing it.</summary>
    UnderReview = 2,

    /// <summary>The committee asked for changes; resubmission returns it to <see cref="Submitted"/>.</summary>
    ChangesRequested = 3,

    /// <summary>Approved (or accepted as a notification); the protocol applies it as its next version. Final.</summary>
    Approved = 4,

    /// <summary>Refused. Final.</summary>
    Rejected = 5,

    /// <summary>Withdrawn by the team. Final.</summary>
    Withdrawn = 6,
}
