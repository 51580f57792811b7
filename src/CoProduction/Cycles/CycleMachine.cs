using System.Collections.Generic;
using System.Globalization;
using CoProduction.Ethics;
using CoProduction.Events;
using CoProduction.Sites;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Cycles;

/// <summary>
/// The action-learning cycle's machine, defined once: stages, triggers, and typed guards whose
/// descriptions are the unmet problem (what users read and the diagrams show) and which carry their
/// own explanations.
/// </summary>
internal static class CycleMachine
{
    /// <summary>The open stages: those a cycle can be paused in and abandoned from.</summary>
    internal static readonly CycleStage[] WorkingStages =
        [CycleStage.Planning, CycleStage.Acting, CycleStage.Reflecting, CycleStage.Evaluating, CycleStage.Revising];

    // Records whose rules depend on the command's arguments: no guard, the command checks the rule,
    // and the label says what it checks (it appears on the diagram).
    internal const string NewActivity = "a new activity, dated from the cycle's start, led by a member of the site";
    internal const string ActionRules = "on a planned activity, dated from the cycle's start to today, covered by the ethics gate on that date";
    internal const string ReflectionRules = "attendees known at the site, at least one insight";

    internal static readonly Guard<CycleDecision> NoActivity = new(
        "the plan has no activity yet",
        static d => d.State.Activities.Count > 0);

    internal static readonly Guard<CycleDecision> NotEndorsed = new(
        "the current plan is not endorsed by a researcher and a manager",
        static d => IsEndorsed(d, null),
        static d =>
        {
            var reasons = new List<string>();
            IsEndorsed(d, reasons);
            return reasons;
        });

    internal static readonly Guard<CycleDecision> NotCovered = new(
        "a data-collecting activity is not covered by an approved protocol on its date or on the day acting starts",
        static d => IsCovered(d, null),
        static d =>
        {
            var reasons = new List<string>();
            IsCovered(d, reasons);
            return reasons;
        });

    internal static readonly Guard<CycleDecision> NoAction = new(
        "no action is recorded yet",
        static d => d.State.Actions.Count > 0);

    internal static readonly Guard<CycleDecision> NoQualifyingReflection = new(
        "no reflection with a manager present is recorded yet",
        HasQualifyingReflection,
        static d => [d.State.Reflections.Count == 0
            ? "No reflection is recorded yet"
            : "No recorded reflection was attended by a member holding a manager role on the meeting's date (policy: a manager is present)"]);

    internal static readonly Guard<CycleDecision> EveryActivityEvaluated = new(
        "every planned activity is already evaluated",
        static d => !AllActivitiesEvaluated(d.State));

    internal static readonly Guard<CycleDecision> ActivityAwaitsEvaluation = new(
        "a planned activity awaits its evaluation",
        static d => AllActivitiesEvaluated(d.State),
        static d =>
        {
            var reasons = new List<string>();
            foreach (var a in d.State.Activities)
            {
                if (d.State.FindEvaluation(a.Id) < 0)
                {
                    reasons.Add($"Planned activity '{a.Title}' ({a.Id}) is not evaluated yet");
                }
            }

            return reasons;
        });

    internal static readonly Guard<CycleDecision> NoChangeAlreadyDecided = new(
        "'no change' is already decided",
        static d => d.State.NoChangeRationale is null);

    internal static readonly Guard<CycleDecision> AlreadyDecided = new(
        "a revision or 'no change' is already recorded",
        static d => HasDecidedNothing(d.State));

    internal static readonly Guard<CycleDecision> NothingDecided = new(
        "no revision or 'no change' decision is recorded yet",
        static d => !HasDecidedNothing(d.State));

    internal static readonly Guard<CycleDecision> NextCycleAlreadyStarted = new(
        "a next cycle is already started from it",
        static d => d.State.NextCycle is null);

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>
    /// The unmet guard of a data-collecting action while its protocol's approval is lapsed and the protocol's committee
    /// pauses research until renewal (<see cref="Protocols.CommitteePolicy.LateRenewalPausesStudy"/>).
    /// </summary>
    internal static UnmetGuard StudyPaused(string title, ProtocolBreach breach, LocalDate on) => new(
        Cycle.StudyPausedGuard,
        [string.Create(
            CultureInfo.InvariantCulture,
            $"Action on activity '{title}' on {Format(on)} collects data under protocol '{breach.Protocol}' version {breach.Version}, whose approval has lapsed; committee '{breach.Committee}' pauses the study until the renewal is approved: renew protocol '{breach.Protocol}' before collecting data again")]);

    /// <summary>Gets the machine, defined once.</summary>
    public static AggregateMachine<CycleStage, CycleTrigger, CycleDecision> Machine { get; } = new(
        static d => d.State.Stage,
        static m =>
        {
            m.In(CycleStage.Planning)
                .Record(CycleTrigger.PlanActivity, NewActivity)
                .Record(CycleTrigger.WithdrawActivity, NoActivity)
                .Record(CycleTrigger.RedateActivity, NoActivity)
                .Record(CycleTrigger.EndorsePlan, NoActivity)
                .Permit(CycleTrigger.StartActing, CycleStage.Acting, NoActivity, NotEndorsed, NotCovered);
            m.In(CycleStage.Acting)
                .Record(CycleTrigger.RecordAction, ActionRules)
                .Permit(CycleTrigger.StartReflecting, CycleStage.Reflecting, NoAction);
            m.In(CycleStage.Reflecting)
                .Record(CycleTrigger.RecordReflection, ReflectionRules)
                .Permit(CycleTrigger.StartEvaluating, CycleStage.Evaluating, NoQualifyingReflection);
            m.In(CycleStage.Evaluating)
                .Record(CycleTrigger.RecordEvaluation, EveryActivityEvaluated)
                .Permit(CycleTrigger.StartRevising, CycleStage.Revising, ActivityAwaitsEvaluation);
            m.In(CycleStage.Revising)
                .Record(CycleTrigger.RecordRevision, NoChangeAlreadyDecided)
                .Record(CycleTrigger.DecideNoChange, AlreadyDecided)
                .Permit(CycleTrigger.Complete, CycleStage.Completed, NothingDecided);
            foreach (var stage in WorkingStages)
            {
                m.In(stage)
                    .Permit(CycleTrigger.Pause, CycleStage.Paused)
                    .Permit(CycleTrigger.Abandon, CycleStage.Abandoned);
            }

            var paused = m.In(CycleStage.Paused).Permit(CycleTrigger.Abandon, CycleStage.Abandoned);
            foreach (var stage in WorkingStages)
            {
                // One Resume per remembered stage, so the diagram and the replay table name where it returns.
                var target = stage;
                paused.Permit(CycleTrigger.Resume, target, new Guard<CycleDecision>(PausedIn(target), d => d.State.PausedFrom == target));
            }

            m.In(CycleStage.Completed).Record(CycleTrigger.StartNextCycle, NextCycleAlreadyStarted);
            m.In(CycleStage.Abandoned);
        });

    /// <summary>The trigger an event records, for the replay check.</summary>
    /// <param name="event">An event after the first.</param>
    /// <returns>The trigger.</returns>
    public static CycleTrigger TriggerOf(ICycleEvent @event) => @event switch
    {
        ActionRecorded or ActionRecordedOutsideApproval => CycleTrigger.RecordAction,
        ActivityPlanned => CycleTrigger.PlanActivity,
        PlanEndorsed => CycleTrigger.EndorsePlan,
        ReflectionRecorded => CycleTrigger.RecordReflection,
        EvaluationRecorded => CycleTrigger.RecordEvaluation,
        RevisionRecorded => CycleTrigger.RecordRevision,
        ActingStarted => CycleTrigger.StartActing,
        ReflectingStarted => CycleTrigger.StartReflecting,
        EvaluatingStarted => CycleTrigger.StartEvaluating,
        RevisingStarted => CycleTrigger.StartRevising,
        CycleCompleted => CycleTrigger.Complete,
        ActivityWithdrawn => CycleTrigger.WithdrawActivity,
        ActivityRedated => CycleTrigger.RedateActivity,
        NoChangeDecided => CycleTrigger.DecideNoChange,
        CyclePaused => CycleTrigger.Pause,
        CycleResumed => CycleTrigger.Resume,
        CycleAbandoned => CycleTrigger.Abandon,
        NextCycleStarted => CycleTrigger.StartNextCycle,
        _ => throw Fold.Unknown<CycleState>(@event),
    };

    /// <summary>The description of the guard of Resume to <paramref name="stage"/>.</summary>
    internal static string PausedIn(CycleStage stage) => "the cycle was not paused in " + stage.ToString();

    internal static string Format(LocalDate date) => DatePattern.Format(date);

    internal static bool AllActivitiesEvaluated(CycleState state)
    {
        var activities = state.Activities;
        if (state.Evaluations.Count < activities.Count)
        {
            return false;
        }

        for (var i = 0; i < activities.Count; i++)
        {
            if (state.FindEvaluation(activities[i].Id) < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The ethics gate's finding on one activity as the sentence a user reads: the headline with the
    /// dates asked, the gate's remedies and its details. <paramref name="dates"/> names each date once.
    /// </summary>
    internal static string Uncovered(string what, string title, EthicsGateDecision decision, string dates)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{what} '{title}' is not covered by any approved protocol on {dates}");
        if (decision.Remedies.Count > 0)
        {
            text += ": " + string.Join(" or ", decision.Remedies);
        }

        var details = GateDetails(decision);
        if (details.Count > 0)
        {
            text += " (" + string.Join("; ", details) + ")";
        }

        return text;
    }

    /// <summary>Asks the ethics gate about one activity on one date.</summary>
    internal static EthicsGateDecision Check(CycleDecision d, PlannedActivity activity, DataCollection collection, LocalDate date)
        => d.Rules.EthicsGate.Check(new ResearchActivity(activity.Title, collection.Method, collection.RespondentGroup, d.State.Site, date, collection.Participants));

    /// <summary>What the gate says each protocol lacks (its details; the headline is restated by the caller), each once, without closing punctuation.</summary>
    private static List<string> GateDetails(EthicsGateDecision decision)
    {
        var details = new List<string>(decision.Details.Count);
        foreach (var reason in decision.Details)
        {
            var detail = reason.TrimEnd('.');
            if (!details.Contains(detail))
            {
                details.Add(detail);
            }
        }

        return details;
    }

    private static bool HasDecidedNothing(CycleState state) => state.Revisions.Count == 0 && state.NoChangeRationale is null;

    /// <summary>
    /// Whether every data-collecting activity is covered on its planned date and today; collects the
    /// reasons when asked, once per activity when both dates fail the same way.
    /// </summary>
    private static bool IsCovered(CycleDecision d, List<string>? reasons)
    {
        var covered = true;
        var activities = d.State.Activities;
        for (var i = 0; i < activities.Count; i++)
        {
            var a = activities[i];
            if (a.DataCollection is not { } collection)
            {
                continue;
            }

            var planned = Check(d, a, collection, a.PlannedOn);
            var today = a.PlannedOn == d.Today ? planned : Check(d, a, collection, d.Today);
            if (planned.IsCovered && today.IsCovered)
            {
                continue;
            }

            covered = false;
            if (reasons is null)
            {
                return false;
            }

            var plannedOn = Format(a.PlannedOn) + " (its planned date)";
            var actingOn = Format(d.Today) + " (the day acting starts)";
            if (ReferenceEquals(planned, today))
            {
                reasons.Add(Uncovered("Planned activity", a.Title, planned, Format(a.PlannedOn)));
            }
            else if (!planned.IsCovered && !today.IsCovered && SameFailure(planned, today))
            {
                reasons.Add(Uncovered("Planned activity", a.Title, planned, plannedOn + " nor on " + actingOn));
            }
            else
            {
                if (!planned.IsCovered)
                {
                    reasons.Add(Uncovered("Planned activity", a.Title, planned, plannedOn));
                }

                if (!today.IsCovered)
                {
                    reasons.Add(Uncovered("Planned activity", a.Title, today, actingOn));
                }
            }
        }

        return covered;
    }

    /// <summary>Whether two refusals of the gate call for the same remedies.</summary>
    private static bool SameFailure(EthicsGateDecision a, EthicsGateDecision b)
    {
        if (a.Remedies.Count != b.Remedies.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Remedies.Count; i++)
        {
            if (a.Remedies[i] != b.Remedies[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the current plan's endorsements meet the policy, by the roles held on each endorsement's date; collects the reasons when asked.</summary>
    private static bool IsEndorsed(CycleDecision d, List<string>? reasons)
    {
        var state = d.State;
        var roster = d.Rules.Roster;
        bool researcher = false, manager = false, anyRole = false;
        var stale = 0;
        var endorsements = state.Endorsements;
        for (var i = 0; i < endorsements.Count; i++)
        {
            var e = endorsements[i];
            if (e.PlanRevision != state.PlanRevision)
            {
                stale++;
                continue;
            }

            var roles = roster.RolesOn(state.Site, e.Member, e.On);
            for (var r = 0; r < roles.Count; r++)
            {
                anyRole = true;
                researcher |= roles[r].Kind == RoleKind.Researcher;
                manager |= roles[r].Kind == RoleKind.Manager;
            }
        }

        var collective = d.Rules.Policy.RequireCollectiveEndorsement;
        var met = collective ? researcher && manager : anyRole;
        if (met || reasons is null)
        {
            return met;
        }

        if (collective)
        {
            if (!researcher)
            {
                reasons.Add("No researcher has endorsed the current plan (by the roles held at the site on the day of endorsement)");
            }

            if (!manager)
            {
                reasons.Add("No manager has endorsed the current plan (by the roles held at the site on the day of endorsement): collective leadership needs one");
            }
        }
        else
        {
            reasons.Add("No member holding a role at the site has endorsed the current plan");
        }

        if (stale > 0)
        {
            reasons.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{stale} endorsement(s) were given before the plan last changed: ask for them again"));
        }

        return false;
    }

    private static bool HasQualifyingReflection(CycleDecision d)
    {
        var reflections = d.State.Reflections;
        if (reflections.Count == 0)
        {
            return false;
        }

        if (!d.Rules.Policy.RequireManagerAtReflection)
        {
            return true;
        }

        for (var i = 0; i < reflections.Count; i++)
        {
            var attendees = reflections[i].Attendees;
            for (var a = 0; a < attendees.Count; a++)
            {
                var roles = d.Rules.Roster.RolesOn(d.State.Site, attendees[a], reflections[i].HeldOn);
                for (var r = 0; r < roles.Count; r++)
                {
                    if (roles[r].Kind == RoleKind.Manager)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
