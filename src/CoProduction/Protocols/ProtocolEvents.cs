using CoProduction.Events;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>An event in a protocol's history.</summary>
public interface IProtocolEvent : IDomainEvent
{
}

/// <summary>A protocol was drafted.</summary>
/// <param name="Protocol">The protocol's id.</param>
/// <param name="Kind">Main, sub-study or umbrella.</param>
/// <param name="Parent">The parent protocol of a sub-study; otherwise <see langword="null"/>.</param>
/// <param name="Title">The title.</param>
/// <param name="Institution">The institution that holds it.</param>
/// <param name="Committee">The reviewing committee.</param>
/// <param name="Scope">The proposed scope.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
/// <param name="DraftedOn">The day it was drafted, when recorded after the fact; <see langword="null"/> when it is the day of <paramref name="At"/>.</param>
[EventName("protocol.drafted")]
public sealed record ProtocolDrafted(
    ProtocolId Protocol, ProtocolKind Kind, ProtocolId? Parent, string Title, string Institution, CommitteeId Committee, ProtocolScope Scope, Instant At, Actor By, LocalDate? DraftedOn = null)
    : IProtocolEvent;

/// <summary>A draft (or a protocol with changes requested) was revised.</summary>
/// <param name="Title">The new title.</param>
/// <param name="Scope">The new proposed scope.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.revised")]
public sealed record ProtocolRevised(string Title, ProtocolScope Scope, Instant At, Actor By) : IProtocolEvent;

/// <summary>The protocol was sent to its committee (first time or again after changes).</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.submitted")]
public sealed record ProtocolSubmitted(Instant At, Actor By) : IProtocolEvent;

/// <summary>The committee started its review.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.review-started")]
public sealed record ProtocolReviewStarted(Instant At, Actor By) : IProtocolEvent;

/// <summary>The committee asked for changes.</summary>
/// <param name="Reason">What the committee asked for.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.changes-requested")]
public sealed record ProtocolChangesRequested(string Reason, Instant At, Actor By) : IProtocolEvent;

/// <summary>The committee approved the protocol: version 1 with the proposed scope.</summary>
/// <param name="ApprovedOn">The approval date.</param>
/// <param name="Period">The validity period.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.approved")]
public sealed record ProtocolApproved(LocalDate ApprovedOn, ApprovalPeriod Period, Instant At, Actor By) : IProtocolEvent;

/// <summary>The committee refused the protocol.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.rejected")]
public sealed record ProtocolRejected(string Reason, Instant At, Actor By) : IProtocolEvent;

/// <summary>The team withdrew the protocol before a decision.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.withdrawn")]
public sealed record ProtocolWithdrawn(string Reason, Instant At, Actor By) : IProtocolEvent;

/// <summary>The approval was suspended from a date.</summary>
/// <param name="On">The first day of the suspension.</param>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.suspended")]
public sealed record ProtocolSuspended(LocalDate On, string Reason, Instant At, Actor By) : IProtocolEvent;

/// <summary>A suspension was lifted from a date.</summary>
/// <param name="On">The first day of approval again.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.reinstated")]
public sealed record ProtocolReinstated(LocalDate On, Instant At, Actor By) : IProtocolEvent;

/// <summary>Continuing review extended the approval.</summary>
/// <param name="RenewedOn">The renewal date.</param>
/// <param name="NewEnd">The new last day of validity.</param>
/// <param name="AfterLapse">Whether the approval had lapsed: the renewed approval starts on <paramref name="RenewedOn"/>, leaving the gap expired.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.renewed")]
public sealed record ProtocolRenewed(LocalDate RenewedOn, LocalDate NewEnd, bool AfterLapse, Instant At, Actor By) : IProtocolEvent;

/// <summary>A sweep or a command observed that the approval period had passed without renewal.</summary>
/// <param name="LapsedOn">The first day without approval (the day after the period's end).</param>
/// <param name="ObservedOn">The date it was observed.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.expired")]
public sealed record ProtocolExpired(LocalDate LapsedOn, LocalDate ObservedOn, Instant At, Actor By) : IProtocolEvent;

/// <summary>The protocol was closed with its final report.</summary>
/// <param name="On">The closing date; no research under it from this date.</param>
/// <param name="FinalReport">A summary of, or reference to, the final report.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.closed")]
public sealed record ProtocolClosed(LocalDate On, string FinalReport, Instant At, Actor By) : IProtocolEvent;

/// <summary>A submitted amendment was lodged as pending, reserving the items it touches.</summary>
/// <param name="Amendment">The amendment.</param>
/// <param name="BaseVersion">The version it was written against.</param>
/// <param name="Touches">The items it changes.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.amendment-lodged")]
public sealed record ProtocolAmendmentLodged(AmendmentId Amendment, int BaseVersion, ValueList<ScopeItem> Touches, Instant At, Actor By) : IProtocolEvent;

/// <summary>A pending amendment was released because it was withdrawn or rejected.</summary>
/// <param name="Amendment">The amendment.</param>
/// <param name="Reason">Why (its outcome).</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.amendment-released")]
public sealed record ProtocolAmendmentReleased(AmendmentId Amendment, string Reason, Instant At, Actor By) : IProtocolEvent;

/// <summary>An approved amendment was applied: the protocol's next version.</summary>
/// <param name="Amendment">The amendment.</param>
/// <param name="Version">The new version's number.</param>
/// <param name="ApprovedOn">The amendment's approval date: the new version is in force from it.</param>
/// <param name="Added">Scope items added.</param>
/// <param name="Removed">Scope items removed.</param>
/// <param name="ExtendApprovalTo">The new approval end, if the amendment extended the period.</param>
/// <param name="PersonnelChanges">Personnel changes, if any.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("protocol.amendment-applied")]
public sealed record ProtocolAmendmentApplied(
    AmendmentId Amendment,
    int Version,
    LocalDate ApprovedOn,
    ValueList<ScopeItem> Added,
    ValueList<ScopeItem> Removed,
    LocalDate? ExtendApprovalTo,
    string? PersonnelChanges,
    Instant At,
    Actor By) : IProtocolEvent;

/// <summary>A respondent group, or a named participant of it, consented to data collection under the protocol.</summary>
/// <param name="Group">The respondent group.</param>
/// <param name="Participant">The participant, by study code; <see langword="null"/> for the group's collective consent.</param>
/// <param name="Methods">The methods consented to.</param>
/// <param name="On">The day consent was given.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
[EventName("protocol.consent-given")]
public sealed record ProtocolConsentGiven(RespondentGroup Group, ParticipantId? Participant, ValueList<DataCollectionMethod> Methods, LocalDate On, Instant At, Actor By) : IProtocolEvent;

/// <summary>A respondent group, or a named participant, withdrew consent: no further data is collected from them; what was collected before stays.</summary>
/// <param name="Group">The respondent group.</param>
/// <param name="Participant">The participant, by study code; <see langword="null"/> for the group's collective consent.</param>
/// <param name="On">The first day without consent.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="By">Who recorded it.</param>
[EventName("protocol.consent-withdrawn")]
public sealed record ProtocolConsentWithdrawn(RespondentGroup Group, ParticipantId? Participant, LocalDate On, Instant At, Actor By) : IProtocolEvent;
