namespace CoProduction.Protocols;

/// <summary>The commands a protocol's state machine decides.</summary>
public enum ProtocolTrigger
{
    /// <summary>Change the title or proposed scope of a draft, or of a protocol the committee asked to change.</summary>
    Revise = 0,

    /// <summary>Send the protocol to the committee (first time, or resubmission after changes).</summary>
    Submit = 1,

    /// <summary>The committee starts its review.</summary>
    StartReview = 2,

    /// <summary>The committee asks for changes.</summary>
    RequestChanges = 3,

    /// <summary>The committee approves for a validity period.</summary>
    Approve = 4,

    /// <summary>The committee refuses.</summary>
    Reject = 5,

    /// <summary>The team withdraws the protocol before a decision.</summary>
    Withdraw = 6,

    /// <summary>Pause the approval.</summary>
    Suspend = 7,

    /// <summary>Lift a suspension.</summary>
    Reinstate = 8,

    /// <summary>Continuing review: extend the approval period.</summary>
    Renew = 9,

    /// <summary>Record that the approval period has passed without renewal.</summary>
    ObserveExpiry = 10,

    /// <summary>Close the protocol with its final report.</summary>
    Close = 11,

    /// <summary>Draft an amendment against the protocol (decided here, recorded on the amendment).</summary>
    DraftAmendment = 12,

    /// <summary>Record a submitted amendment as pending, reserving the scope items it touches.</summary>
    LodgeAmendment = 13,

    /// <summary>Release a pending amendment that was withdrawn or rejected.</summary>
    ReleaseAmendment = 14,

    /// <summary>Apply an approved amendment: the protocol's next version.</summary>
    ApplyAmendment = 15,

    /// <summary>Record a respondent group's or a participant's consent to data collection under the approved protocol.</summary>
    RecordConsent = 16,

    /// <summary>Record that a respondent group or a participant withdrew consent: no further data collection from them.</summary>
    WithdrawConsent = 17,
}
