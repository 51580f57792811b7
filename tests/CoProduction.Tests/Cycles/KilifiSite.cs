using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Protocols;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Tests.Cycles;

/// <summary>The Kilifi learning site as the cycle tests see it: a team, an approved main protocol, and a helper that walks a cycle through its stages.</summary>
internal static class KilifiSite
{
    public static readonly SiteId Site = new("kilifi");
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    public static readonly ProtocolId MainProtocol = new("KWTRP-2");
    public static readonly MemberId Researcher = new("benjamin");
    public static readonly MemberId Manager = new("county-chmt-lead");
    public static readonly MemberId SecondResearcher = new("evelyn");
    public static readonly MemberId HealthWorker = new("nurse-amina");
    public static readonly MemberId LeftManager = new("former-dhmo");
    public static readonly Actor ByResearcher = Actor.Member(Researcher);

    public static readonly DataCollection InterviewManagers = new(DataCollectionMethod.Interview, RespondentGroup.SubDistrictManagers);

    /// <summary>Interviews with facility managers: what Kilifi's 2016 work on facility financing needed and KWTRP-2 did not cover (Table 1).</summary>
    public static readonly DataCollection FinancingInterviews = new(DataCollectionMethod.Interview, RespondentGroup.FacilityManagers);

    public static TestRoster Roster() => new TestRoster()
        .Register(Site, "Africa/Nairobi")
        .Add(Site, Researcher, MemberRole.Researcher, new LocalDate(2012, 1, 1))
        .Add(Site, SecondResearcher, MemberRole.Researcher, new LocalDate(2012, 1, 1))
        .Add(Site, Manager, MemberRole.Manager(ManagementLevel.County, Seniority.Senior), new LocalDate(2013, 3, 1))
        .Add(Site, HealthWorker, new MemberRole(RoleKind.HealthWorker), new LocalDate(2012, 1, 1))
        .Add(Site, LeftManager, MemberRole.Manager(ManagementLevel.District, Seniority.Senior), new LocalDate(2012, 1, 1), new LocalDate(2013, 3, 3));

    /// <summary>
    /// Interviews with sub-county managers and observation of county managers approved 2012–2017 under KWTRP-2; facility
    /// managers are not in its scope, so interviews with them on facility financing are not covered (the README sample
    /// adds them by amendment KWTRP-2-A1).
    /// </summary>
    public static TestEthicsGate Gate() => new TestEthicsGate()
        .Approve(MainProtocol, DataCollectionMethod.Interview, RespondentGroup.SubDistrictManagers, Site, new LocalDate(2012, 1, 1), new LocalDate(2017, 12, 31))
        .Approve(MainProtocol, DataCollectionMethod.Observation, RespondentGroup.DistrictManagers, Site, new LocalDate(2012, 1, 1), new LocalDate(2017, 12, 31));

    public static CycleRules Rules(CyclePolicy? policy = null) => new(Gate(), Roster(), DateTimeZoneProviders.Tzdb, policy);

    /// <summary>An instant at 09:00 in Kilifi on the date.</summary>
    public static Instant On(int year, int month, int day, int hour = 9)
        => new LocalDateTime(year, month, day, hour, 0).InZoneStrictly(Zone).ToInstant();

    public static Cycle Start(int year = 2016, string id = "kilifi-2016")
        => Cycle.Start(new CycleOpening(new CycleId(id), Site, year - 2012, "Hospital priority-setting and user fees after devolution"), Rules().At(On(year, 1, 11), ByResearcher));

    /// <summary>The context of a command: these rules with the stamp of <paramref name="by"/> at <paramref name="at"/>.</summary>
    public static CycleContext At(this CycleRules rules, Instant at, Actor by) => rules.At(new Stamp(at, by));

    public static PlannedActivity Interviews(int year = 2016) => new(
        new ActivityId("interviews"), "interviews with sub-county managers", ActivityKind.Research, InterviewManagers, new LocalDate(year, 3, 1), Researcher, "managers describe fee retention as essential");

    /// <summary>Interviews with facility managers on facility financing: not covered by KWTRP-2 (see <see cref="Gate"/>).</summary>
    public static PlannedActivity FacilityFinancing(int year = 2016) => new(
        new ActivityId("facility-financing"), "interviews with facility managers on facility financing", ActivityKind.Research, FinancingInterviews, new LocalDate(year, 3, 1), Researcher);

    public static PlannedActivity Feedback(int year = 2016) => new(
        new ActivityId("feedback"), "feedback to county policy-makers", ActivityKind.Feedback, null, new LocalDate(year, 9, 1), Manager);

    /// <summary>Starts the year's cycle, plans the activities on 20 January and has the plan endorsed by a researcher and a manager on 1 February.</summary>
    public static Cycle EndorsedPlan(CycleRules rules, int year, params PlannedActivity[] activities)
    {
        var cycle = Start(year, "kilifi-" + year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var activity in activities)
        {
            cycle.PlanActivity(activity, rules.At(On(year, 1, 20), ByResearcher));
        }

        cycle.EndorsePlan(Researcher, rules.At(On(year, 2, 1), ByResearcher));
        cycle.EndorsePlan(Manager, rules.At(On(year, 2, 1), Actor.Member(Manager)));
        return cycle;
    }

    /// <summary>Plans interviews and feedback and has the plan endorsed by a researcher and a manager.</summary>
    public static Cycle Planned(CycleRules rules, int year = 2016) => EndorsedPlan(rules, year, Interviews(year), Feedback(year));

    public static Cycle Acting(CycleRules rules, int year = 2016)
    {
        var cycle = Planned(rules, year);
        cycle.StartActing(rules.At(On(year, 2, 15), ByResearcher));
        return cycle;
    }

    public static Cycle Reflecting(CycleRules rules, int year = 2016)
    {
        var cycle = Acting(rules, year);
        cycle.RecordAction(new CycleAction(new ActivityId("interviews"), new LocalDate(year, 3, 1), "12 interviews with sub-county hospital managers", ["transcripts"]), rules.At(On(year, 3, 2), ByResearcher));
        cycle.StartReflecting(rules.At(On(year, 8, 1), ByResearcher));
        return cycle;
    }

    public static Cycle Evaluating(CycleRules rules, int year = 2016)
    {
        var cycle = Reflecting(rules, year);
        cycle.RecordReflection(
            new Reflection(ReflectionMeetingKind.WithManagers, new LocalDate(year, 8, 10), [Researcher, Manager], ["fee retention sustains hospital operations"]),
            rules.At(On(year, 8, 10, 16), ByResearcher));
        cycle.StartEvaluating(rules.At(On(year, 9, 15), ByResearcher));
        return cycle;
    }

    public static Cycle Revising(CycleRules rules, int year = 2016)
    {
        var cycle = Evaluating(rules, year);
        cycle.RecordEvaluation(new Evaluation(new ActivityId("interviews"), EvaluationOutcome.Achieved, "12 transcripts analysed", "as predicted"), rules.At(On(year, 10, 1), ByResearcher));
        cycle.RecordEvaluation(new Evaluation(new ActivityId("feedback"), EvaluationOutcome.PartlyAchieved, "one county meeting held"), rules.At(On(year, 10, 1), ByResearcher));
        cycle.StartRevising(rules.At(On(year, 11, 1), ByResearcher));
        return cycle;
    }

    public static Cycle Completed(CycleRules rules, int year = 2016)
    {
        var cycle = Revising(rules, year);
        cycle.RecordRevision(
            new Revision(
                [new ActivityRevision(new ActivityId("interviews"), RevisionDecision.Adopt, "keep tracking fee use"), new ActivityRevision(new ActivityId("feedback"), RevisionDecision.Adapt, "brief the county assembly's health committee too")],
                [new ProposedActivity(new ActivityId("fif-act"), "support the Facility Improvement Fund Act", ActivityKind.Intervention, null)],
                ["policy-makers act on evidence fed back in person"]),
            rules.At(On(year, 11, 20), ByResearcher));
        cycle.Complete(rules.At(On(year, 12, 15), ByResearcher));
        return cycle;
    }
}
