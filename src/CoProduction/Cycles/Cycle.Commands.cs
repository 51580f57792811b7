using System;
using System.Collections.Generic;
using System.Globalization;
using NodaTime;

namespace CoProduction.Cycles;

/// <content>The cycle's commands: validate the arguments, decide with the machine, check the domain's rules, record one event.</content>
public sealed partial class Cycle
{
    /// <summary>Adds an activity to the plan (Planning).</summary>
    /// <param name="activity">The activity: a new id, a title, a planned date not before the cycle began, a lead known at the site.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="ArgumentException">The activity has a blank title or prediction, or a missing id or lead.</exception>
    /// <exception cref="CommandRejectedException">Not Planning; the id is already planned; the date is before the cycle began; the lead is unknown.</exception>
    public void PlanActivity(PlannedActivity activity, Instant at, Actor by, CycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(activity);
        RequireId(activity.Id.Value, nameof(activity) + ".Id");
        RequireText(activity.Title, nameof(activity) + ".Title");
        RequireDefined(activity.Kind, nameof(activity) + ".Kind");
        RequireId(activity.Lead.Value, nameof(activity) + ".Lead");
        RequireOptionalText(activity.Prediction, nameof(activity) + ".Prediction");
        var d = Decide(CycleTrigger.PlanActivity, at, by, rules);
        if (CycleMachine.FindActivity(State, activity.Id) >= 0)
        {
            throw Rejected(d, CycleTrigger.PlanActivity, $"Activity {activity.Id} is already in the plan");
        }

        RequireNotBeforeStart(d, CycleTrigger.PlanActivity, activity.PlannedOn, $"Activity '{activity.Title}' planned");
        RequireKnownMember(d, CycleTrigger.PlanActivity, activity.Lead, "lead of activity '" + activity.Title + "'");
        Record(new ActivityPlanned(activity, at, by));
    }

    /// <summary>Plans an activity carried forward from the previous cycle, under the proposal's id (Planning).</summary>
    /// <param name="proposal">The id of one of <see cref="CycleState.Proposals"/> not planned yet.</param>
    /// <param name="plannedOn">When it is planned, in the site's calendar.</param>
    /// <param name="lead">The member who leads it.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="CommandRejectedException">Not Planning; no such proposal; already planned; see <see cref="PlanActivity"/>.</exception>
    public void PlanProposedActivity(ActivityId proposal, LocalDate plannedOn, MemberId lead, Instant at, Actor by, CycleRules rules)
    {
        RequireId(proposal.Value, nameof(proposal));
        var proposals = State.Proposals;
        for (var i = 0; i < proposals.Count; i++)
        {
            var p = proposals[i];
            if (p.Id == proposal)
            {
                PlanActivity(new PlannedActivity(p.Id, p.Title, p.Kind, p.DataCollection, plannedOn, lead, p.Prediction), at, by, rules);
                return;
            }
        }

        var d = Decide(CycleTrigger.PlanActivity, at, by, rules);
        throw Rejected(d, CycleTrigger.PlanActivity, $"No activity {proposal} was carried forward to this cycle");
    }

    /// <summary>Records a member's endorsement of the plan as it stands, dated today in the site's calendar (Planning).</summary>
    /// <param name="member">The endorsing member; must hold a role at the site today. Researchers and managers count for collective leadership.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who recorded it (the member or someone on their behalf).</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="CommandRejectedException">Not Planning; the plan is empty; the member is unknown or holds no role today; already endorsed this plan.</exception>
    public void EndorsePlan(MemberId member, Instant at, Actor by, CycleRules rules)
    {
        RequireId(member.Value, nameof(member));
        var d = Decide(CycleTrigger.EndorsePlan, at, by, rules);
        RequireKnownMember(d, CycleTrigger.EndorsePlan, member, "endorser");
        if (rules.Roster.RolesOn(State.Site, member, d.Today).Count == 0)
        {
            throw Rejected(d, CycleTrigger.EndorsePlan, $"Member {member} holds no role at site {State.Site} on {CycleMachine.Format(d.Today)}");
        }

        foreach (var e in State.Endorsements)
        {
            if (e.Member == member && e.PlanSize == State.Activities.Count)
            {
                throw Rejected(d, CycleTrigger.EndorsePlan, $"Member {member} has already endorsed the current plan");
            }
        }

        Record(new PlanEndorsed(new Endorsement(member, d.Today, State.Activities.Count), at, by));
    }

    /// <summary>Leaves Planning: the plan has an activity, is endorsed collectively, and every data-collecting activity is covered by the ethics gate on its date and today.</summary>
    /// <param name="at">When; its date in the site's zone is the day acting starts.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="CommandRejectedException">A guard is unmet (with the gate's reasons and remedies) or the cycle is not Planning.</exception>
    public void StartActing(Instant at, Actor by, CycleRules rules)
    {
        Decide(CycleTrigger.StartActing, at, by, rules);
        Record(new ActingStarted(at, by));
    }

    /// <summary>Records an action on a planned activity (Acting).</summary>
    /// <param name="action">The action: a planned activity, a date from the cycle's start to today, what was done.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <remarks>
    /// When the activity collects data and no approved protocol covers it on the action's date, the
    /// action is refused, or, under <see cref="OutOfApprovalActions.RecordWithDeviation"/>, recorded as
    /// <see cref="ActionRecordedOutsideApproval"/> with the gate's reasons.
    /// </remarks>
    /// <exception cref="ArgumentException">Blank text or a missing activity id.</exception>
    /// <exception cref="CommandRejectedException">Not Acting; unknown activity; a date outside the cycle; not covered (policy Refuse).</exception>
    public void RecordAction(CycleAction action, Instant at, Actor by, CycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(action);
        RequireId(action.Activity.Value, nameof(action) + ".Activity");
        RequireText(action.WhatWasDone, nameof(action) + ".WhatWasDone");
        RequireTexts(action.DataGenerated, nameof(action) + ".DataGenerated");
        var d = Decide(CycleTrigger.RecordAction, at, by, rules);
        var index = CycleMachine.FindActivity(State, action.Activity);
        if (index < 0)
        {
            throw Rejected(d, CycleTrigger.RecordAction, $"Activity {action.Activity} is not in the plan");
        }

        RequireNotBeforeStart(d, CycleTrigger.RecordAction, action.On, "The action");
        RequireNotAfterToday(d, CycleTrigger.RecordAction, action.On, "The action");
        var activity = State.Activities[index];
        if (activity.DataCollection is { } collection)
        {
            var decision = rules.EthicsGate.Check(new Ethics.ResearchActivity(
                activity.Title, collection.Method, collection.RespondentGroup, State.Site, action.On));
            if (!decision.IsCovered)
            {
                if (rules.Policy.OutOfApprovalActions != OutOfApprovalActions.RecordWithDeviation)
                {
                    throw Rejected(
                        d,
                        CycleTrigger.RecordAction,
                        CycleMachine.Uncovered(d, activity.Title, collection, action.On, "Action on activity")!);
                }

                var lapse = new ApprovalLapse(
                    action.Activity, action.On, new ValueList<string>(decision.Reasons), new ValueList<string>(decision.Remedies));
                Record(new ActionRecordedOutsideApproval(action, lapse, at, by));
                return;
            }
        }

        Record(new ActionRecorded(action, at, by));
    }

    /// <summary>Leaves Acting: at least one action is recorded.</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="CommandRejectedException">No action yet, or not Acting.</exception>
    public void StartReflecting(Instant at, Actor by, CycleRules rules)
    {
        Decide(CycleTrigger.StartReflecting, at, by, rules);
        Record(new ReflectingStarted(at, by));
    }

    /// <summary>Records a reflection meeting (Reflecting).</summary>
    /// <param name="reflection">The meeting: held from the cycle's start to today, attendees known at the site, at least one insight.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="ArgumentException">No attendee, a duplicate attendee, no insight, or a blank insight.</exception>
    /// <exception cref="CommandRejectedException">Not Reflecting; a date outside the cycle; an unknown attendee.</exception>
    public void RecordReflection(Reflection reflection, Instant at, Actor by, CycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(reflection);
        RequireDefined(reflection.Kind, nameof(reflection) + ".Kind");
        if (reflection.Attendees.IsEmpty)
        {
            throw new ArgumentException("A reflection has at least one attendee.", nameof(reflection));
        }

        for (var i = 0; i < reflection.Attendees.Count; i++)
        {
            RequireId(reflection.Attendees[i].Value, nameof(reflection) + ".Attendees");
            for (var j = 0; j < i; j++)
            {
                if (reflection.Attendees[j] == reflection.Attendees[i])
                {
                    throw new ArgumentException($"Attendee {reflection.Attendees[i]} is listed twice.", nameof(reflection));
                }
            }
        }

        if (reflection.Insights.IsEmpty)
        {
            throw new ArgumentException("A reflection records at least one insight.", nameof(reflection));
        }

        RequireTexts(reflection.Insights, nameof(reflection) + ".Insights");
        var d = Decide(CycleTrigger.RecordReflection, at, by, rules);
        RequireNotBeforeStart(d, CycleTrigger.RecordReflection, reflection.HeldOn, "The reflection");
        RequireNotAfterToday(d, CycleTrigger.RecordReflection, reflection.HeldOn, "The reflection");
        foreach (var attendee in reflection.Attendees)
        {
            RequireKnownMember(d, CycleTrigger.RecordReflection, attendee, "attendee");
        }

        Record(new ReflectionRecorded(reflection, at, by));
    }

    /// <summary>Leaves Reflecting: a reflection is recorded (by default, one attended by a manager).</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="CommandRejectedException">The guard is unmet, or not Reflecting.</exception>
    public void StartEvaluating(Instant at, Actor by, CycleRules rules)
    {
        Decide(CycleTrigger.StartEvaluating, at, by, rules);
        Record(new EvaluatingStarted(at, by));
    }

    /// <summary>Records the evaluation of one planned activity (Evaluating).</summary>
    /// <param name="evaluation">The evaluation: a planned activity not evaluated yet, an outcome, evidence.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="ArgumentException">Blank evidence or comparison, or a missing activity id.</exception>
    /// <exception cref="CommandRejectedException">Not Evaluating; the activity was never planned; it is already evaluated.</exception>
    public void RecordEvaluation(Evaluation evaluation, Instant at, Actor by, CycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        RequireId(evaluation.Activity.Value, nameof(evaluation) + ".Activity");
        RequireDefined(evaluation.Outcome, nameof(evaluation) + ".Outcome");
        RequireText(evaluation.Evidence, nameof(evaluation) + ".Evidence");
        RequireOptionalText(evaluation.AgainstPrediction, nameof(evaluation) + ".AgainstPrediction");
        var d = Decide(CycleTrigger.RecordEvaluation, at, by, rules);
        if (CycleMachine.FindActivity(State, evaluation.Activity) < 0)
        {
            throw Rejected(d, CycleTrigger.RecordEvaluation, $"Activity {evaluation.Activity} was never planned in this cycle");
        }

        if (CycleMachine.FindEvaluation(State, evaluation.Activity) >= 0)
        {
            throw Rejected(d, CycleTrigger.RecordEvaluation, $"Activity {evaluation.Activity} is already evaluated");
        }

        Record(new EvaluationRecorded(evaluation, at, by));
    }

    /// <summary>Leaves Evaluating: every planned activity is evaluated.</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="CommandRejectedException">An activity awaits evaluation (named), or not Evaluating.</exception>
    public void StartRevising(Instant at, Actor by, CycleRules rules)
    {
        Decide(CycleTrigger.StartRevising, at, by, rules);
        Record(new RevisingStarted(at, by));
    }

    /// <summary>Records a revision (Revising): decisions per planned activity, new proposals, lessons.</summary>
    /// <param name="revision">The revision: at least one decision, proposal or lesson.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="ArgumentException">An empty revision, blank text, or missing ids.</exception>
    /// <exception cref="CommandRejectedException">Not Revising; "no change" was decided; a decision for an unknown or already decided activity; a proposal id already used.</exception>
    public void RecordRevision(Revision revision, Instant at, Actor by, CycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(revision);
        if (revision.Decisions.IsEmpty && revision.Proposals.IsEmpty && revision.Lessons.IsEmpty)
        {
            throw new ArgumentException("A revision has at least one decision, proposal or lesson.", nameof(revision));
        }

        foreach (var decision in revision.Decisions)
        {
            ArgumentNullException.ThrowIfNull(decision, nameof(revision));
            RequireId(decision.Activity.Value, nameof(revision) + ".Decisions");
            RequireDefined(decision.Decision, nameof(revision) + ".Decisions");
            RequireText(decision.Rationale, nameof(revision) + ".Decisions");
        }

        foreach (var proposal in revision.Proposals)
        {
            ArgumentNullException.ThrowIfNull(proposal, nameof(revision));
            RequireId(proposal.Id.Value, nameof(revision) + ".Proposals");
            RequireText(proposal.Title, nameof(revision) + ".Proposals");
            RequireDefined(proposal.Kind, nameof(revision) + ".Proposals");
            RequireOptionalText(proposal.Prediction, nameof(revision) + ".Proposals");
            RequireOptionalText(proposal.Rationale, nameof(revision) + ".Proposals");
        }

        RequireTexts(revision.Lessons, nameof(revision) + ".Lessons");
        var d = Decide(CycleTrigger.RecordRevision, at, by, rules);
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
            if (CycleMachine.FindActivity(State, decision.Activity) < 0)
            {
                throw Rejected(d, CycleTrigger.RecordRevision, $"Activity {decision.Activity} was never planned in this cycle");
            }

            if (!decided.Add(decision.Activity))
            {
                throw Rejected(d, CycleTrigger.RecordRevision, $"Activity {decision.Activity} already has a revision decision");
            }
        }

        foreach (var proposal in revision.Proposals)
        {
            if (CycleMachine.FindActivity(State, proposal.Id) >= 0 || !proposed.Add(proposal.Id))
            {
                throw Rejected(d, CycleTrigger.RecordRevision, $"Id {proposal.Id} is already used by an activity or proposal of this cycle: choose a new one");
            }
        }

        Record(new RevisionRecorded(revision, at, by));
    }

    /// <summary>Decides explicitly that nothing changes for the next cycle (Revising), instead of a revision.</summary>
    /// <param name="rationale">Why.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="ArgumentException"><paramref name="rationale"/> is blank.</exception>
    /// <exception cref="CommandRejectedException">Not Revising, or a revision or "no change" is already recorded.</exception>
    public void DecideNoChange(string rationale, Instant at, Actor by, CycleRules rules)
    {
        RequireText(rationale, nameof(rationale));
        Decide(CycleTrigger.DecideNoChange, at, by, rules);
        Record(new NoChangeDecided(rationale, at, by));
    }

    /// <summary>Completes the cycle: a revision or an explicit "no change" is recorded.</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="CommandRejectedException">The guard is unmet, or not Revising.</exception>
    public void Complete(Instant at, Actor by, CycleRules rules)
    {
        Decide(CycleTrigger.Complete, at, by, rules);
        Record(new CycleCompleted(at, by));
    }

    /// <summary>Pauses the cycle for a shock; it remembers the stage and time paused is counted apart.</summary>
    /// <param name="shock">What kind of shock.</param>
    /// <param name="description">What happened.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="ArgumentException"><paramref name="description"/> is blank.</exception>
    /// <exception cref="CommandRejectedException">Already paused, or finished.</exception>
    public void Pause(ShockKind shock, string description, Instant at, Actor by, CycleRules rules)
    {
        RequireDefined(shock, nameof(shock));
        RequireText(description, nameof(description));
        Decide(CycleTrigger.Pause, at, by, rules);
        Record(new CyclePaused(shock, description, at, by));
    }

    /// <summary>Resumes a paused cycle in the stage it left.</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="CommandRejectedException">The cycle is not paused.</exception>
    public void Resume(Instant at, Actor by, CycleRules rules)
    {
        Decide(CycleTrigger.Resume, at, by, rules);
        Record(new CycleResumed(at, by));
    }

    /// <summary>Abandons the cycle from any open stage (paused included).</summary>
    /// <param name="reason">Why.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is blank.</exception>
    /// <exception cref="CommandRejectedException">The cycle is finished.</exception>
    public void Abandon(string reason, Instant at, Actor by, CycleRules rules)
    {
        RequireText(reason, nameof(reason));
        Decide(CycleTrigger.Abandon, at, by, rules);
        Record(new CycleAbandoned(reason, at, by));
    }

    /// <summary>
    /// Starts cycle n+1 at the same site from this completed cycle: adopted and adapted activities and
    /// the revisions' new proposals become the new cycle's <see cref="CycleState.Proposals"/>, and the
    /// two cycles are linked (this one records <see cref="NextCycleStarted"/>; the new one names it as previous).
    /// </summary>
    /// <param name="nextId">The new cycle's id.</param>
    /// <param name="focus">The new cycle's focus.</param>
    /// <param name="at">When.</param>
    /// <param name="by">Who.</param>
    /// <param name="rules">The rules to decide with.</param>
    /// <returns>The new cycle, in Planning, uncommitted; save it and this one.</returns>
    /// <exception cref="ArgumentException">A blank focus, or <paramref name="nextId"/> is this cycle's id.</exception>
    /// <exception cref="CommandRejectedException">This cycle is not completed, or already has a next cycle.</exception>
    public Cycle StartNext(CycleId nextId, string focus, Instant at, Actor by, CycleRules rules)
    {
        RequireId(nextId.Value, nameof(nextId));
        RequireText(focus, nameof(focus));
        if (nextId == Id)
        {
            throw new ArgumentException($"The next cycle needs its own id, not {Id}.", nameof(nextId));
        }

        var d = Decide(CycleTrigger.StartNextCycle, at, by, rules);
        var next = Begin(
            nextId, State.Site, State.Number + 1, focus, d.Zone, at, by, State.ExpectedStageLengths, Id, CarriedForward(State));
        Record(new NextCycleStarted(nextId, at, by));
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

                var a = state.Activities[CycleMachine.FindActivity(state, decision.Activity)];
                var rationale = (decision.Decision == RevisionDecision.Adapt ? "Adapted: " : "Adopted: ") + decision.Rationale;
                carried.Add(new ProposedActivity(a.Id, a.Title, a.Kind, a.DataCollection, a.Prediction, rationale));
            }

            carried.AddRange(revision.Proposals);
        }

        return new ValueList<ProposedActivity>(carried);
    }

    private static void RequireText(string? text, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text, name);
    }

    private static void RequireOptionalText(string? text, string name)
    {
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The value is optional, but when given it must not be blank.", name);
        }
    }

    private static void RequireTexts(ValueList<string> texts, string name)
    {
        foreach (var text in texts)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(text, name);
        }
    }

    private static void RequireId(string? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentException("An id is required (this one is the default, empty value).", name);
        }
    }

    private static void RequireDefined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Not a {typeof(TEnum).Name}.");
        }
    }

    private static void RequireActor(Actor by)
    {
        if (by.MemberId is null && by.Name is null)
        {
            throw new ArgumentException("An actor is required (this one is the default, empty value).", nameof(by));
        }
    }

    /// <summary>Validates the common arguments, orders the command after the latest event, and asks the machine; throws when refused.</summary>
    private CycleDecision Decide(CycleTrigger trigger, Instant at, Actor by, CycleRules rules)
    {
        RequireActor(by);
        ArgumentNullException.ThrowIfNull(rules);
        var d = new CycleDecision(State, rules, at);
        var latest = History[History.Count - 1].At;
        if (at < latest)
        {
            throw Rejected(d, trigger, string.Create(
                CultureInfo.InvariantCulture,
                $"The command is dated {at}, before the cycle's latest event at {latest}: a cycle's history is kept in order"));
        }

        // The description is built only for a refusal: an accepted command allocates no message text.
        if (!Machine.CanFire(d, State.Stage, trigger, out var reasons))
        {
            throw Machine.Reject(d, State.Stage, trigger, Description, [.. reasons]);
        }

        return d;
    }

    private CommandRejectedException Rejected(CycleDecision d, CycleTrigger trigger, string reason)
        => Machine.Reject(d, State.Stage, trigger, Description, reason);

    private void RequireNotBeforeStart(CycleDecision d, CycleTrigger trigger, LocalDate date, string what)
    {
        if (date < State.StartedOn)
        {
            throw Rejected(d, trigger, $"{what} is dated {CycleMachine.Format(date)}, before the cycle began on {CycleMachine.Format(State.StartedOn)}");
        }
    }

    private void RequireNotAfterToday(CycleDecision d, CycleTrigger trigger, LocalDate date, string what)
    {
        if (date > d.Today)
        {
            throw Rejected(d, trigger, $"{what} is dated {CycleMachine.Format(date)}, after the day it is recorded ({CycleMachine.Format(d.Today)}): record it once it has happened");
        }
    }

    private void RequireKnownMember(CycleDecision d, CycleTrigger trigger, MemberId member, string role)
    {
        if (!d.Rules.Roster.IsMember(State.Site, member))
        {
            throw Rejected(d, trigger, $"Member {member} ({role}) is not known at site {State.Site}");
        }
    }
}
