using NodaTime;

namespace CoProduction.Scheduling;

/// <summary>A protocol's approval window, as reminders need it (the app adapts its protocols to this).</summary>
/// <param name="Protocol">The protocol.</param>
/// <param name="Title">Its title.</param>
/// <param name="Site">The site it concerns, if one.</param>
/// <param name="ValidUntil">The last day the approval is valid, in <paramref name="Zone"/>; it lapses when the next day begins.</param>
/// <param name="Zone">The zone whose calendar the dates are in (the site's, or the committee's).</param>
/// <param name="RenewalDue">When the renewal (continuing review, annual report) is due, if tracked.</param>
public sealed record ApprovalWindowInput(ProtocolId Protocol, string Title, SiteId? Site, LocalDate ValidUntil, DateTimeZone Zone, LocalDate? RenewalDue = null);

/// <summary>An action-learning cycle's open stage, as reminders need it (the app adapts its cycles to this).</summary>
/// <param name="Cycle">The cycle.</param>
/// <param name="Stage">The stage's name, for example <c>Acting</c>.</param>
/// <param name="EnteredAt">When the stage was entered.</param>
/// <param name="ExpectedLength">How long the stage is expected to take, in the site's calendar (for example a month).</param>
/// <param name="Zone">The site's zone, whose calendar the length is counted in.</param>
/// <param name="Site">The site, if known.</param>
public sealed record CycleStageInput(CycleId Cycle, string Stage, Instant EnteredAt, Period ExpectedLength, DateTimeZone Zone, SiteId? Site = null);

/// <summary>A core manager's last engagement, as reminders need it (the app adapts its members to this).</summary>
/// <param name="Member">The member.</param>
/// <param name="Name">The member's display name.</param>
/// <param name="LastEngaged">The date of the last engagement, in <paramref name="Zone"/>.</param>
/// <param name="Zone">The site's zone.</param>
/// <param name="Site">The site, if known.</param>
public sealed record EngagementInput(MemberId Member, string Name, LocalDate LastEngaged, DateTimeZone Zone, SiteId? Site = null);

/// <summary>A protocol deviation still to be reported, as reminders need it (the deviation register's open deviations).</summary>
/// <param name="Deviation">The deviation.</param>
/// <param name="Protocol">The protocol it deviates from.</param>
/// <param name="Site">The site where it happened.</param>
/// <param name="Activity">What the activity was called.</param>
/// <param name="ReportDueOn">The last day to report it, in <paramref name="Zone"/> (the committee's working days after discovery).</param>
/// <param name="Zone">The site's zone.</param>
public sealed record DeviationInput(DeviationId Deviation, ProtocolId Protocol, SiteId Site, string Activity, LocalDate ReportDueOn, DateTimeZone Zone);

/// <summary>Everything <see cref="ReminderSchedule"/> reads: plain records the app assembles from its aggregates.</summary>
public sealed record ReminderInputs
{
    /// <summary>Gets the approval windows of the protocols to watch.</summary>
    public ValueList<ApprovalWindowInput> Approvals { get; init; } = [];

    /// <summary>Gets the open stages of the cycles to watch.</summary>
    public ValueList<CycleStageInput> CycleStages { get; init; } = [];

    /// <summary>Gets the upcoming meetings, for example <c>agenda.Due(now, now + policy.MeetingLead)</c>.</summary>
    public ValueList<AgendaEntry> Meetings { get; init; } = [];

    /// <summary>Gets the core managers' last engagements.</summary>
    public ValueList<EngagementInput> Engagements { get; init; } = [];

    /// <summary>Gets the protocol deviations still to be reported.</summary>
    public ValueList<DeviationInput> Deviations { get; init; } = [];

    /// <summary>These inputs followed by another source's.</summary>
    /// <param name="more">The other inputs.</param>
    /// <returns>New inputs holding both; these are unchanged.</returns>
    [System.Diagnostics.Contracts.Pure]
    public ReminderInputs Concat(ReminderInputs more)
    {
        System.ArgumentNullException.ThrowIfNull(more);
        return new ReminderInputs
        {
            Approvals = [.. Approvals, .. more.Approvals],
            CycleStages = [.. CycleStages, .. more.CycleStages],
            Meetings = [.. Meetings, .. more.Meetings],
            Engagements = [.. Engagements, .. more.Engagements],
            Deviations = [.. Deviations, .. more.Deviations],
        };
    }
}
