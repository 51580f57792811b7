using System;
using System.Collections.Generic;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Cycles;

/// <content>The cycle's commands: the values checked themselves; go through the pipeline, check the rules that depend on the arguments, record one event.</content>
public sealed partial class Cycle
{
    /// <summary>Adds an activity to the plan (Planning).</summary>
    /// <param name="activity">The activity: a new id, a planned date not before the cycle began, a lead known at the site.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">Not Planning; the id is already planned; the date is before the cycle began; the lead is unknown.</exception>
    public void PlanActivity(PlannedActivity activity, CycleContext context)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var d = Decide(CycleTrigger.PlanActivity, context);
        if (State.FindActivity(activity.Id) >= 0)
        {
            throw Refuse(d, CycleTrigger.PlanActivity, $"Activity {activity.Id} is already in the plan");
        }

        RequireNotBeforeStart(d, CycleTrigger.PlanActivity, activity.PlannedOn, $"Activity '{activity.Title}'");
        RequireKnownMember(d, CycleTrigger.PlanActivity, activity.Lead, "lead of activity '" + activity.Title + "'");
        Record(new ActivityPlanned(activity, context.At, context.By));
    }

    /// <summary>Plans an activity carried forward from the previous cycle, under the proposal's id (Planning).</summary>
    /// <param name="proposal">The id of one of <see cref="CycleState.Proposals"/> not planned yet.</param>
    /// <param name="plannedOn">When it is planned, in the site's calendar.</param>
    /// <param name="lead">The member who leads it.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default id, lead or context.</exception>
    /// <exception cref="CommandRejectedException">Not Planning; no such proposal; already planned; see <see cref="PlanActivity"/>.</exception>
    public void PlanProposedActivity(ActivityId proposal, LocalDate plannedOn, MemberId lead, CycleContext context)
    {
        Preconditions.CheckId(proposal, nameof(proposal));
        foreach (var p in State.Proposals)
        {
            if (p.Id == proposal)
            {
                PlanActivity(new PlannedActivity(p.Id, p.Title, p.Kind, p.DataCollection, plannedOn, lead, p.Prediction), context);
                return;
            }
        }

        var d = Decide(CycleTrigger.PlanActivity, context);
        throw Refuse(d, CycleTrigger.PlanActivity, $"No activity {proposal} was carried forward to this cycle");
    }

    /// <summary>Takes an activity out of the plan (Planning); endorsements given before are asked for again.</summary>
    /// <param name="activity">The planned activity.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default id or context.</exception>
    /// <exception cref="CommandRejectedException">Not Planning; the plan is empty; the activity is not in the plan.</exception>
    public void WithdrawActivity(ActivityId activity, CycleContext context)
    {
        Preconditions.CheckId(activity, nameof(activity));
        var d = Decide(CycleTrigger.WithdrawActivity, context);
        RequirePlanned(d, CycleTrigger.WithdrawActivity, activity);
        Record(new ActivityWithdrawn(activity, context.At, context.By));
    }

    /// <summary>Moves a planned activity to another date (Planning); endorsements given before are asked for again.</summary>
    /// <param name="activity">The planned activity.</param>
    /// <param name="plannedOn">Its new date, in the site's calendar; not before the cycle began, not its current date.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default id or context.</exception>
    /// <exception cref="CommandRejectedException">Not Planning; the plan is empty; the activity is not in the plan; the date is its current one or before the cycle began.</exception>
    public void RedateActivity(ActivityId activity, LocalDate plannedOn, CycleContext context)
    {
        Preconditions.CheckId(activity, nameof(activity));
        var d = Decide(CycleTrigger.RedateActivity, context);
        var planned = State.Activities[RequirePlanned(d, CycleTrigger.RedateActivity, activity)];
        if (planned.PlannedOn == plannedOn)
        {
            throw Refuse(d, CycleTrigger.RedateActivity, $"Activity '{planned.Title}' is already planned on {CycleMachine.Format(plannedOn)}");
        }

        RequireNotBeforeStart(d, CycleTrigger.RedateActivity, plannedOn, $"Activity '{planned.Title}'");
        Record(new ActivityRedated(activity, plannedOn, context.At, context.By));
    }

    /// <summary>Records a member's endorsement of the plan as it stands, dated today in the site's calendar (Planning).</summary>
    /// <param name="member">The endorsing member; must hold a role at the site today. Researchers and managers count for collective leadership.</param>
    /// <param name="context">When, by whom (the member or someone on their behalf), and the rules.</param>
    /// <exception cref="ArgumentException">A default member or context.</exception>
    /// <exception cref="CommandRejectedException">Not Planning; the plan is empty; the member is unknown or holds no role today; already endorsed this plan.</exception>
    public void EndorsePlan(MemberId member, CycleContext context)
    {
        Preconditions.CheckId(member, nameof(member));
        var d = Decide(CycleTrigger.EndorsePlan, context);
        RequireKnownMember(d, CycleTrigger.EndorsePlan, member, "endorser");
        if (d.Rules.Roster.RolesOn(State.Site, member, d.Today).Count == 0)
        {
            throw Refuse(d, CycleTrigger.EndorsePlan, $"Member {member} holds no role at site {State.Site} on {CycleMachine.Format(d.Today)}");
        }

        foreach (var e in State.Endorsements)
        {
            if (e.Member == member && e.PlanRevision == State.PlanRevision)
            {
                throw Refuse(d, CycleTrigger.EndorsePlan, $"Member {member} has already endorsed the current plan");
            }
        }

        Record(new PlanEndorsed(new Endorsement(member, d.Today, State.PlanRevision), context.At, context.By));
    }

    /// <summary>Leaves Planning: the plan has an activity, is endorsed collectively, and every data-collecting activity is covered by the ethics gate on its date and today.</summary>
    /// <param name="context">When (its date in the site's zone is the day acting starts), by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">A guard is unmet (with the gate's reasons and remedies) or the cycle is not Planning.</exception>
    public void StartActing(CycleContext context)
    {
        Decide(CycleTrigger.StartActing, context);
        Record(new ActingStarted(context.At, context.By));
    }

    /// <summary>Records an action on a planned activity (Acting).</summary>
    /// <param name="action">The action: a planned activity, a date from the cycle's start to today, what was done.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <remarks>
    /// When the activity collects data and no approved protocol covers it on the action's date, the
    /// action is refused, or, under <see cref="OutOfApprovalActions.RecordWithDeviation"/>, recorded as
    /// <see cref="ActionRecordedOutsideApproval"/> with the gate's reasons and the protocol and version it deviates from
    /// (the DI layer's <c>DeviationWorkflow</c> opens the <see cref="ProtocolDeviation"/> in the same write).
    /// </remarks>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">
    /// Not Acting; unknown activity; a date outside the cycle; not covered (policy Refuse, or no protocol to deviate from);
    /// or the study is paused (its protocol's approval lapsed and its committee pauses research until renewal: the unmet guard
    /// <see cref="StudyPausedGuard"/>, whatever the policy).
    /// </exception>
    public void RecordAction(CycleAction action, CycleContext context)
    {
        ArgumentNullException.ThrowIfNull(action);
        var d = Decide(CycleTrigger.RecordAction, context);
        var index = State.FindActivity(action.Activity);
        if (index < 0)
        {
            throw Refuse(d, CycleTrigger.RecordAction, $"Activity {action.Activity} is not in the plan");
        }

        RequireNotBeforeStart(d, CycleTrigger.RecordAction, action.On, "The action");
        RequireNotAfterToday(d, CycleTrigger.RecordAction, action.On, "The action");
        var activity = State.Activities[index];
        if (activity.DataCollection is { } collection && CycleMachine.Check(d, activity, collection, action.On) is { IsCovered: false } decision)
        {
            if (decision.Breach is { PausesStudy: true } paused)
            {
                // The committee pauses the study while the renewal is late: no data collection, deviation or not.
                throw Machine.Reject(d, CycleTrigger.RecordAction, Description, Refusal.GuardsUnmet([CycleMachine.StudyPaused(activity.Title, paused, action.On)]));
            }

            if (d.Rules.Policy.OutOfApprovalActions != OutOfApprovalActions.RecordWithDeviation)
            {
                throw Refuse(d, CycleTrigger.RecordAction, CycleMachine.Uncovered("Action on activity", activity.Title, decision, CycleMachine.Format(action.On)));
            }

            if (decision.Breach is not { } breach)
            {
                throw Refuse(
                    d,
                    CycleTrigger.RecordAction,
                    CycleMachine.Uncovered("Action on activity", activity.Title, decision, CycleMachine.Format(action.On))
                    + "; no protocol of the site was approved or lapsed on that date, so there is no protocol to open a deviation against: draft and approve one first");
            }

            var lapse = new ApprovalLapse(
                action.Activity, action.On, new ValueList<string>(decision.Reasons), new ValueList<string>(decision.Remedies), breach.Protocol, breach.Version);
            Record(new ActionRecordedOutsideApproval(action, lapse, context.At, context.By));
            return;
        }

        Record(new ActionRecorded(action, context.At, context.By));
    }

    /// <summary>Leaves Acting: at least one action is recorded.</summary>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">No action yet, or not Acting.</exception>
    public void StartReflecting(CycleContext context)
    {
        Decide(CycleTrigger.StartReflecting, context);
        Record(new ReflectingStarted(context.At, context.By));
    }

    /// <summary>Records a reflection meeting (Reflecting).</summary>
    /// <param name="reflection">The meeting: held from the cycle's start to today, attendees known at the site.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">Not Reflecting; a date outside the cycle; an unknown attendee.</exception>
    public void RecordReflection(Reflection reflection, CycleContext context)
    {
        ArgumentNullException.ThrowIfNull(reflection);
        var d = Decide(CycleTrigger.RecordReflection, context);
        RequireNotBeforeStart(d, CycleTrigger.RecordReflection, reflection.HeldOn, "The reflection");
        RequireNotAfterToday(d, CycleTrigger.RecordReflection, reflection.HeldOn, "The reflection");
        foreach (var attendee in reflection.Attendees)
        {
            RequireKnownMember(d, CycleTrigger.RecordReflection, attendee, "attendee");
        }

        Record(new ReflectionRecorded(reflection, context.At, context.By));
    }

    /// <summary>Leaves Reflecting: a reflection is recorded (by default, one attended by a manager).</summary>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">The guard is unmet, or not Reflecting.</exception>
    public void StartEvaluating(CycleContext context)
    {
        Decide(CycleTrigger.StartEvaluating, context);
        Record(new EvaluatingStarted(context.At, context.By));
    }

    /// <summary>Records the evaluation of one planned activity (Evaluating).</summary>
    /// <param name="evaluation">The evaluation: a planned activity not evaluated yet, an outcome, evidence.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">Not Evaluating; the activity was never planned; it is already evaluated.</exception>
    public void RecordEvaluation(Evaluation evaluation, CycleContext context)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var d = Decide(CycleTrigger.RecordEvaluation, context);
        if (State.FindActivity(evaluation.Activity) < 0)
        {
            throw Refuse(d, CycleTrigger.RecordEvaluation, $"Activity {evaluation.Activity} was never planned in this cycle");
        }

        if (State.FindEvaluation(evaluation.Activity) >= 0)
        {
            throw Refuse(d, CycleTrigger.RecordEvaluation, $"Activity {evaluation.Activity} is already evaluated");
        }

        Record(new EvaluationRecorded(evaluation, context.At, context.By));
    }

    /// <summary>Leaves Evaluating: every planned activity is evaluated.</summary>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">An activity awaits evaluation (named), or not Evaluating.</exception>
    public void StartRevising(CycleContext context)
    {
        Decide(CycleTrigger.StartRevising, context);
        Record(new RevisingStarted(context.At, context.By));
    }

    /// <summary>Records a revision (Revising): decisions per planned activity, new proposals, lessons.</summary>
    /// <param name="revision">The revision.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">Not Revising; "no change" was decided; a decision for an unknown or already decided activity; a proposal id already used.</exception>
    public void RecordRevision(Revision revision, CycleContext context)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var d = Decide(CycleTrigger.RecordRevision, context);
        var decided = new HashSet<ActivityId>();
        var proposed = new HashSet<ActivityId>();
        foreach (var earlier in State.Revisions)
        {
            foreach (var x in earlier.Decisions)
            {
                decided.Add(x.Activity);
            }

            foreach (var x in earlier.Proposals)
            {
                proposed.Add(x.Id);
            }
        }

        foreach (var decision in revision.Decisions)
        {
            if (State.FindActivity(decision.Activity) < 0)
            {
                throw Refuse(d, CycleTrigger.RecordRevision, $"Activity {decision.Activity} was never planned in this cycle");
            }

            if (!decided.Add(decision.Activity))
            {
                throw Refuse(d, CycleTrigger.RecordRevision, $"Activity {decision.Activity} already has a revision decision");
            }
        }

        foreach (var proposal in revision.Proposals)
        {
            if (State.FindActivity(proposal.Id) >= 0 || !proposed.Add(proposal.Id))
            {
                throw Refuse(d, CycleTrigger.RecordRevision, $"Id {proposal.Id} is already used by an activity or proposal of this cycle: choose a new one");
            }
        }

        Record(new RevisionRecorded(revision, context.At, context.By));
    }

    /// <summary>Decides explicitly that nothing changes for the next cycle (Revising), instead of a revision.</summary>
    /// <param name="rationale">Why; free text, not blank.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A blank rationale or a default context.</exception>
    /// <exception cref="CommandRejectedException">Not Revising, or a revision or "no change" is already recorded.</exception>
    public void DecideNoChange(string rationale, CycleContext context)
    {
        Preconditions.CheckText(rationale, nameof(rationale));
        Decide(CycleTrigger.DecideNoChange, context);
        Record(new NoChangeDecided(rationale, context.At, context.By));
    }

    /// <summary>Completes the cycle: a revision or an explicit "no change" is recorded.</summary>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">The guard is unmet, or not Revising.</exception>
    public void Complete(CycleContext context)
    {
        Decide(CycleTrigger.Complete, context);
        Record(new CycleCompleted(context.At, context.By));
    }

    /// <summary>Pauses the cycle for a shock; it remembers the stage and time paused is counted apart.</summary>
    /// <param name="shock">What kind of shock.</param>
    /// <param name="description">What happened; free text, not blank.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">An undefined shock, a blank description or a default context.</exception>
    /// <exception cref="CommandRejectedException">Already paused, or finished.</exception>
    public void Pause(ShockKind shock, string description, CycleContext context)
    {
        Preconditions.CheckDefined(shock, nameof(shock));
        Preconditions.CheckText(description, nameof(description));
        Decide(CycleTrigger.Pause, context);
        Record(new CyclePaused(shock, description, context.At, context.By));
    }

    /// <summary>Resumes a paused cycle in the stage it left.</summary>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A default context.</exception>
    /// <exception cref="CommandRejectedException">The cycle is not paused.</exception>
    public void Resume(CycleContext context)
    {
        Decide(CycleTrigger.Resume, context);
        Record(new CycleResumed(context.At, context.By));
    }

    /// <summary>Abandons the cycle from any open stage (paused included).</summary>
    /// <param name="reason">Why; free text, not blank.</param>
    /// <param name="context">When, by whom, and the rules.</param>
    /// <exception cref="ArgumentException">A blank reason or a default context.</exception>
    /// <exception cref="CommandRejectedException">The cycle is finished.</exception>
    public void Abandon(string reason, CycleContext context)
    {
        Preconditions.CheckText(reason, nameof(reason));
        Decide(CycleTrigger.Abandon, context);
        Record(new CycleAbandoned(reason, context.At, context.By));
    }

    /// <summary>
    /// Starts cycle n+1 at the same site from this completed cycle, in the site's zone as the roster
    /// gives it: adopted and adapted activities and the revisions' new proposals become the new
    /// cycle's <see cref="CycleState.Proposals"/>, and the two cycles are linked (this one records
    /// <see cref="NextCycleStarted"/>; the new one names it as previous).
    /// </summary>
    /// <param name="nextId">The new cycle's id; not this cycle's.</param>
    /// <param name="focus">The new cycle's focus; a title.</param>
    /// <param name="context">When, by whom, and the rules (whose roster knows the site).</param>
    /// <returns>The new cycle, in Planning, uncommitted; save it and this one.</returns>
    /// <exception cref="ArgumentException">A default id, a blank or padded focus, <paramref name="nextId"/> is this cycle's id, or a default context.</exception>
    /// <exception cref="CommandRejectedException">This cycle is not completed, or already has a next cycle.</exception>
    /// <exception cref="UnknownSiteException">The roster does not know the site.</exception>
    public Cycle StartNext(CycleId nextId, string focus, CycleContext context)
    {
        var opening = new CycleOpening(nextId, State.Site, State.Number + 1, focus)
        {
            ExpectedStageLengths = State.ExpectedStageLengths,
        };
        if (nextId == Id)
        {
            throw new ArgumentException($"The next cycle needs its own id, not {Id}.", nameof(nextId));
        }

        Decide(CycleTrigger.StartNextCycle, context);
        var next = Begin(opening, context, Id, CarriedForward(State));
        Record(new NextCycleStarted(nextId, context.At, context.By));
        return next;
    }

    private static ValueList<ProposedActivity> CarriedForward(CycleState state)
    {
        var carried = new List<ProposedActivity>();
        foreach (var revision in state.Revisions)
        {
            foreach (var decision in revision.Decisions)
            {
                if (decision.Decision == RevisionDecision.Abandon)
                {
                    continue;
                }

                var a = state.Activities[state.FindActivity(decision.Activity)];
                var rationale = (decision.Decision == RevisionDecision.Adapt ? "Adapted: " : "Adopted: ") + decision.Rationale;
                carried.Add(new ProposedActivity(a.Id, a.Title, a.Kind, a.DataCollection, a.Prediction, rationale));
            }

            carried.AddRange(revision.Proposals);
        }

        return new ValueList<ProposedActivity>(carried);
    }

    /// <summary>The one pipeline (stamp, order of instants, the machine's table and guards) with the machine's context built from the command's; throws when refused.</summary>
    private CycleDecision Decide(CycleTrigger trigger, CycleContext context)
    {
        CycleContext.Require(context);
        var d = new CycleDecision(State, context.Rules, context.At);
        Decide(Machine, d, trigger, context.Stamp);
        return d;
    }

    private CommandRejectedException Refuse(CycleDecision d, CycleTrigger trigger, string reason) => Refuse(Machine, d, trigger, reason);

    private int RequirePlanned(CycleDecision d, CycleTrigger trigger, ActivityId activity)
    {
        var index = State.FindActivity(activity);
        return index >= 0 ? index : throw Refuse(d, trigger, $"Activity {activity} is not in the plan");
    }

    private void RequireNotBeforeStart(CycleDecision d, CycleTrigger trigger, LocalDate date, string what)
    {
        if (date < State.StartedOn)
        {
            throw Refuse(d, trigger, $"{what} is dated {CycleMachine.Format(date)}, before the cycle began on {CycleMachine.Format(State.StartedOn)}");
        }
    }

    private void RequireNotAfterToday(CycleDecision d, CycleTrigger trigger, LocalDate date, string what)
    {
        if (date > d.Today)
        {
            throw Refuse(d, trigger, $"{what} is dated {CycleMachine.Format(date)}, after the day it is recorded ({CycleMachine.Format(d.Today)}): record it once it has happened");
        }
    }

    private void RequireKnownMember(CycleDecision d, CycleTrigger trigger, MemberId member, string role)
    {
        if (!d.Rules.Roster.IsMember(State.Site, member))
        {
            throw Refuse(d, trigger, $"Member {member} ({role}) is not known at site {State.Site}");
        }
    }
}
