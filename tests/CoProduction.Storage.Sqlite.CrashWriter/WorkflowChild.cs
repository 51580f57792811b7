using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using CoProduction.Commands;
using CoProduction.Cycles;
using CoProduction.DependencyInjection;
using CoProduction.Ethics;
using CoProduction.Persistence;
using CoProduction.Projections;
using CoProduction.Protocols;
using CoProduction.Sites;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using CoProduction.Tests.Extensions;

namespace CoProduction.Storage.Sqlite.CrashWriter;

/// <summary>
/// Runs the library's workflows over a SQLite file, as an app built with <c>AddCoProduction</c> + <c>UseSqliteStore</c>
/// does, one unit of work after another, until it is killed: a site, its approved protocol, an amendment submitted
/// (lodged on the protocol) then approved (applied), rejected or withdrawn (released); a cycle through its stages
/// with an action recorded after the approval lapsed (its deviation opened in the same write) and, once completed,
/// the next cycle started (both cycles in one write).
/// </summary>
/// <remarks>
/// <para>
/// Usage: <c>&lt;database&gt; &lt;run&gt; workflows [hold]</c>; with <c>hold</c> the child stops after its first workflow's write,
/// before acknowledging it (it prints <c>WRITTEN u{unit}-s{step}</c> and waits to be killed). Every step has a fixed command id, <c>u{unit}-s{step}</c>, and
/// fixed dates, so the story is the same in every run. On start the child resumes: it reads the command ids the store
/// holds and goes on at the first step not recorded (a step killed in flight either was written whole or not at all).
/// When the step before is a workflow, it first runs that step again under its command id, as a client retrying after
/// a crash would, and fails unless the store answers "duplicate", writing nothing.
/// </para>
/// <para>
/// Prints <c>READY</c> once the projection runner has started, <c>RESUME u{unit}-s{step}</c>,
/// <c>RETRIED u{unit}-s{step}</c> after the retry, <c>BEGIN {kind} u{unit}-s{step}</c> before each step and <c>ACK u{unit}-s{step} END</c> once it is acknowledged. Kinds that
/// are workflows start with <c>workflow.</c>.
/// </para>
/// </remarks>
internal static class WorkflowChild
{
    /// <summary>The committee of every protocol: Kenya's, without the pause on late renewal, so a lapsed approval opens a deviation.</summary>
    public static readonly CommitteeId Committee = new("kemri-seru");

    private static readonly CommitteePolicy Policy = CommitteePolicies.KenyaNationalCommittee with { LateRenewalPausesStudy = false };
    private static readonly DateTimeZone Nairobi = DateTimeZoneProviders.Tzdb["Africa/Nairobi"];
    private static readonly MemberId Researcher = new("researcher");
    private static readonly MemberId Manager = new("manager");
    private static readonly ActivityId Interviews = new("interviews");

    public static async Task RunAsync(string database, bool hold)
    {
        var clock = new StepClock();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddCoProduction(o =>
            {
                o.NotificationPollInterval = TimeSpan.FromMilliseconds(100);
                o.DefaultTimeZone = Nairobi.Id;
                o.OutOfApprovalActions = OutOfApprovalActions.RecordWithDeviation;
            }).UseTestAccess()
            .UseSqliteStore(database)
            .AddCommitteePolicy(Committee, Policy);
        using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ProjectionRunner>().StartAsync(CancellationToken.None);
        Say("READY");

        var recorded = await RecordedCommandsAsync(provider.GetRequiredService<IEventStore>());
        var (unit, step) = (0, 0);
        while (recorded.Contains(CommandOf(unit, step)))
        {
            (unit, step) = Steps(unit).Count == step + 1 ? (unit + 1, 0) : (unit, step + 1);
        }

        Say("RESUME " + CommandOf(unit, step).Value);
        if (step > 0 && Steps(unit)[step - 1] is { Kind: var kind } before && kind.StartsWith("workflow.", StringComparison.Ordinal))
        {
            // The client retries the step it may not have seen acknowledged: the store knows the id and writes nothing.
            using var scope = provider.CreateScope();
            clock.Now = Day(unit, before.Day);
            var duplicate = await before.Run(scope.ServiceProvider, CommandOf(unit, step - 1));
            if (!duplicate)
            {
                throw new InvalidOperationException($"The retry of {CommandOf(unit, step - 1)} ({kind}) after a restart was not recognised as a duplicate.");
            }

            Say("RETRIED " + CommandOf(unit, step - 1).Value);
        }

        while (true)
        {
            var steps = Steps(unit);
            for (; step < steps.Count; step++)
            {
                var id = CommandOf(unit, step);
                using var scope = provider.CreateScope();
                clock.Now = Day(unit, steps[step].Day);
                Say($"BEGIN {steps[step].Kind} {id}");
                await steps[step].Run(scope.ServiceProvider, id);
                if (hold && steps[step].Kind.StartsWith("workflow.", StringComparison.Ordinal))
                {
                    // Written but not yet acknowledged to the client: the parent kills the child here, so the next run
                    // must retry this step and be answered "duplicate".
                    Say($"WRITTEN {id}");
                    await Task.Delay(Timeout.Infinite);
                }

                Say($"ACK {id} END");
            }

            (unit, step) = (unit + 1, 0);
        }
    }

    /// <summary>The command id of a unit's step.</summary>
    public static CommandId CommandOf(int unit, int step) => new(string.Create(CultureInfo.InvariantCulture, $"u{unit}-s{step}"));

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    private static async Task<HashSet<CommandId>> RecordedCommandsAsync(IEventStore store)
    {
        var ids = new HashSet<CommandId>();
        var after = 0L;
        while (await store.ReadAllAsync(after, 1000) is { Count: > 0 } page)
        {
            foreach (var e in page)
            {
                if (e.CommandId is { } id)
                {
                    ids.Add(id);
                }
            }

            after = page[^1].Position;
        }

        return ids;
    }

    /// <summary>9:00 in Nairobi on a day of a unit's story; each unit has its own 420 days, after the one before.</summary>
    private static Instant Day(int unit, int day) => (Start(unit) + Period.FromDays(day)).At(new LocalTime(9, 0)).InZoneStrictly(Nairobi).ToInstant();

    private static LocalDate Start(int unit) => new LocalDate(2016, 1, 4).PlusDays(420 * unit);

    private static T Get<T>(IServiceProvider scope)
        where T : notnull
        => scope.GetRequiredService<T>();

    /// <summary>One step of a unit: its kind, its day in the unit's story, and what it runs (true when the store answered "duplicate").</summary>
    private sealed record Step(string Kind, int Day, Func<IServiceProvider, CommandId, Task<bool>> Run);

    /// <summary>A unit's story. Unit <c>n % 3</c> decides the amendment: 0 approved, 1 rejected, 2 withdrawn.</summary>
    private static List<Step> Steps(int unit)
    {
        var site = new SiteId(string.Create(CultureInfo.InvariantCulture, $"w{unit}"));
        var protocol = new ProtocolId("P-" + site.Value);
        var amendment = new AmendmentId("A-" + site.Value);
        var cycle = new CycleId(site.Value + "-c1");
        var next = new CycleId(site.Value + "-c2");
        var start = Start(unit);
        var office = Actor.Named("ethics-office");
        var rules = new ProtocolRules([site], new Dictionary<CommitteeId, CommitteePolicy> { [Committee] = Policy });

        var steps = new List<Step>
        {
            new("site.register", 0, async (s, id) => (await Get<IAggregateCommands<LearningSite>>(s).CreateAsync(c => Register(site, c.Stamp), id)).WasDuplicate),
            new("protocol.approved", 15, async (s, id) => (await Get<IAggregateCommands<Protocol>>(s).CreateAsync(c => Approved(protocol, site, start.PlusDays(14), rules, c.Stamp), id)).WasDuplicate),
            new("amendment.draft", 20, async (s, id) =>
            {
                var current = await Get<AggregateRepository<Protocol>>(s).LoadAsync(AggregateRepository<Protocol>.StreamOf(protocol));
                return (await Get<IAggregateCommands<Amendment>>(s).CreateAsync(
                    c => Amendment.Draft(
                        new AmendmentDraft(amendment, "managers asked to keep journals", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling))) { Substantial = true },
                        current,
                        start.PlusDays(20),
                        new ProtocolContext(c.Stamp, rules)),
                    id)).WasDuplicate;
            }),
            new("workflow.amendment.submit", 21, async (s, id) => (await Get<AmendmentWorkflow>(s).SubmitAsync(amendment, id)).WasDuplicate),
        };
        if (unit % 3 == 2)
        {
            steps.Add(new("workflow.amendment.withdraw", 22, async (s, id) => (await Get<AmendmentWorkflow>(s).WithdrawAsync(amendment, "the managers changed their minds", id)).WasDuplicate));
        }
        else
        {
            steps.Add(new("amendment.review", 22, async (s, id) => (await Get<IAggregateCommands<Amendment>>(s).ExecuteAsync(amendment, (a, c) => a.StartReview(c.Stamp), id, office)).WasDuplicate));
            steps.Add(unit % 3 == 0
                ? new("workflow.amendment.approve", 25, async (s, id) => (await Get<AmendmentWorkflow>(s).ApproveAsync(amendment, start.PlusDays(25), id, office)).WasDuplicate)
                : new("workflow.amendment.reject", 25, async (s, id) => (await Get<AmendmentWorkflow>(s).RejectAsync(amendment, "the journals would identify managers", id, office)).WasDuplicate));
        }

        var activity = new PlannedActivity(Interviews, "interviews with facility managers", ActivityKind.Research,
            new DataCollection(DataCollectionMethod.Interview, RespondentGroup.FacilityManagers), start.PlusDays(40), Researcher);
        steps.AddRange(
        [
            new("cycle.start", 30, async (s, id) => (await Get<CycleCommands>(s).StartAsync(new CycleOpening(cycle, site, 1, "User fees after devolution"), id)).WasDuplicate),
            Cycle("cycle.plan", 31, cycle, (c, x) => c.PlanActivity(activity, x.Context)),
            Cycle("cycle.endorse", 32, cycle, (c, x) => c.EndorsePlan(Researcher, x.Context)),
            Cycle("cycle.endorse", 33, cycle, (c, x) => c.EndorsePlan(Manager, x.Context), Actor.Member(Manager)),
            Cycle("cycle.act", 41, cycle, (c, x) => c.StartActing(x.Context)),

            // The approval (from day 14, for the committee's year) has lapsed: the action opens its deviation.
            new("workflow.deviation", 400, async (s, id) => (await Get<CycleCommands>(s).RecordActionAsync(
                cycle, new CycleAction(Interviews, start.PlusDays(395), "12 interviews with hospital managers", ["transcripts"]), id)).WasDuplicate),
            Cycle("cycle.reflect", 401, cycle, (c, x) => c.StartReflecting(x.Context)),
            Cycle("cycle.reflection", 402, cycle, (c, x) => c.RecordReflection(
                new Reflection(ReflectionMeetingKind.WithManagers, start.PlusDays(402), [Researcher, Manager], ["fee retention sustains hospital operations"]), x.Context)),
            Cycle("cycle.evaluate", 403, cycle, (c, x) => c.StartEvaluating(x.Context)),
            Cycle("cycle.evaluation", 404, cycle, (c, x) => c.RecordEvaluation(new Evaluation(Interviews, EvaluationOutcome.Achieved, "12 transcripts analysed", "as predicted"), x.Context)),
            Cycle("cycle.revise", 405, cycle, (c, x) => c.StartRevising(x.Context)),
            Cycle("cycle.revision", 406, cycle, (c, x) => c.RecordRevision(
                new Revision([new ActivityRevision(Interviews, RevisionDecision.Adopt, "keep tracking fee use")], [], ["policy-makers act on evidence fed back in person"]), x.Context)),
            Cycle("cycle.complete", 407, cycle, (c, x) => c.Complete(x.Context)),
            new("workflow.next-cycle", 408, async (s, id) => (await Get<CycleCommands>(s).StartNextAsync(cycle, next, "the revisions carried forward", id)).WasDuplicate),
        ]);
        return steps;
    }

    private static Step Cycle(string kind, int day, CycleId cycle, Action<Cycle, CycleCommandContext> decide, Actor? actor = null)
        => new(kind, day, async (s, id) => (await Get<CycleCommands>(s).ExecuteAsync(cycle, decide, id, actor)).WasDuplicate);

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

    /// <summary>Interviews with facility managers at the site, approved from a date for the committee's year.</summary>
    private static Protocol Approved(ProtocolId id, SiteId site, LocalDate from, ProtocolRules rules, Stamp now)
    {
        var scope = new ProtocolScope([DataCollectionMethod.Interview], [RespondentGroup.FacilityManagers], [site]);
        var draft = new ProtocolDraft(id, "Governance in a county health system", Committee, scope) { Institution = "KEMRI-Wellcome Trust" };
        var office = new Stamp(now.At, Actor.Named("ethics-office"));
        var created = Protocol.Draft(draft, new ProtocolContext(now, rules));
        created.Submit(now);
        created.StartReview(office);
        created.Approve(from, Policy.ApprovalPeriodFrom(from), office);
        return created;
    }

    /// <summary>The story's time: set before each step to that step's day.</summary>
    private sealed class StepClock : IClock
    {
        private long ticks;

        /// <summary>Gets or sets the instant (read by the projection runner's thread too, hence one atomic word).</summary>
        public Instant Now
        {
            get => Instant.FromUnixTimeTicks(Interlocked.Read(ref ticks));
            set => Interlocked.Exchange(ref ticks, value.ToUnixTimeTicks());
        }

        public Instant GetCurrentInstant() => Now;
    }
}
