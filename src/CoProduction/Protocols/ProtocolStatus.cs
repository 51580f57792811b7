namespace CoProduction.Protocols;

/// <summary>The stages of a protocol's review and approval, as its state machine defines them.</summary>
public enum ProtocolStatus
{
    /// <summary>Being written; not yet sent to the committee.</summary>
    Draft = 0,

    /// <summary>Sent to the reviewing committee (first time or after changes).</summary>
    Submitted = 1,

    /// <summary>The committee is reviewing it.</summary>
    UnderReview = 2,

    /// <summary>The committee asked for changes; resubmission returns it to <see cref="Submitted"/>.</summary>
    ChangesRequested = 3,

    /// <summary>Approved for a validity period; research within its scope may happen.</summary>
    Approved = 4,

    /// <summary>The committee refused it. Final.</summary>
    Rejected = 5,

    /// <summary>Withdrawn by the team before a decision. Final.</summary>
    Withdrawn = 6,

    /// <summary>Approval paused by the committee or the team; no research may happen until reinstated.</summary>
    Suspended = 7,

    /// <summary>The approval period passed without renewal; no research may happen under it.</summary>
    Expired = 8,

    /// <summary>Closed with a final report. Final.</summary>
    Closed = 9,
}
