namespace CoProduction.Protocols;

/// <summary>The commands an amendment's state machine decides.</summary>
public enum AmendmentTrigger
{
    /// <summary>Change the rationale, the substantial flag or the changes (also rebases on the protocol's current version).</summary>
    Revise = 0,

    /// <summary>Re-base the amendment on the protocol's current version, checking its changes again.</summary>
    Rebase = 1,

    /// <summary>Send it to the committee (first time or after changes).</summary>
    Submit = 2,

    /// <summary>The committee starts its review.</summary>
    StartReview = 3,

    /// <summary>The committee asks for changes.</summary>
    RequestChanges = 4,

    /// <summary>The committee approves it.</summary>
    Approve = 5,

    /// <summary>The committee accepts a non-substantial amendment as a notification, without review.</summary>
    AcceptAsNotification = 6,

    /// <summary>The committee refuses it.</summary>
    Reject = 7,

    /// <summary>The team withdraws it.</summary>
    Withdraw = 8,
}
