namespace CoProduction.Scheduling;

/// <summary>A meeting kind in the words a person reads ("Cross-site", "Leadership workshop"): what reminders and calendars show, one place for both.</summary>
internal static class MeetingWords
{
    /// <summary>The kind's words, capitalised, without "meeting".</summary>
    internal static string Of(MeetingKind kind) => kind switch
    {
        MeetingKind.ResearcherReflection => "Researchers' reflection",
        MeetingKind.ManagerReflection => "Reflection with managers",
        MeetingKind.CrossSite => "Cross-site",
        MeetingKind.EthicsReflection => "Ethics reflection",
        MeetingKind.ScienceEthicsReview => "Science/ethics review",
        MeetingKind.LeadershipWorkshop => "Leadership workshop",
        _ => "Workshop debrief",
    };
}
