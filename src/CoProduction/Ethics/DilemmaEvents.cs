using CoProduction.Events;
using NodaTime;

namespace CoProduction.Ethics;

/// <summary>An event in an ethical dilemma's history.</summary>
public interface IDilemmaEvent : IDomainEvent
{
}

/// <summary>An ethical dilemma was raised.</summary>
/// <param name="Dilemma">The dilemma's id.</param>
/// <param name="Site">Where it arose.</param>
/// <param name="Protocol">The protocol concerned, if any.</param>
/// <param name="Description">What the dilemma is.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("dilemma.raised")]
public sealed record DilemmaRaised(DilemmaId Dilemma, SiteId Site, ProtocolId? Protocol, string Description, Instant At, Actor By) : IDilemmaEvent;

/// <summary>A dilemma was discussed.</summary>
/// <param name="Notes">What was said and considered.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("dilemma.discussed")]
public sealed record DilemmaDiscussed(string Notes, Instant At, Actor By) : IDilemmaEvent;

/// <summary>A dilemma was resolved within the team.</summary>
/// <param name="Resolution">How.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("dilemma.resolved")]
public sealed record DilemmaResolved(string Resolution, Instant At, Actor By) : IDilemmaEvent;

/// <summary>A dilemma was escalated beyond the team.</summary>
/// <param name="To">To whom (a committee, a sounding board).</param>
/// <param name="Amendment">The amendment it led to, if any.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("dilemma.escalated")]
public sealed record DilemmaEscalated(string To, AmendmentId? Amendment, Instant At, Actor By) : IDilemmaEvent;
