using CoProduction.Events;
using NodaTime;

namespace CoProduction.Protocols;

/// <summary>An event in an amendment's history.</summary>
public interface IAmendmentEvent : IDomainEvent
{
}

/// <summary>An amendment was drafted against a protocol version.</summary>
/// <param name="Amendment">The amendment's id.</param>
/// <param name="Protocol">The protocol it amends.</param>
/// <param name="BaseVersion">The version it is written against.</param>
/// <param name="Rationale">Why.</param>
/// <param name="Substantial">Whether it is substantial.</param>
/// <param name="Changes">What it changes.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("amendment.drafted")]
public sealed record AmendmentDrafted(
    AmendmentId Amendment, ProtocolId Protocol, int BaseVersion, string Rationale, bool Substantial, AmendmentChanges Changes, Instant At, Actor By)
    : IAmendmentEvent;

/// <summary>An amendment was revised (and based on the protocol's version at that time).</summary>
/// <param name="BaseVersion">The version it is now written against.</param>
/// <param name="Rationale">Why.</param>
/// <param name="Substantial">Whether it is substantial.</param>
/// <param name="Changes">What it changes.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("amendment.revised")]
public sealed record AmendmentRevised(int BaseVersion, string Rationale, bool Substantial, AmendmentChanges Changes, Instant At, Actor By) : IAmendmentEvent;

/// <summary>An amendment was re-based on a later protocol version, its changes checked again.</summary>
/// <param name="BaseVersion">The version it is now written against.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("amendment.rebased")]
public sealed record AmendmentRebased(int BaseVersion, Instant At, Actor By) : IAmendmentEvent;

/// <summary>An amendment was sent to the committee.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("amendment.submitted")]
public sealed record AmendmentSubmitted(Instant At, Actor By) : IAmendmentEvent;

/// <summary>The committee started reviewing an amendment.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("amendment.review-started")]
public sealed record AmendmentReviewStarted(Instant At, Actor By) : IAmendmentEvent;

/// <summary>The committee asked for changes to an amendment.</summary>
/// <param name="Reason">What was asked for.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("amendment.changes-requested")]
public sealed record AmendmentChangesRequested(string Reason, Instant At, Actor By) : IAmendmentEvent;

/// <summary>The committee approved an amendment, after review or as a notification.</summary>
/// <param name="ApprovedOn">The approval date: the protocol's next version is in force from it.</param>
/// <param name="AsNotification">Whether it was accepted as a notification of a non-substantial change, without review.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("amendment.approved")]
public sealed record AmendmentApproved(LocalDate ApprovedOn, bool AsNotification, Instant At, Actor By) : IAmendmentEvent;

/// <summary>The committee refused an amendment.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("amendment.rejected")]
public sealed record AmendmentRejected(string Reason, Instant At, Actor By) : IAmendmentEvent;

/// <summary>The team withdrew an amendment.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("amendment.withdrawn")]
public sealed record AmendmentWithdrawn(string Reason, Instant At, Actor By) : IAmendmentEvent;
