using System;
using System.Collections.Generic;
using System.Globalization;
using CoProduction.Ethics;
using CoProduction.Sites;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Cycles;

/// <summary>
/// The action-learning cycle's machine, configured once: stages, triggers, guards with the
/// descriptions users read, and the detailed reasons behind each unmet guard.
/// </summary>
internal static class CycleMachine
{
    internal const string PlanHasActivity = "the plan has at least one activity";
    internal const string PlanEndorsed = "the current plan is endorsed by a researcher and a manager";
    internal const string PlanCovered = "every data-collecting activity is covered by an approved protocol on its date and on the day acting starts";
    internal const string HasAction = "at least one action is recorded";
    internal const string HasReflection = "a reflection is recorded, with a manager present";
    internal const string AllEvaluated = "every planned activity is evaluated";
    internal const string SomeUnevaluated = "a planned activity awaits its evaluation";
    internal const string NoNoChange = "no 'no change' decision is recorded";
    internal const string NothingDecided = "no revision or 'no change' decision is recorded yet";
    internal const string RevisedOrNoChange = "a revision or an explicit 'no change' decision is recorded";
    internal const string NoNextCycle = "no next cycle has been started from it";

    // Records whose rules depend on the command's arguments: the guard always holds, the command checks
    // the rule, and the description says what it checks (it appears on the diagram).
    internal const string NewActivity = "a new activity, dated from the cycle's start, led by a member of the site";
    internal const string ActionRules = "on a planned activity, dated from the cycle's start to today, covered by the ethics gate on that date";
    internal const string ReflectionRules = "attendees known at the site, at least one insight";

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    /// <summary>The open stages: those a cycle can be paused in and abandoned from.</summary>
    internal static readonly CycleStage[] WorkingStages =
        [CycleStage.Planning, CycleStage.Acting, CycleStage.Reflecting, CycleStage.Evaluating, CycleStage.Revising];

    public static ExplainableMachine<CycleStage, CycleTrigger, CycleDecision> Machine { get; } = new(Configure, Explain);

    private static void Configure(Stateless.StateMachine<CycleStage, CycleTrigger> m, Func<CycleDecision> ctx)
    {
        m.Configure(CycleStage.Planning)
            .InternalTransitionIf(CycleTrigger.PlanActivity, _ => true, () => { }, NewActivity)
            .InternalTransitionIf(CycleTrigger.EndorsePlan, _ => ctx().State.Activities.Count > 0, () => { }, PlanHasActivity)
            .PermitIf(
                CycleTrigger.StartActing,
                CycleStage.Acting,
                new Tuple<Func<bool>, string>(() => ctx().State.Activities.Count > 0, PlanHasActivity),
                new Tuple<Func<bool>, string>(() => IsEndorsed(ctx(), null), PlanEndorsed),
                new Tuple<Func<bool>, string>(() => IsCovered(ctx(), null), PlanCovered));

        m.Configure(CycleStage.Acting)
            .InternalTransitionIf(CycleTrigger.RecordAction, _ => true, () => { }, ActionRules)
            .PermitIf(CycleTrigger.StartReflecting, CycleStage.Reflecting, () => ctx().State.Actions.Count > 0, HasAction);

        m.Configure(CycleStage.Reflecting)
            .InternalTransitionIf(CycleTrigger.RecordReflection, _ => true, () => { }, ReflectionRules)
            .PermitIf(CycleTrigger.StartEvaluating, CycleStage.Evaluating, () => HasQualifyingReflection(ctx()), HasReflection);

        m.Configure(CycleStage.Evaluating)
            .InternalTransitionIf(CycleTrigger.RecordEvaluation, _ => !AllActivitiesEvaluated(ctx().State), () => { }, SomeUnevaluated)
            .PermitIf(CycleTrigger.StartRevising, CycleStage.Revising, () => AllActivitiesEvaluated(ctx().State), AllEvaluated);

        m.Configure(CycleStage.Revising)
            .InternalTransitionIf(CycleTrigger.RecordRevision, _ => ctx().State.NoChangeRationale is null, () => { }, NoNoChange)
            .InternalTransitionIf(CycleTrigger.DecideNoChange, _ => HasDecidedNothing(ctx().State), () => { }, NothingDecided)
            .PermitIf(CycleTrigger.Complete, CycleStage.Completed, () => !HasDecidedNothing(ctx().State), RevisedOrNoChange);

        foreach (var stage in WorkingStages)
        {
            m.Configure(stage)
                .Permit(CycleTrigger.Pause, CycleStage.Paused)
                .Permit(CycleTrigger.Abandon, CycleStage.Abandoned);
        }

        var paused = m.Configure(CycleStage.Paused).Permit(CycleTrigger.Abandon, CycleStage.Abandoned);
        foreach (var stage in WorkingStages)
        {
            // One Resume per remembered stage, so the diagram and the replay table name where it returns.
            var target = stage;
            paused.PermitIf(CycleTrigger.Resume, target, () => ctx().State.PausedFrom == target, PausedIn(target));
        }

        m.Configure(CycleStage.Completed)
            .InternalTransitionIf(CycleTrigger.StartNextCycle, _ => ctx().State.NextCycle is null, () => { }, NoNextCycle);

        m.Configure(CycleStage.Abandoned);
    }

    internal static string PausedIn(CycleStage stage) => "the cycle was paused in " + stage.ToString();

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
            if (FindEvaluation(state, activities[i].Id) < 0)
            {
                return false;
            }
        }

        return true;
    }

    internal static int FindEvaluation(CycleState state, ActivityId activity)
    {
        var evaluations = state.Evaluations;
        for (var i = 0; i < evaluations.Count; i++)
        {
            if (evaluations[i].Activity == activity)
            {
                return i;
            }
        }

        return -1;
    }

    internal static int FindActivity(CycleState state, ActivityId activity)
    {
        var activities = state.Activities;
        for (var i = 0; i < activities.Count; i++)
        {
            if (activities[i].Id == activity)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Asks the ethics gate about one activity on one date; <see langword="null"/> when covered, else the reason a user reads.</summary>
    internal static string? Uncovered(CycleDecision d, string title, DataCollection collection, LocalDate date, string what)
    {
        var decision = d.Rules.EthicsGate.Check(
            new ResearchActivity(title, collection.Method, collection.RespondentGroup, d.State.Site, date));
        if (decision.IsCovered)
        {
            return null;
        }

        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{what} '{title}' is not covered by any approved protocol on {Format(date)}");
        if (decision.Remedies.Count > 0)
        {
            text += ": " + string.Join(" or ", decision.Remedies);
        }

        // The gate's headline is restated above; its details say what each protocol lacks.
        var details = new List<string>(decision.Details.Count);
        foreach (var detail in decision.Details)
        {
            details.Add(detail.TrimEnd('.'));
        }

        if (details.Count > 0)
        {
            text += " (" + string.Join("; ", details) + ")";
        }

        return text;
    }

    private static bool HasDecidedNothing(CycleState state) => state.Revisions.Count == 0 && state.NoChangeRationale is null;

    /// <summary>Whether every data-collecting activity is covered on its planned date and today; collects the reasons when asked.</summary>
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

            for (var pass = 0; pass < 2; pass++)
            {
                var date = pass == 0 ? a.PlannedOn : d.Today;
                if (pass == 1 && date == a.PlannedOn)
                {
                    break;
                }

                if (Uncovered(d, a.Title, collection, date, "Planned activity") is { } reason)
                {
                    covered = false;
                    if (reasons is null)
                    {
                        return false;
                    }

                    reasons.Add(reason);
                }
            }
        }

        return covered;
    }

    /// <summary>Whether the current plan's endorsements meet the policy, by the roles held on each endorsement's date.</summary>
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
            if (e.PlanSize != state.Activities.Count)
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

        var met = d.Rules.Policy.RequireCollectiveEndorsement ? researcher && manager : anyRole;
        if (met || reasons is null)
        {
            return met;
        }

        if (d.Rules.Policy.RequireCollectiveEndorsement)
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

    private static IEnumerable<string> Explain(CycleDecision d, string guard)
    {
        var reasons = new List<string>();
        switch (guard)
        {
            case PlanEndorsed:
                IsEndorsed(d, reasons);
                break;
            case PlanCovered:
                IsCovered(d, reasons);
                break;
            case HasReflection:
                reasons.Add(d.State.Reflections.Count == 0
                    ? "No reflection is recorded yet"
                    : "No recorded reflection was attended by a member holding a manager role on the meeting's date (policy: a manager is present)");
                break;
            case AllEvaluated:
                var activities = d.State.Activities;
                for (var i = 0; i < activities.Count; i++)
                {
                    if (FindEvaluation(d.State, activities[i].Id) < 0)
                    {
                        reasons.Add($"Planned activity '{activities[i].Title}' ({activities[i].Id}) is not evaluated yet");
                    }
                }

                break;
            default:
                break;
        }

        return reasons;
    }
}
