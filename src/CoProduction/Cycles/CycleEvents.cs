using CoProduction.Events;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>A cycle was started at a site: its first event.</summary>
/// <param name="Cycle">The cycle's id.</param>
/// <param name="Site">The learning site.</param>
/// <param name="Number">The cycle's number in the site's sequence (1 for the first).</param>
/// <param name="Focus">What the cycle is about.</param>
/// <param name="TimeZoneId">The site's IANA time zone, in which every date of the cycle is read.</param>
/// <param name="StartedOn">The day it started, in the site's calendar; no record of the cycle is dated earlier.</param>
/// <param name="ExpectedStageLengths">How long stages are expected to take; may be empty.</param>
/// <param name="PreviousCycle">The completed cycle this one follows, if any.</param>
/// <param name="Proposals">Activities carried forward from the previous cycle's revisions, to be planned.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.started")]
public sealed record CycleStarted(
    CycleId Cycle,
    SiteId Site,
    int Number,
    string Focus,
    string TimeZoneId,
    LocalDate StartedOn,
    ValueList<ExpectedStageLength> ExpectedStageLengths,
    CycleId? PreviousCycle,
    ValueList<ProposedActivity> Proposals,
    Instant At,
    Actor By) : ICycleEvent;

/// <summary>An activity was added to the plan.</summary>
/// <param name="Activity">The activity.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.activity-planned")]
public sealed record ActivityPlanned(PlannedActivity Activity, Instant At, Actor By) : ICycleEvent;

/// <summary>A planned activity was taken out of the plan (Planning); endorsements given before are asked for again.</summary>
/// <param name="Activity">The activity withdrawn.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.activity-withdrawn")]
public sealed record ActivityWithdrawn(ActivityId Activity, Instant At, Actor By) : ICycleEvent;

/// <summary>A planned activity was moved to another date (Planning); endorsements given before are asked for again.</summary>
/// <param name="Activity">The activity.</param>
/// <param name="PlannedOn">Its new date, in the site's calendar.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.activity-redated")]
public sealed record ActivityRedated(ActivityId Activity, LocalDate PlannedOn, Instant At, Actor By) : ICycleEvent;

/// <summary>A member endorsed the plan as it stood.</summary>
/// <param name="Endorsement">The endorsement.</param>
/// <param name="At">When.</param>
/// <param name="By">Who recorded it.</param>
[EventName("cycle.plan-endorsed")]
public sealed record PlanEndorsed(Endorsement Endorsement, Instant At, Actor By) : ICycleEvent;

/// <summary>The cycle left Planning: the plan is being carried out.</summary>
/// <param name="At">When; its date in the site's zone is the day acting started.</param>
/// <param name="By">Who.</param>
[EventName("cycle.acting-started")]
public sealed record ActingStarted(Instant At, Actor By) : ICycleEvent;

/// <summary>An action on a planned activity was recorded; its activity was covered on its date (or collects no data).</summary>
/// <param name="Action">The action.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.action-recorded")]
public sealed record ActionRecorded(CycleAction Action, Instant At, Actor By) : ICycleEvent;

/// <summary>
/// An action was recorded although no approved protocol covered its activity on its date (the
/// policy <see cref="OutOfApprovalActions.RecordWithDeviation"/>): apps open a protocol deviation from it.
/// </summary>
/// <param name="Action">The action.</param>
/// <param name="Lapse">The ethics gate's findings.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.action-recorded-outside-approval")]
public sealed record ActionRecordedOutsideApproval(CycleAction Action, ApprovalLapse Lapse, Instant At, Actor By) : ICycleEvent;

/// <summary>The cycle left Acting and started reflecting.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.reflecting-started")]
public sealed record ReflectingStarted(Instant At, Actor By) : ICycleEvent;

/// <summary>A reflection meeting was recorded.</summary>
/// <param name="Reflection">The reflection.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.reflection-recorded")]
public sealed record ReflectionRecorded(Reflection Reflection, Instant At, Actor By) : ICycleEvent;

/// <summary>The cycle left Reflecting and started evaluating.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.evaluating-started")]
public sealed record EvaluatingStarted(Instant At, Actor By) : ICycleEvent;

/// <summary>A planned activity was evaluated.</summary>
/// <param name="Evaluation">The evaluation.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.evaluation-recorded")]
public sealed record EvaluationRecorded(Evaluation Evaluation, Instant At, Actor By) : ICycleEvent;

/// <summary>The cycle left Evaluating and started revising.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.revising-started")]
public sealed record RevisingStarted(Instant At, Actor By) : ICycleEvent;

/// <summary>A revision was recorded.</summary>
/// <param name="Revision">The revision.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.revision-recorded")]
public sealed record RevisionRecorded(Revision Revision, Instant At, Actor By) : ICycleEvent;

/// <summary>The team decided explicitly that nothing changes for the next cycle.</summary>
/// <param name="Rationale">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.no-change-decided")]
public sealed record NoChangeDecided(string Rationale, Instant At, Actor By) : ICycleEvent;

/// <summary>The cycle was completed.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.completed")]
public sealed record CycleCompleted(Instant At, Actor By) : ICycleEvent;

/// <summary>The cycle was paused by a shock; it remembers the stage it left.</summary>
/// <param name="Shock">What kind of shock.</param>
/// <param name="Description">What happened.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.paused")]
public sealed record CyclePaused(ShockKind Shock, string Description, Instant At, Actor By) : ICycleEvent;

/// <summary>The cycle resumed in the stage it was paused in.</summary>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.resumed")]
public sealed record CycleResumed(Instant At, Actor By) : ICycleEvent;

/// <summary>The cycle was abandoned.</summary>
/// <param name="Reason">Why.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.abandoned")]
public sealed record CycleAbandoned(string Reason, Instant At, Actor By) : ICycleEvent;

/// <summary>The next cycle at the site was started from this completed one.</summary>
/// <param name="NextCycle">The new cycle's id.</param>
/// <param name="At">When.</param>
/// <param name="By">Who.</param>
[EventName("cycle.next-cycle-started")]
public sealed record NextCycleStarted(CycleId NextCycle, Instant At, Actor By) : ICycleEvent;
