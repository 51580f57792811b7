using System.Text.Json.Serialization;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Ledger;
using CoProduction.Programmes;
using CoProduction.Protocols;
using CoProduction.Sites;

namespace CoProduction.Persistence;

/// <summary>
/// The source-generated JSON metadata of the library's own events and of the kernel types they carry.
/// </summary>
/// <remarks>
/// <para>
/// To make a new event of this assembly storable, add ONE line here:
/// <c>[JsonSerializable(typeof(TheEvent))]</c>. <see cref="EventTypeRegistry"/> finds every listed type
/// that implements <see cref="Events.IDomainEvent"/> and carries <see cref="Events.EventNameAttribute"/>,
/// and a test fails when an event of the assembly is missing.
/// </para>
/// <para>
/// <see cref="ValueList{T}"/> hides its item type from the generator: list every item type
/// used inside a <c>ValueList</c> here too. NodaTime converters and naming come from the options
/// <see cref="EventSerializer"/> builds; enums are written as their names, so reordering an enum
/// never changes stored data.
/// </para>
/// </remarks>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Actor))]
[JsonSerializable(typeof(ProgrammeId))]
[JsonSerializable(typeof(SiteId))]
[JsonSerializable(typeof(MemberId))]
[JsonSerializable(typeof(CycleId))]
[JsonSerializable(typeof(ActivityId))]
[JsonSerializable(typeof(ProtocolId))]
[JsonSerializable(typeof(AmendmentId))]
[JsonSerializable(typeof(DeviationId))]
[JsonSerializable(typeof(DilemmaId))]
[JsonSerializable(typeof(InsightId))]
[JsonSerializable(typeof(ImpactId))]
[JsonSerializable(typeof(OutputId))]
[JsonSerializable(typeof(EngagementId))]
[JsonSerializable(typeof(CommitteeId))]
[JsonSerializable(typeof(SeriesId))]
[JsonSerializable(typeof(ParticipantId))]
[JsonSerializable(typeof(DataCollectionMethod))]
[JsonSerializable(typeof(RespondentGroup))]
[JsonSerializable(typeof(ResearchActivity))]
[JsonSerializable(typeof(MemberRole))]
[JsonSerializable(typeof(RoleKind))]
[JsonSerializable(typeof(ManagementLevel))]
[JsonSerializable(typeof(Seniority))]
// Events of the library, one line each (cycles, protocols, amendments, sites, meetings, ...):
// Sites
[JsonSerializable(typeof(SiteRegistered))]
[JsonSerializable(typeof(PartnerInstitutionAdded))]
[JsonSerializable(typeof(MemberAdded))]
[JsonSerializable(typeof(MemberJoinedRole))]
[JsonSerializable(typeof(MemberLeftRole))]
[JsonSerializable(typeof(MemberMarkedCore))]
[JsonSerializable(typeof(MemberCoreMarkCleared))]
[JsonSerializable(typeof(EngagementRecorded))]
[JsonSerializable(typeof(MemberErased))]
[JsonSerializable(typeof(MemberNamingChosen))]
// Programmes
[JsonSerializable(typeof(ProgrammeRegistered))]
[JsonSerializable(typeof(ProgrammeSiteAdded))]
[JsonSerializable(typeof(UmbrellaProtocolLinked))]
// Cycles
[JsonSerializable(typeof(CycleStarted))]
[JsonSerializable(typeof(ActivityPlanned))]
[JsonSerializable(typeof(ActivityWithdrawn))]
[JsonSerializable(typeof(ActivityRedated))]
[JsonSerializable(typeof(PlanEndorsed))]
[JsonSerializable(typeof(ActingStarted))]
[JsonSerializable(typeof(ActionRecorded))]
[JsonSerializable(typeof(ActionRecordedOutsideApproval))]
[JsonSerializable(typeof(ReflectingStarted))]
[JsonSerializable(typeof(ReflectionRecorded))]
[JsonSerializable(typeof(EvaluatingStarted))]
[JsonSerializable(typeof(EvaluationRecorded))]
[JsonSerializable(typeof(RevisingStarted))]
[JsonSerializable(typeof(RevisionRecorded))]
[JsonSerializable(typeof(NoChangeDecided))]
[JsonSerializable(typeof(CycleCompleted))]
[JsonSerializable(typeof(CyclePaused))]
[JsonSerializable(typeof(CycleResumed))]
[JsonSerializable(typeof(CycleAbandoned))]
[JsonSerializable(typeof(NextCycleStarted))]
// Scheduling
[JsonSerializable(typeof(CoProduction.Scheduling.MeetingSeriesPlanned))]
[JsonSerializable(typeof(CoProduction.Scheduling.MeetingHeld))]
[JsonSerializable(typeof(CoProduction.Scheduling.MeetingMissed))]
[JsonSerializable(typeof(CoProduction.Scheduling.MeetingCancelled))]
[JsonSerializable(typeof(CoProduction.Scheduling.MeetingRescheduled))]
// Protocols and amendments
[JsonSerializable(typeof(AmendmentDrafted))]
[JsonSerializable(typeof(AmendmentRevised))]
[JsonSerializable(typeof(AmendmentRebased))]
[JsonSerializable(typeof(AmendmentSubmitted))]
[JsonSerializable(typeof(AmendmentReviewStarted))]
[JsonSerializable(typeof(AmendmentChangesRequested))]
[JsonSerializable(typeof(AmendmentApproved))]
[JsonSerializable(typeof(AmendmentRejected))]
[JsonSerializable(typeof(AmendmentWithdrawn))]
[JsonSerializable(typeof(ProtocolDrafted))]
[JsonSerializable(typeof(ProtocolRevised))]
[JsonSerializable(typeof(ProtocolSubmitted))]
[JsonSerializable(typeof(ProtocolReviewStarted))]
[JsonSerializable(typeof(ProtocolChangesRequested))]
[JsonSerializable(typeof(ProtocolApproved))]
[JsonSerializable(typeof(ProtocolRejected))]
[JsonSerializable(typeof(ProtocolWithdrawn))]
[JsonSerializable(typeof(ProtocolSuspended))]
[JsonSerializable(typeof(ProtocolReinstated))]
[JsonSerializable(typeof(ProtocolRenewed))]
[JsonSerializable(typeof(ProtocolExpired))]
[JsonSerializable(typeof(ProtocolClosed))]
[JsonSerializable(typeof(ProtocolAmendmentLodged))]
[JsonSerializable(typeof(ProtocolAmendmentReleased))]
[JsonSerializable(typeof(ProtocolAmendmentApplied))]
[JsonSerializable(typeof(ProtocolConsentGiven))]
[JsonSerializable(typeof(ProtocolConsentWithdrawn))]
// Ethics: deviations and dilemmas
[JsonSerializable(typeof(DeviationRecorded))]
[JsonSerializable(typeof(DeviationReported))]
[JsonSerializable(typeof(DeviationClosed))]
[JsonSerializable(typeof(DilemmaRaised))]
[JsonSerializable(typeof(DilemmaDiscussed))]
[JsonSerializable(typeof(DilemmaResolved))]
[JsonSerializable(typeof(DilemmaEscalated))]
[JsonSerializable(typeof(InsightRecorded))]
[JsonSerializable(typeof(InsightSeeded))]
[JsonSerializable(typeof(InsightRetracted))]
[JsonSerializable(typeof(ImpactRecorded))]
[JsonSerializable(typeof(ImpactCorroborated))]
[JsonSerializable(typeof(ImpactRetracted))]
[JsonSerializable(typeof(OutputRecorded))]
[JsonSerializable(typeof(OutputInsightLinked))]
[JsonSerializable(typeof(OutputRetracted))]
[JsonSerializable(typeof(WiderEngagementRecorded))]
[JsonSerializable(typeof(WiderEngagementEffortAdded))]
[JsonSerializable(typeof(WiderEngagementCostAdded))]
[JsonSerializable(typeof(WiderEngagementInsightLinked))]
[JsonSerializable(typeof(WiderEngagementRetracted))]
// Item types inside ValueList<T> of the events above
[JsonSerializable(typeof(ActivityRevision))]
[JsonSerializable(typeof(ApprovalLapse))]
[JsonSerializable(typeof(CycleAction))]
[JsonSerializable(typeof(Endorsement))]
[JsonSerializable(typeof(Evaluation))]
[JsonSerializable(typeof(ExpectedStageLength))]
[JsonSerializable(typeof(PlannedActivity))]
[JsonSerializable(typeof(ProposedActivity))]
[JsonSerializable(typeof(Reflection))]
[JsonSerializable(typeof(Revision))]
[JsonSerializable(typeof(Engagement))]
[JsonSerializable(typeof(OutputAuthor))]
[JsonSerializable(typeof(EngagementParticipant))]
[JsonSerializable(typeof(EffortEntry))]
[JsonSerializable(typeof(CostEntry))]
[JsonSerializable(typeof(Money))]
[JsonSerializable(typeof(CurrencyCode))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(ScopeItem))]
[JsonSerializable(typeof(ApprovalPeriod))]
[JsonSerializable(typeof(NodaTime.LocalDate))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(CoProduction.Sites.CountryCode))]
[JsonSerializable(typeof(CoProduction.Sites.EngagementKind))]
internal sealed partial class CoProductionJsonContext : JsonSerializerContext;
