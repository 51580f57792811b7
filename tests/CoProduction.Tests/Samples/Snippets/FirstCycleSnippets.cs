using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Protocols;
using CoProduction.Sites;
using CoProduction.Storage.Sqlite;
using CoProduction.Tests.Persistence;
using NodaTime;
using NodaTime.Testing;

namespace CoProduction.Tests.Samples.Snippets;

// The code blocks of README.md and docs/getting-started.md, compiled and run. Each #region is
// one block, copied into the page verbatim (DocsSnippetTests checks that they stay the same).
public sealed class FirstCycleSnippets
{
    [Fact]
    public void The_first_cycle_in_ten_lines_reaches_Acting()
    {
        var output = new StringWriter();
        var Console = output;   // the snippet prints; the test reads what it printed

        #region first-site
        var (at, by, zones) = (Instant.FromUtc(2016, 3, 1, 6, 0), Actor.Named("kilifi-team"), DateTimeZoneProviders.Tzdb);
        var (amina, peter, stamp) = (new MemberId("amina"), new MemberId("peter"), new Stamp(at, by));
        var registration = new SiteRegistration(new("kilifi"), "Kilifi County", CountryCode.Kenya, zones["Africa/Nairobi"])
        {
            Level = SiteLevel.County,
            EngagedSinceYear = 2000,
        };
        var kilifi = LearningSite.Register(registration, stamp);
        kilifi.AddMember(amina, "Amina", stamp);
        kilifi.JoinRole(amina, MemberRole.Researcher, new LocalDate(2016, 1, 1), stamp);
        kilifi.AddMember(peter, "Peter", stamp);
        kilifi.JoinRole(peter, MemberRole.Manager(ManagementLevel.County, Seniority.Senior), new LocalDate(2016, 1, 1), stamp);
        #endregion

        #region first-cycle
        var rules = new CycleRules(ProtocolEthicsGate.From([]), TeamRoster.Of(kilifi.State), zones);
        var now = rules.At(stamp);   // when, who, and the rules: what every cycle command takes
        var cycle = Cycle.Start(new CycleOpening(new("kilifi-2016"), kilifi.Id, 1, "Budget decisions after devolution"), now);
        var feedback = new PlannedActivity(new("feedback"), "feedback", ActivityKind.Feedback, null, new(2016, 3, 8), amina);
        cycle.PlanActivity(feedback, now);
        cycle.EndorsePlan(amina, now);   // a researcher...
        cycle.EndorsePlan(peter, now);   // ...and a manager: collective leadership
        foreach (var a in cycle.Availability(at, rules)) { Console.WriteLine($"{a.Trigger} {a.Reasons.FirstOrDefault("ok")}"); }
        cycle.StartActing(now);   // Planning → Acting; a CommandRejectedException says why when a guard is unmet
        #endregion

        Assert.Equal(CycleStage.Acting, cycle.Stage);
        Assert.Contains("StartActing ok", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("StartReflecting StartReflecting is not possible in Planning", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_activity_that_collects_data_needs_an_approved_protocol()
    {
        var (at, by, zones) = (Instant.FromUtc(2016, 3, 1, 6, 0), Actor.Named("kilifi-team"), DateTimeZoneProviders.Tzdb);
        var kilifi = LearningSite.Register(new SiteRegistration(new SiteId("kilifi"), "Kilifi County", CountryCode.Kenya, zones["Africa/Nairobi"]) { Level = SiteLevel.County, EngagedSinceYear = 2000 }, new(at, by));
        kilifi.AddMember(new MemberId("amina"), "Amina", new(at, by));
        kilifi.JoinRole(new MemberId("amina"), MemberRole.Researcher, new LocalDate(2016, 1, 1), new(at, by));
        kilifi.AddMember(new MemberId("peter"), "Peter", new(at, by));
        kilifi.JoinRole(new MemberId("peter"), MemberRole.Manager(ManagementLevel.County, Seniority.Senior), new LocalDate(2016, 1, 1), new(at, by));
        var cycle = Cycle.Start(new CycleOpening(new CycleId("kilifi-2016"), kilifi.Id, 1, "Budget decisions after devolution"), new CycleRules(ProtocolEthicsGate.From([]), TeamRoster.Of(kilifi.State), zones).At(new Stamp(at, by)));
        var committee = Actor.Named("kemri-seru");

        #region gated-activity
        var kemri = new CommitteeId("kemri-seru");
        var protocolRules = new ProtocolRules([kilifi.Id], new Dictionary<CommitteeId, CommitteePolicy> { [kemri] = CommitteePolicies.KenyaNationalCommittee });
        var scope = new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.DistrictManagers], [kilifi.Id]);
        var protocol = Protocol.Draft(
            new ProtocolDraft(new ProtocolId("KWTRP-2"), "Micro-practices of governance", kemri, scope) { Institution = "KEMRI-Wellcome Trust", DraftedOn = new LocalDate(2016, 1, 11) },
            new ProtocolContext(new Stamp(at, by), protocolRules));
        protocol.Submit(new Stamp(at, by));
        protocol.StartReview(new Stamp(at, committee));
        protocol.Approve(new LocalDate(2016, 2, 1), CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(new LocalDate(2016, 2, 1)), new Stamp(at, committee));

        var rules = new CycleRules(ProtocolEthicsGate.From([protocol]), TeamRoster.Of(kilifi.State), zones);   // the gate is a snapshot: rebuild it when protocols change
        var now = rules.At(new Stamp(at, by));
        cycle.PlanActivity(new PlannedActivity(new ActivityId("facility-financing"), "interviews with facility managers on facility financing", ActivityKind.Research,
            new DataCollection(DataCollectionMethod.Interview, RespondentGroup.FacilityManagers), new LocalDate(2016, 3, 8), new MemberId("amina")), now);
        cycle.EndorsePlan(new MemberId("amina"), now);
        cycle.EndorsePlan(new MemberId("peter"), now);

        var startActing = cycle.Availability(at, rules).Single(a => a.Trigger == CycleTrigger.StartActing);
        // startActing.IsPermitted == false; startActing.Reasons: "Planned activity 'interviews with facility managers on facility
        // financing' is not covered by any approved protocol on 2016-03-08 (its planned date) nor on 2016-03-01 (the day acting
        // starts): amend protocol 'KWTRP-2' to add facility-managers or open a sub-study protocol for interview with ..."
        #endregion

        Assert.False(startActing.IsPermitted);
        Assert.Contains(startActing.Reasons, r => r.Contains("amend protocol 'KWTRP-2' to add facility-managers", StringComparison.Ordinal));
        Assert.Equal(
            "Planned activity 'interviews with facility managers on facility financing' is not covered by any approved protocol on 2016-03-08 (its planned date) "
            + "nor on 2016-03-01 (the day acting starts): amend protocol 'KWTRP-2' to add facility-managers or open a sub-study protocol for interview with "
            + "facility-managers at kilifi (its own protocol when research engages a new set of respondents or a new data-collection approach) "
            + "(protocol 'KWTRP-2' version 1 does not include respondent group 'facility-managers')",
            Assert.Single(startActing.Reasons));
        Assert.Throws<CommandRejectedException>(() => cycle.StartActing(now));
    }

    [Fact]
    public async Task A_cycle_saved_to_SQLite_loads_back_equal()
    {
        using var folder = new TempFolder();
        var dataFolder = folder.Path;
        var clock = new FakeClock(Instant.FromUtc(2016, 3, 1, 6, 0));
        var by = Actor.Named("kilifi-team");
        var zones = DateTimeZoneProviders.Tzdb;
        var kilifi = LearningSite.Register(new SiteRegistration(new SiteId("kilifi"), "Kilifi County", CountryCode.Kenya, zones["Africa/Nairobi"]) { Level = SiteLevel.County, EngagedSinceYear = 2000 }, new Stamp(clock.GetCurrentInstant(), by));
        var rules = new CycleRules(ProtocolEthicsGate.From([]), TeamRoster.Of(kilifi.State), zones);
        var cycle = Cycle.Start(new CycleOpening(new CycleId("kilifi-2016"), kilifi.Id, 1, "Budget decisions"), rules.At(new Stamp(clock.GetCurrentInstant(), by)));

        #region save-and-load
        var store = new SqliteEventStore(new SqliteEventStoreOptions { Path = Path.Combine(dataFolder, "kilifi.db") });   // one file, WAL, safe across processes
        var cycles = new AggregateRepository<Cycle>(store, EventSerializer.Default);
        await cycles.SaveAsync(cycle);                         // appends the new events at the version it was loaded at
        var again = await cycles.LoadAsync(cycle.StreamId);    // replays them, checked against the machine
        // again.State == cycle.State; again.Version == cycle.Version
        #endregion

        Assert.Equal(cycle.State, again.State);
        Assert.Equal(cycle.Version, again.Version);
    }
}
