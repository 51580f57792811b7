using CoProduction.Events;

namespace CoProduction.Sites;

/// <summary>The learning site's machine: one state, <see cref="SiteStatus.Registered"/>, in which every command records something; the rules of the domain refuse the rest.</summary>
internal static class LearningSiteMachine
{
    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<SiteStatus, SiteTrigger, LearningSiteState> Machine { get; } = new(
        static s => s.Status,
        static m => m.In(SiteStatus.Registered)
            .Record(SiteTrigger.AddPartnerInstitution, "a partner institution")
            .Record(SiteTrigger.AddMember, "a member of the team")
            .Record(SiteTrigger.JoinRole, "a tenure begun")
            .Record(SiteTrigger.LeaveRole, "a tenure ended")
            .Record(SiteTrigger.MarkCore, "a core mark")
            .Record(SiteTrigger.ClearCore, "a core mark cleared")
            .Record(SiteTrigger.RecordEngagement, "an engagement")
            .Record(SiteTrigger.EraseMember, "a member's erasure")
            .Record(SiteTrigger.ChooseMemberNaming, "how members are named"));

    /// <summary>The trigger an event records, for the replay check.</summary>
    public static SiteTrigger TriggerOf(ISiteEvent @event) => @event switch
    {
        PartnerInstitutionAdded => SiteTrigger.AddPartnerInstitution,
        MemberAdded => SiteTrigger.AddMember,
        MemberJoinedRole => SiteTrigger.JoinRole,
        MemberLeftRole => SiteTrigger.LeaveRole,
        MemberMarkedCore => SiteTrigger.MarkCore,
        MemberCoreMarkCleared => SiteTrigger.ClearCore,
        EngagementRecorded => SiteTrigger.RecordEngagement,
        MemberErased => SiteTrigger.EraseMember,
        MemberNamingChosen => SiteTrigger.ChooseMemberNaming,
        _ => throw Fold.Unknown<LearningSiteState>(@event),
    };
}
