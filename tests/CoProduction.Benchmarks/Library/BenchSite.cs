using System;
using System.Collections.Generic;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Benchmarks.Library;

/// <summary>
/// The library's side of the five-stage cycle: one learning site, a roster and an ethics gate that
/// answer from precomputed facts (as <see cref="Baselines.CycleFacts"/> does for the raw machine),
/// and helpers that build cycles ready for a command and histories to replay.
/// </summary>
public static class BenchSite
{
    public static readonly SiteId Site = new("kilifi");
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    public static readonly MemberId Researcher = new("benjamin");
    public static readonly MemberId Manager = new("county-chmt-lead");
    public static readonly Actor By = Actor.Member(Researcher);
    public static readonly ActivityId Interviews = new("interviews");

    public static readonly CycleRules Rules = new(new CoveredGate(), new FixedRoster(), DateTimeZoneProviders.Tzdb);

    /// <summary>Rules whose roster knows no manager: StartActing is refused with its reasons.</summary>
    public static readonly CycleRules RulesWithoutManager = new(new CoveredGate(), new FixedRoster(withManager: false), DateTimeZoneProviders.Tzdb);

    public static readonly PlannedActivity InterviewActivity = new(
        Interviews,
        "interviews with facility managers",
        ActivityKind.Research,
        new DataCollection(DataCollectionMethod.Interview, RespondentGroup.FacilityManagers),
        new LocalDate(2016, 3, 1),
        Researcher,
        "managers describe fee retention as essential");

    public static readonly CycleAction Action = new(Interviews, new LocalDate(2016, 3, 1), "12 interviews with hospital managers", ["transcripts"]);

    public static Instant On(int month, int day, int hour = 9)
        => new LocalDateTime(2016, month, day, hour, 0).InZoneStrictly(Zone).ToInstant();

    /// <summary>A cycle in Planning with one data-collecting activity endorsed by a researcher and a manager: StartActing is accepted.</summary>
    public static Cycle ReadyToAct(int n)
    {
        var cycle = Cycle.Start(new CycleOpening(new CycleId("kilifi-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)), Site, 4, "User fees after devolution"), Rules.At(new Stamp(On(1, 11), By)));
        cycle.PlanActivity(InterviewActivity, Rules.At(new Stamp(On(1, 20), By)));
        cycle.EndorsePlan(Researcher, Rules.At(new Stamp(On(2, 1), By)));
        cycle.EndorsePlan(Manager, Rules.At(new Stamp(On(2, 1), Actor.Member(Manager))));
        ((CoProduction.Events.IHistoryCommitter)cycle).MarkCommitted();
        return cycle;
    }

    /// <summary>A cycle in Acting: RecordAction is accepted.</summary>
    public static Cycle Acting(int n)
    {
        var cycle = ReadyToAct(n);
        cycle.StartActing(Rules.At(new Stamp(On(2, 15), By)));
        ((CoProduction.Events.IHistoryCommitter)cycle).MarkCommitted();
        return cycle;
    }

    /// <summary>A whole cycle, plan to completion: <see cref="FullCycleEvents"/> events.</summary>
    public static Cycle Completed(int n)
    {
        var cycle = Acting(n);
        cycle.RecordAction(Action, Rules.At(new Stamp(On(3, 2), By)));
        cycle.StartReflecting(Rules.At(new Stamp(On(8, 1), By)));
        cycle.RecordReflection(
            new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(2016, 8, 10), [Researcher, Manager], ["fee retention sustains hospital operations"]),
            Rules.At(new Stamp(On(8, 10, 16), By)));
        cycle.StartEvaluating(Rules.At(new Stamp(On(9, 15), By)));
        cycle.RecordEvaluation(new Evaluation(Interviews, EvaluationOutcome.Achieved, "12 transcripts analysed", "as predicted"), Rules.At(new Stamp(On(10, 1), By)));
        cycle.StartRevising(Rules.At(new Stamp(On(11, 1), By)));
        cycle.RecordRevision(
            new Revision([new ActivityRevision(Interviews, RevisionDecision.Adopt, "keep tracking fee use")], [], ["policy-makers act on evidence fed back in person"]),
            Rules.At(new Stamp(On(11, 20), By)));
        cycle.Complete(Rules.At(new Stamp(On(12, 15), By)));
        ((CoProduction.Events.IHistoryCommitter)cycle).MarkCommitted();
        if (cycle.Version != FullCycleEvents)
        {
            throw new InvalidOperationException($"A full cycle has {cycle.Version} events, not {FullCycleEvents}.");
        }

        return cycle;
    }

    /// <summary>The number of events of <see cref="Completed"/>.</summary>
    public const int FullCycleEvents = 13;

    /// <summary>A cycle in Acting with <paramref name="events"/> events in all (the rest are actions): a long history.</summary>
    public static Cycle LongActing(int n, int events)
    {
        var cycle = Acting(n);
        var at = On(3, 2);
        while (cycle.Version < events)
        {
            cycle.RecordAction(Action, Rules.At(new Stamp(at, By)));
        }

        ((CoProduction.Events.IHistoryCommitter)cycle).MarkCommitted();
        return cycle;
    }

    /// <summary>An ethics gate that covers the benchmark's activity, answering from a precomputed decision (as the raw machine reads a precomputed flag).</summary>
    private sealed class CoveredGate : IEthicsGate
    {
        private static readonly EthicsGateDecision Covered = EthicsGateDecision.Covered(
            new ResearchActivity("interviews with facility managers", DataCollectionMethod.Interview, RespondentGroup.FacilityManagers, Site, new LocalDate(2016, 3, 1)),
            new ProtocolId("KWTRP-2"),
            1);

        public EthicsGateDecision Check(ResearchActivity activity) => Covered;
    }

    /// <summary>A roster answering from precomputed role lists, allocating nothing.</summary>
    private sealed class FixedRoster : ITeamRoster
    {
        private static readonly IReadOnlyList<MemberRole> None = [];
        private static readonly IReadOnlyList<MemberRole> ResearcherRoles = [MemberRole.Researcher];
        private static readonly IReadOnlyList<MemberRole> ManagerRoles = [MemberRole.Manager(ManagementLevel.County, Seniority.Senior)];
        private readonly bool withManager;

        public FixedRoster(bool withManager = true) => this.withManager = withManager;

        public bool IsMember(SiteId site, MemberId member) => member == Researcher || member == Manager;

        public string? TimeZoneIdOf(SiteId site) => site == Site ? "Africa/Nairobi" : null;

        public IReadOnlyList<MemberRole> RolesOn(SiteId site, MemberId member, LocalDate date)
            => member == Researcher ? ResearcherRoles : member == Manager && withManager ? ManagerRoles : None;
    }
}
