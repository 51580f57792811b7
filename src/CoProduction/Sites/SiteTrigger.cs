namespace CoProduction.Sites;

/// <summary>The commands a learning site's machine decides.</summary>
public enum SiteTrigger
{
    /// <summary>Add a partner institution.</summary>
    AddPartnerInstitution = 0,

    /// <summary>Add a person to the team.</summary>
    AddMember = 1,

    /// <summary>Record that a member began to hold a role.</summary>
    JoinRole = 2,

    /// <summary>Record that a member stopped holding a role.</summary>
    LeaveRole = 3,

    /// <summary>Mark a member as core.</summary>
    MarkCore = 4,

    /// <summary>Clear a member's core mark.</summary>
    ClearCore = 5,

    /// <summary>Record a member's engagement.</summary>
    RecordEngagement = 6,

    /// <summary>Erase a member's personal data.</summary>
    EraseMember = 7,

    /// <summary>Choose how reminders and reports name the site's members.</summary>
    ChooseMemberNaming = 8,
}
