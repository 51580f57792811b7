using System.Text.Json.Serialization;

namespace CoProduction.Scheduling;

/// <summary>What a <see cref="Reminder"/> is about.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReminderKind>))]
public enum ReminderKind
{
    /// <summary>A protocol's approval lapses in a number of days (one of the committee's lead times).</summary>
    ApprovalExpiring,

    /// <summary>A protocol's approval has lapsed: no research may happen under it.</summary>
    ApprovalExpired,

    /// <summary>A renewal (continuing review, annual report) is due in a number of days.</summary>
    RenewalDue,

    /// <summary>A renewal's due date has passed.</summary>
    RenewalOverdue,

    /// <summary>An action-learning cycle's stage has run past its expected length.</summary>
    StageOverrun,

    /// <summary>A meeting is coming up.</summary>
    MeetingUpcoming,

    /// <summary>A core manager has not been engaged for a while.</summary>
    MemberNotEngaged,

    /// <summary>A protocol deviation's report to the committee is due today (the last of the committee's working days).</summary>
    DeviationReportDue,

    /// <summary>A protocol deviation's report is past its deadline and still not made.</summary>
    DeviationReportOverdue,
}
