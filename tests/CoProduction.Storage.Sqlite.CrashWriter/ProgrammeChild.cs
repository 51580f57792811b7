using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Ethics;
using CoProduction.Ledger;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using CoProduction.Tests.Extensions;

namespace CoProduction.Storage.Sqlite.CrashWriter;

/// <summary>
/// The app as <c>AddCoProduction</c> + <c>UseSqliteStore</c> builds it, with the library's read models, issuing real
/// domain commands (sites, protocols and amendments, cycles through every stage, meetings, engagements,
/// deviations, dilemmas, the ledger's insights, wider engagements, outputs and impacts) until it is killed. Modes:
/// <c>live</c> starts the projection runner (catch-up at start, then the live feed) and commands forever;
/// <c>rebuild</c> does the same after asking the runner to rebuild the projections from zero;
/// <c>write</c> runs a number of commands without the hosted runner and exits: only commands that wait for no read
/// model (sites, protocols, amendments, meetings, deviations, dilemmas, the ledger), so they leave a backlog for the next start.
/// </summary>
/// <remarks>
/// Prints <c>READY</c> when the runner has started, <c>REBUILT</c> after the rebuild, <c>ACK n</c> after each
/// acknowledged command and <c>DONE</c> at the end of a <c>write</c>. Each run works on its own aggregates
/// (ids carry the seed) and on one site shared by every run, so kills also interrupt changes to documents
/// written by earlier runs. The clock starts two hours of programme time after the previous seed's.
/// </remarks>
internal static class ProgrammeChild
{
    public static readonly CommitteeId Committee = new("kemri-seru");
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    private static readonly SiteId Shared = new("shared");
    private static readonly MemberId Researcher = new("researcher");
    private static readonly MemberId Manager = new("manager");
    private static readonly ActivityId Interviews = new("interviews");

    public static async Task RunAsync(string database, int seed, string mode, int commands)
    {
        var random = new Random(seed);
        var clock = new ProgrammeClock(Instant.FromUtc(2016, 2, 1, 6, 0) + Duration.FromHours(2 * seed));
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddCoProduction(o =>
            {
                o.ProjectionBatchSize = random.Next(1, 300);
                o.NotificationPollInterval = TimeSpan.FromMilliseconds(100);
                o.DefaultTimeZone = Nairobi.Id;
            }).UseTestAccess()
            .UseSqliteStore(database)
            .AddCommitteePolicy(Committee, CommitteePolicies.KenyaNationalCommittee);
        using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<ProjectionRunner>();
        if (mode != "write")
        {
            await runner.StartAsync(CancellationToken.None);
            Say("READY");
        }

        if (mode == "rebuild")
        {
            foreach (var projection in runner.Projections)
            {
                if (random.Next(2) == 0)
                {
                    Say("REBUILDING " + projection.Name);
                    await runner.RebuildAsync(projection.Name);
                }
            }

            Say("REBUILT");
        }

        var programme = new Programme(provider, clock, random, seed, mode == "write");
        for (var n = 1; mode != "write" || n <= commands; n++)
        {
            await programme.NextAsync();
            Say("ACK " + n.ToString(CultureInfo.InvariantCulture));
        }

        Say("DONE");
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    /// <summary>Programme time: a start instant plus the real time elapsed, so instants only move forward, across runs too.</summary>
    private sealed class ProgrammeClock(Instant start) : IClock
    {
        private readonly System.Diagnostics.Stopwatch elapsed = System.Diagnostics.Stopwatch.StartNew();

        public Instant GetCurrentInstant() => start + Duration.FromTimeSpan(elapsed.Elapsed);

        public LocalDate Today => GetCurrentInstant().InZone(Nairobi).Date;
    }

    /// <summary>Interleaves a few units of work (a site with its protocol, meetings and cycle), one command at a time.</summary>
    private sealed class Programme(IServiceProvider services, ProgrammeClock clock, Random random, int seed, bool withoutCycles)
    {
        public ProgrammeClock Clock => clock;

        public Random Random => random;

        private readonly List<Unit> units = [];
        private int started;
        private int sharedMembers;

        public async Task NextAsync()
        {
            if (units.Count < 3 || random.Next(withoutCycles ? 3 : 8) == 0)
            {
                units.Add(new Unit(this, new SiteId(string.Create(CultureInfo.InvariantCulture, $"s{seed}-{started++}"))));
            }

            using var scope = services.CreateScope();
            if (random.Next(10) == 0)
            {
                await SharedSiteAsync(scope.ServiceProvider);
                return;
            }

            var ready = withoutCycles ? units.FindAll(u => !u.NextIsCycleCommand) : units;
            if (ready.Count == 0)
            {
                await SharedSiteAsync(scope.ServiceProvider);
                return;
            }

            var unit = ready[random.Next(ready.Count)];
            if (!await unit.NextAsync(scope.ServiceProvider))
            {
                units.Remove(unit);
            }
        }

        /// <summary>The site every run changes: created by the first run, a member added and engaged by each.</summary>
        private async Task SharedSiteAsync(IServiceProvider scope)
        {
            var sites = scope.GetRequiredService<IAggregateCommands<LearningSite>>();
            try
            {
                await sites.CreateAsync(c => Register(Shared, c.Stamp));
            }
            catch (AggregateAlreadyExistsException)
            {
                var member = new MemberId(string.Create(CultureInfo.InvariantCulture, $"m{seed}-{sharedMembers++}"));
                await sites.ExecuteAsync(Shared, (s, c) =>
                {
                    s.AddMember(member, "Manager " + member.Value, c.Stamp);
                    s.JoinRole(member, MemberRole.Manager(ManagementLevel.Facility, Seniority.Middle), clock.Today, c.Stamp);
                    s.MarkCore(member, c.Stamp);
                });
                await sites.ExecuteAsync(Shared, (s, c) => s.RecordEngagement(member, new Engagement(clock.Today, EngagementKind.Workshop), c.Stamp));
            }
        }

        private static LearningSite Register(SiteId id, Stamp stamp)
        {
            var site = LearningSite.Register(new SiteRegistration(id, "Site " + id.Value, CountryCode.Kenya, Nairobi) { Level = SiteLevel.County, EngagedSinceYear = 2012 }, stamp);
            site.AddMember(Researcher, "Researcher", stamp);
            site.JoinRole(Researcher, MemberRole.Researcher, new LocalDate(2012, 1, 1), stamp);
            site.AddMember(Manager, "County manager", stamp);
            site.JoinRole(Manager, MemberRole.Manager(ManagementLevel.County, Seniority.Senior), new LocalDate(2012, 1, 1), stamp);
            site.MarkCore(Manager, stamp);
            return site;
        }

        /// <summary>One site's story, a command per step.</summary>
        private sealed class Unit(Programme programme, SiteId site)
        {
            private readonly ProtocolId protocolId = new("P-" + site.Value);
            private readonly CycleId cycle = new(site.Value + "-c1");
            private readonly SeriesId series = new(site.Value + "-reflection");
            private readonly AmendmentId amendment = new("A-" + site.Value);
            private Protocol? protocol;
            private int step;

            private ProgrammeClock Clock => programme.Clock;

            private LocalDate Today => Clock.Today;

            /// <summary>Gets whether the next step is a cycle command, which waits for the read models to reach the store's end.</summary>
            public bool NextIsCycleCommand => step is (>= 7 and <= 12) or >= 18;

            /// <summary>Runs the next step; false when the story is over.</summary>
            public async Task<bool> NextAsync(IServiceProvider scope)
            {
                var cycles = scope.GetRequiredService<CycleCommands>();
                var today = Today;
                switch (step++)
                {
                    case 0:
                        await scope.GetRequiredService<IAggregateCommands<LearningSite>>().CreateAsync(c => Register(site, c.Stamp));
                        break;
                    case 1:
                        protocol = (await scope.GetRequiredService<IAggregateCommands<Protocol>>().CreateAsync(c => Approved(c.Stamp))).Aggregate;
                        break;
                    case 2:
                        await scope.GetRequiredService<IAggregateCommands<MeetingSeries>>().CreateAsync(c => MeetingSeries.Plan(
                            new MeetingSeriesPlan(series, MeetingKind.ResearcherReflection, "Researchers' reflection", site, Nairobi, new LocalTime(10, 0), Duration.FromHours(2),
                                new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31), [Researcher], Cadence.Monthly(10)),
                            c.Stamp));
                        break;
                    case 3:
                        await scope.GetRequiredService<IAggregateCommands<ProtocolDeviation>>().CreateAsync(c => ProtocolDeviation.Record(
                            new DeviationRecording(new DeviationId("D-" + site.Value), new ResearchActivity("journaling with facility managers", DataCollectionMethod.Journaling, RespondentGroup.FacilityManagers, site, new LocalDate(2015, 12, 20)), "collected before approval", today),
                            protocol!,
                            new ProtocolContext(c.Stamp, Rules())));
                        break;
                    case 4:
                        await scope.GetRequiredService<IAggregateCommands<EthicalDilemma>>().CreateAsync(c => EthicalDilemma.Raise(
                            new DilemmaRaising(new DilemmaId("E-" + site.Value), site, "a manager asks to see another manager's journal") { Protocol = protocolId }, c.Stamp));
                        await LedgerAsync(scope, today);
                        break;
                    case 5:
                        await scope.GetRequiredService<IAggregateCommands<Amendment>>().CreateAsync(c => Amendment.Draft(
                            new AmendmentDraft(amendment, "managers asked to keep journals", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling))) { Substantial = true },
                            protocol!,
                            today,
                            new ProtocolContext(c.Stamp, Rules())));
                        break;
                    case 6:
                        await scope.GetRequiredService<AmendmentWorkflow>().SubmitAsync(amendment);
                        break;
                    case 7:
                        await cycles.StartAsync(new CycleOpening(cycle, site, 1, "User fees after devolution")
                        {
                            ExpectedStageLengths = [new ExpectedStageLength(CycleStage.Planning, Period.FromDays(14))],
                        });
                        break;
                    case 8:
                        var activity = new PlannedActivity(Interviews, "interviews with facility managers", ActivityKind.Research,
                            new DataCollection(DataCollectionMethod.Interview, RespondentGroup.FacilityManagers), today, Researcher);
                        await cycles.ExecuteAsync(cycle, (c, x) => c.PlanActivity(activity, x.Context));
                        break;
                    case 9:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.EndorsePlan(Researcher, x.Context));
                        break;
                    case 10:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.EndorsePlan(Manager, x.Context), actor: Actor.Member(Manager));
                        break;
                    case 11:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.StartActing(x.Context));
                        break;
                    case 12:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.RecordAction(new CycleAction(Interviews, today, "12 interviews with hospital managers", ["transcripts"]), x.Context));
                        break;
                    case 13:
                        var occurrence = MeetingTimetable.OccurrencesOf(
                            (await scope.GetRequiredService<AggregateRepository<MeetingSeries>>().LoadAsync(AggregateRepository<MeetingSeries>.StreamOf(series))).State.Plan,
                            Instant.FromUtc(2016, 1, 9, 0, 0),
                            Instant.FromUtc(2016, 1, 11, 0, 0))[0];
                        await scope.GetRequiredService<IAggregateCommands<MeetingSeries>>().ExecuteAsync(series, (s, c) => s.RecordHeld(occurrence, new MeetingAttendance([Researcher]), c.Stamp));
                        break;
                    case 14:
                        await scope.GetRequiredService<IAggregateCommands<EthicalDilemma>>().ExecuteAsync(new DilemmaId("E-" + site.Value), (d, c) => d.Discuss("researchers' reflection meeting", c.Stamp));
                        break;
                    case 15:
                        await scope.GetRequiredService<IAggregateCommands<Amendment>>().ExecuteAsync(amendment, (a, c) => a.StartReview(c.Stamp), actor: Actor.Named("ethics-office"));
                        break;
                    case 16:
                        if (programme.Random.Next(2) == 0)
                        {
                            await scope.GetRequiredService<AmendmentWorkflow>().ApproveAsync(amendment, today, actor: Actor.Named("ethics-office"));
                        }
                        else
                        {
                            await scope.GetRequiredService<AmendmentWorkflow>().RejectAsync(amendment, "the journals would identify managers", actor: Actor.Named("ethics-office"));
                        }

                        break;
                    case 17:
                        await scope.GetRequiredService<IAggregateCommands<LearningSite>>().ExecuteAsync(site, (s, c) => s.RecordEngagement(Manager, new Engagement(today, EngagementKind.ManagerialRequest), c.Stamp));
                        break;
                    case 18:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.StartReflecting(x.Context));
                        break;
                    case 19:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.RecordReflection(
                            new Reflection(ReflectionMeetingKind.WithManagers, today, [Researcher, Manager], ["fee retention sustains hospital operations"]), x.Context));
                        break;
                    case 20:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.StartEvaluating(x.Context));
                        break;
                    case 21:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.RecordEvaluation(new Evaluation(Interviews, EvaluationOutcome.Achieved, "12 transcripts analysed", "as predicted"), x.Context));
                        break;
                    case 22:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.StartRevising(x.Context));
                        break;
                    case 23:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.RecordRevision(
                            new Revision([new ActivityRevision(Interviews, RevisionDecision.Adopt, "keep tracking fee use")], [], ["policy-makers act on evidence fed back in person"]), x.Context));
                        break;
                    case 24:
                        await cycles.ExecuteAsync(cycle, (c, x) => c.Complete(x.Context));
                        break;
                    default:
                        await cycles.StartNextAsync(cycle, new CycleId(cycle.Value + "-next"), "the revisions carried forward");
                        return false;
                }

                return true;
            }

            /// <summary>The site's ledger: an insight, the engagement that carried it (effort and cost added after), an output (retracted one time in three) and the impact citing them and an insight never recorded.</summary>
            private async Task LedgerAsync(IServiceProvider scope, LocalDate today)
            {
                var insight = new InsightId("I-" + site.Value);
                var engagement = new EngagementId("W-" + site.Value);
                var output = new OutputId("O-" + site.Value);
                await scope.GetRequiredService<IAggregateCommands<Insight>>().CreateAsync(c => Insight.Record(
                    new InsightRecording(insight, site, "fee retention sustains hospital operations", today)
                    {
                        Authors = [Researcher], Source = InsightSourceKind.Observation, SourceReference = "hospital interviews",
                    },
                    c.Stamp));
                await scope.GetRequiredService<IAggregateCommands<WiderEngagement>>().CreateAsync(c => WiderEngagement.Record(
                    new EngagementRecording(engagement, site, "findings fed back to county policy-makers", today, new HigherLevelEngagement(SystemLevel.DistrictOrCounty, "county department of health"))
                    {
                        Participants = [new EngagementParticipant(Researcher, site), new EngagementParticipant(Manager, site)], Insights = [insight],
                    },
                    c.Stamp));
                await scope.GetRequiredService<IAggregateCommands<WiderEngagement>>().ExecuteAsync(engagement, (e, c) =>
                {
                    e.AddEffort(new EffortEntry(site, RoleKind.Researcher, 6m), c.Stamp);
                    e.AddCost(new CostEntry(site, "transport", new Money(2_500m, CurrencyCode.KenyanShilling)), c.Stamp);
                });
                var outputs = scope.GetRequiredService<IAggregateCommands<Output>>();
                await outputs.CreateAsync(c => Output.Record(
                    new OutputRecording(output, site, OutputKind.PolicyBrief, "Hospital user fees after devolution", today)
                    {
                        Authors = [new OutputAuthor(Researcher, RoleKind.Researcher), new OutputAuthor(Manager, RoleKind.Manager)], Insights = [insight],
                    },
                    c.Stamp));
                if (programme.Random.Next(3) == 0)
                {
                    await outputs.ExecuteAsync(output, (o, c) => o.Retract("superseded", c.Stamp));
                }

                await scope.GetRequiredService<IAggregateCommands<Impact>>().CreateAsync(c => Impact.Record(
                    new ImpactRecording(new ImpactId("M-" + site.Value), site, "the county returns user fees to the hospitals", today)
                    {
                        Change = ImpactChange.Law, Level = SystemLevel.DistrictOrCounty, Evidence = "the county act", ObservedBy = "county assembly",
                        Outputs = [output], Engagements = [engagement], Insights = [insight, new InsightId("never-recorded")],
                    },
                    c.Stamp));
            }

            private ProtocolRules Rules() => new([site], new Dictionary<CommitteeId, CommitteePolicy> { [Committee] = CommitteePolicies.KenyaNationalCommittee });

            /// <summary>Interviews with facility managers at the site, approved from 15 January 2016 for the committee's year.</summary>
            private Protocol Approved(Stamp now)
            {
                var scope = new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.FacilityManagers], [site]);
                var draft = new ProtocolDraft(protocolId, "Governance in a county health system", Committee, scope) { Institution = "KEMRI-Wellcome Trust", DraftedOn = new LocalDate(2015, 12, 1) };
                var from = new LocalDate(2016, 1, 15);
                var office = new Stamp(now.At, Actor.Named("ethics-office"));
                var created = Protocol.Draft(draft, new ProtocolContext(now, Rules()));
                created.Submit(now);
                created.StartReview(office);
                created.Approve(from, CommitteePolicies.KenyaNationalCommittee.ApprovalPeriodFrom(from), office);
                return created;
            }
        }
    }
}
