using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.Cycles;
using CoProduction.Ethics;
using CoProduction.Events;
using CoProduction.Ledger;
using CoProduction.Persistence;
using CoProduction.Programmes;
using CoProduction.Protocols;
using CoProduction.Scheduling;
using CoProduction.Sites;
using CoProduction.Tests.Cycles;
using CoProduction.Tests.Persistence;
using CoProduction.Tests.Scheduling;
using CoProduction.Tests.Sites;
using CoProduction.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static CoProduction.Tests.Protocols.ProtocolFixtures;
using CoProduction.Tests.Extensions;

namespace CoProduction.Tests.BadInput;

/// <summary>
/// One bad input: the public command it calls (as a user would write it), the typed error it must get and,
/// where the error carries one, its rule, trigger, reason or parameter (<see cref="BadInputSuite.DetailOf"/>).
/// </summary>
/// <param name="Command">The call, written as code: the name a failing row is shown by.</param>
/// <param name="Act">Runs the call against a seeded world; throws what the library throws.</param>
/// <param name="Expected">The exact exception type.</param>
/// <param name="Detail">The exception's rule / trigger / reason / failure / parameter name, or <see langword="null"/> when the type says it all.</param>
public sealed record BadInputCase(string Command, Func<BadInputWorld, Task> Act, Type Expected, string? Detail = null)
{
    /// <summary>A case whose call is synchronous (a domain command).</summary>
    public static BadInputCase Sync<TException>(string command, Action<BadInputWorld> act, object? detail = null)
        where TException : Exception
        => new(command, w =>
        {
            act(w);
            return Task.CompletedTask;
        }, typeof(TException), detail?.ToString());

    /// <summary>A case whose call is asynchronous (a store, the archive, a DI command surface).</summary>
    public static BadInputCase Async<TException>(string command, Func<BadInputWorld, Task> act, object? detail = null)
        where TException : Exception
        => new(command, act, typeof(TException), detail?.ToString());

    public override string ToString() => Command;
}

/// <summary>
/// The store a case runs against, seeded with every aggregate in a useful state (each saved through its repository),
/// and each aggregate loaded back fresh from the store: what a case changes, it changes on these.
/// </summary>
public sealed class BadInputWorld
{
    /// <summary>After every event of the seed: the stamp of the cases' commands.</summary>
    public static readonly Instant Later = Instant.FromUtc(2019, 6, 3, 8, 0);

    public static readonly StreamId Kilifi = StreamId.For(LearningSite.StreamCategory, PaperSites.KilifiId);
    /// <summary>A command id recorded with a fingerprint (on stream <c>test-bound</c>).</summary>
    public static readonly CommandId BoundCommand = new("bound-command");

    public static readonly StreamId Resyst = StreamId.For(Programme.StreamCategory, PaperSites.Resyst);

    private readonly List<Loaded> loaded = [];

    private BadInputWorld(ImportTarget target) => Target = target;

    public ImportTarget Target { get; }

    public IEventStore Store => Target.Store;

    public Stamp Stamp { get; } = new(Later, PaperSites.Lead);

    public CycleContext CycleContext { get; } = KilifiSite.Rules().At(Later, KilifiSite.ByResearcher);

    public ProtocolContext ProtocolContext { get; } = Context(Later, Researcher);

    public LearningSite Site { get; private set; } = null!;

    public Programme Programme { get; private set; } = null!;

    /// <summary>Protocol <c>P-DRAFT</c>, in Draft.</summary>
    public Protocol DraftProtocol { get; private set; } = null!;

    /// <summary>Protocol <c>P-REVIEW</c>, UnderReview.</summary>
    public Protocol ReviewedProtocol { get; private set; } = null!;

    /// <summary>Protocol <c>KWTRP-1</c>, Approved from 2015-03-01, with amendment <c>A-REVIEW</c> lodged.</summary>
    public Protocol ApprovedProtocol { get; private set; } = null!;

    /// <summary>Amendment <c>A-DRAFT</c> of KWTRP-1 (adds journaling: a generic amendment for the refusal mechanics, not the paper's story), in Draft.</summary>
    public Amendment DraftAmendment { get; private set; } = null!;

    /// <summary>Amendment <c>A-REVIEW</c> of KWTRP-1 (adds diaries), UnderReview and lodged.</summary>
    public Amendment ReviewedAmendment { get; private set; } = null!;

    /// <summary>Cycle <c>kilifi-2015</c>: planned (interviews, feedback) and endorsed, still Planning.</summary>
    public Cycle PlanningCycle { get; private set; } = null!;

    /// <summary>Cycle <c>kilifi-2016</c>, Acting, no action recorded.</summary>
    public Cycle ActingCycle { get; private set; } = null!;

    /// <summary>Cycle <c>kilifi-2017</c>, Evaluating, nothing evaluated.</summary>
    public Cycle EvaluatingCycle { get; private set; } = null!;

    /// <summary>Cycle <c>kilifi-2014</c>, Completed.</summary>
    public Cycle CompletedCycle { get; private set; } = null!;

    /// <summary>Dilemma <c>E1</c>, raised.</summary>
    public EthicalDilemma Dilemma { get; private set; } = null!;

    /// <summary>Insight <c>I1</c> at Kilifi, recorded, one seed (a planned activity, "user-fee case study").</summary>
    public Insight Insight { get; private set; } = null!;

    /// <summary>Engagement <c>eng-1</c> at Kilifi (engaging the county level), Amina taking part, linked to insight <c>I1</c>, six researcher person-hours.</summary>
    public WiderEngagement Engagement { get; private set; } = null!;

    /// <summary>Output <c>out-1</c> at Kilifi, a presentation co-authored by a manager (Amina), drawing on insight <c>I1</c>.</summary>
    public Output Output { get; private set; } = null!;

    /// <summary>Impact <c>imp-1</c> at Kilifi (a county law, led to by <c>eng-1</c>, <c>out-1</c> and <c>I1</c>), corroborated.</summary>
    public Impact Impact { get; private set; } = null!;

    /// <summary>Deviation <c>D1</c>, recorded on 2017-05-29 and not reported.</summary>
    public ProtocolDeviation Deviation { get; private set; } = null!;

    /// <summary>Series <c>kilifi-reflection</c>: monthly on the 15th of 2016 at 14:00 in Nairobi.</summary>
    public MeetingSeries Series { get; private set; } = null!;

    public static MeetingSeriesPlan SeriesPlan { get; } = Plans.Plan("kilifi-reflection", Cadence.Monthly(15), new LocalDate(2016, 1, 1), new LocalDate(2016, 12, 31));

    /// <summary>The series' March 2016 meeting.</summary>
    public static MeetingOccurrence March => new MeetingTimetable([SeriesPlan]).Find(SeriesPlan.Series, new LocalDate(2016, 3, 15))!.Value;

    public static async Task<BadInputWorld> SeedAsync(ImportTarget target)
    {
        var store = target.Store;
        var rules = KilifiSite.Rules();
        var programme = Programme.Register(
            new ProgrammeRegistration(PaperSites.Resyst, "RESYST", new DateInterval(new LocalDate(2012, 1, 1), new LocalDate(2018, 12, 31))), PaperSites.Stamp);
        programme.AddSite(PaperSites.KilifiId, PaperSites.Stamp);
        programme.LinkUmbrellaProtocol(new ProtocolId("resyst-umbrella"), PaperSites.Stamp);

        var draft = Drafted("P-DRAFT");
        var reviewed = Drafted("P-REVIEW");
        reviewed.Submit(Stamp(At(1), Researcher));
        reviewed.StartReview(Stamp(At(2), Committee));
        var approved = Approved("KWTRP-1");
        var draftAmendment = DraftAmendment(approved, "A-DRAFT", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Journaling)), new LocalDate(2015, 6, 1), At(150));
        var reviewedAmendment = DraftAmendment(approved, "A-REVIEW", AmendmentChanges.Adding(ScopeItem.Of(DataCollectionMethod.Diary)), new LocalDate(2015, 6, 1), At(150));
        reviewedAmendment.Submit(Stamp(At(151), Researcher));
        approved.LodgeAmendment(reviewedAmendment, Stamp(At(151), Researcher));
        reviewedAmendment.StartReview(Stamp(At(152), Committee));

        var financing = new ResearchActivity("interviews with facility managers on facility financing", DataCollectionMethod.Interview, RespondentGroup.FacilityManagers, PaperSites.KilifiId, new LocalDate(2017, 5, 24));
        var deviation = ProtocolDeviation.Record(
            new DeviationRecording(new DeviationId("D1"), financing, "interviews held before the amendment adding facility managers was approved", new LocalDate(2017, 5, 29)),
            draft,
            Context(At(900), Researcher));

        await SaveAsync(store, PaperSites.Kilifi());
        await SaveAsync(store, programme);
        await SaveAsync(store, draft);
        await SaveAsync(store, reviewed);
        await SaveAsync(store, approved);
        await SaveAsync(store, draftAmendment);
        await SaveAsync(store, reviewedAmendment);
        await SaveAsync(store, KilifiSite.Planned(rules, 2015));
        await SaveAsync(store, KilifiSite.Acting(rules, 2016));
        await SaveAsync(store, KilifiSite.Evaluating(rules, 2017));
        await SaveAsync(store, KilifiSite.Completed(rules, 2014));
        await SaveAsync(store, EthicalDilemma.Raise(new DilemmaRaising(new DilemmaId("E1"), PaperSites.KilifiId, "a facility manager asks to read another manager's interview transcript"), Stamp(At(1), Researcher)));
        await SaveAsync(store, deviation);
        var insight = Insight.Record(
            new InsightRecording(new InsightId("I1"), PaperSites.KilifiId, "Hospital user fees weigh on the poorest households", new LocalDate(2016, 2, 10))
            {
                Authors = [new MemberId("amina")],
                Source = InsightSourceKind.Observation,
                SourceReference = "hospital priority-setting observation",
            },
            Stamp(At(1), Researcher));
        insight.Seed(new InsightSeed(SeedKind.PlannedActivity, "user-fee case study"), Stamp(At(2), Researcher));
        await SaveAsync(store, insight);
        var engagement = WiderEngagement.Record(
            new EngagementRecording(new EngagementId("eng-1"), PaperSites.KilifiId, "User-fee findings fed back to county policy-makers", new LocalDate(2016, 6, 14),
                new HigherLevelEngagement(SystemLevel.DistrictOrCounty, "county health management team"))
            {
                Participants = [new EngagementParticipant(new MemberId("amina"), PaperSites.KilifiId)],
                Insights = [new InsightId("I1")],
            },
            Stamp(At(1), Researcher));
        engagement.AddEffort(new EffortEntry(PaperSites.KilifiId, RoleKind.Researcher, 6m), Stamp(At(2), Researcher));
        await SaveAsync(store, engagement);
        await SaveAsync(store, Output.Record(
            new OutputRecording(new OutputId("out-1"), PaperSites.KilifiId, OutputKind.Presentation, "Hospital user fees after devolution", new LocalDate(2016, 11, 15))
            {
                Authors = [new OutputAuthor(new MemberId("jo"), RoleKind.Researcher), new OutputAuthor(new MemberId("amina"), RoleKind.Manager)],
                Insights = [new InsightId("I1")],
            },
            Stamp(At(1), Researcher)));
        var impact = Impact.Record(
            new ImpactRecording(new ImpactId("imp-1"), PaperSites.KilifiId, "The Facility Improvement Fund Act returns user fees to the hospitals", new LocalDate(2017, 1, 1))
            {
                Change = ImpactChange.Law,
                Level = SystemLevel.DistrictOrCounty,
                Evidence = "findings fed back to county policy-makers",
                ObservedBy = "Kilifi learning site research team",
                Outputs = [new OutputId("out-1")],
                Engagements = [new EngagementId("eng-1")],
                Insights = [new InsightId("I1")],
            },
            Stamp(At(1), Researcher));
        impact.Corroborate(new Corroboration("the Act as passed", "Kilifi county assembly"), Stamp(At(2), Researcher));
        await SaveAsync(store, impact);
        await SaveAsync(store, MeetingSeries.Plan(SeriesPlan, new Stamp(Plans.Utc(2015, 12, 1), Actor.Member(new MemberId("amina")))));

        var bound = new StreamAppend(new StreamId("test-bound"), 0, [StoreTesting.Event("test.bound")]);
        await store.AppendStreamsAsync([bound], BoundCommand, CommandFingerprint.Of("test.bound", [bound]), default);

        var world = new BadInputWorld(target);
        world.Site = await world.LoadAsync<LearningSite>(Kilifi, a => a.State);
        world.Programme = await world.LoadAsync<Programme>(Resyst, a => a.State);
        world.DraftProtocol = await world.LoadAsync<Protocol>(Stream<Protocol, ProtocolId>(new("P-DRAFT")), a => a.State);
        world.ReviewedProtocol = await world.LoadAsync<Protocol>(Stream<Protocol, ProtocolId>(new("P-REVIEW")), a => a.State);
        world.ApprovedProtocol = await world.LoadAsync<Protocol>(Stream<Protocol, ProtocolId>(new("KWTRP-1")), a => a.State);
        world.DraftAmendment = await world.LoadAsync<Amendment>(Stream<Amendment, AmendmentId>(new("A-DRAFT")), a => a.State);
        world.ReviewedAmendment = await world.LoadAsync<Amendment>(Stream<Amendment, AmendmentId>(new("A-REVIEW")), a => a.State);
        world.PlanningCycle = await world.LoadAsync<Cycle>(Stream<Cycle, CycleId>(new("kilifi-2015")), a => a.State);
        world.ActingCycle = await world.LoadAsync<Cycle>(Stream<Cycle, CycleId>(new("kilifi-2016")), a => a.State);
        world.EvaluatingCycle = await world.LoadAsync<Cycle>(Stream<Cycle, CycleId>(new("kilifi-2017")), a => a.State);
        world.CompletedCycle = await world.LoadAsync<Cycle>(Stream<Cycle, CycleId>(new("kilifi-2014")), a => a.State);
        world.Dilemma = await world.LoadAsync<EthicalDilemma>(Stream<EthicalDilemma, DilemmaId>(new("E1")), a => a.State);
        world.Insight = await world.LoadAsync<Insight>(Stream<Insight, InsightId>(new("I1")), a => a.State);
        world.Output = await world.LoadAsync<Output>(Stream<Output, OutputId>(new("out-1")), a => a.State);
        world.Impact = await world.LoadAsync<Impact>(Stream<Impact, ImpactId>(new("imp-1")), a => a.State);
        world.Engagement = await world.LoadAsync<WiderEngagement>(Stream<WiderEngagement, EngagementId>(new("eng-1")), a => a.State);
        world.Deviation = await world.LoadAsync<ProtocolDeviation>(Stream<ProtocolDeviation, DeviationId>(new("D1")), a => a.State);
        world.Series = await world.LoadAsync<MeetingSeries>(Stream<MeetingSeries, SeriesId>(SeriesPlan.Series), a => a.State);
        return world;
    }

    public static StreamId Stream<TAggregate, TId>(TId id)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
        where TId : struct, IStringId<TId>
        => AggregateRepository<TAggregate>.StreamOf(id);

    public AggregateRepository<TAggregate> Repository<TAggregate>()
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
        => new(Store, EventSerializer.Default);

    /// <summary>Runs a call on the DI command surfaces (<c>AddCoProduction</c>) over this world's store, in one scope, then disposes them.</summary>
    public async Task WithServicesAsync(Func<IServiceProvider, Task> call)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Later));
        services.AddSingleton<ITeamRoster>(KilifiSite.Roster());
        services.AddSingleton<IEthicsGate>(KilifiSite.Gate());
        services.AddSingleton(Store);
        // Forwarded as instances too: AddCoProduction's factory forwards would make the container own (and dispose) the store.
        services.AddSingleton<IEventStoreReader>(Store);
        services.AddSingleton<IEventStoreWriter>(Store);
        services.AddCoProduction(o => o.CommandRetryDelay = TimeSpan.Zero).UseTestAccess();
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        await call(scope.ServiceProvider);
    }

    /// <summary>Every loaded aggregate still has the state object, version and committed version it was loaded with, and nothing pending.</summary>
    public void AssertUnchanged()
    {
        foreach (var l in loaded)
        {
            Assert.True(ReferenceEquals(l.State, l.CurrentState()), $"{l.Aggregate.StreamId}: the refused command replaced the state");
            Assert.Equal((l.Version, l.Committed, 0), (l.Aggregate.Version, l.Aggregate.CommittedVersion, l.Aggregate.UncommittedEvents.Count));
        }
    }

    /// <summary>Saves every loaded aggregate as an app would after the refused command: nothing is pending, so nothing is written.</summary>
    public async Task SaveAllAsync()
    {
        foreach (var l in loaded)
        {
            Assert.Null(await l.Save());
        }
    }

    private async Task<TAggregate> LoadAsync<TAggregate>(StreamId stream, Func<TAggregate, object> state)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
    {
        var repository = Repository<TAggregate>();
        var aggregate = await repository.LoadAsync(stream);
        loaded.Add(new Loaded(aggregate, state(aggregate), aggregate.Version, aggregate.CommittedVersion, () => state(aggregate), async () => await repository.SaveAsync(aggregate)));
        return aggregate;
    }

    private static async Task SaveAsync<TAggregate>(IEventStore store, TAggregate aggregate)
        where TAggregate : class, IEventSourcedAggregate<TAggregate>
        => Assert.NotNull(await new AggregateRepository<TAggregate>(store, EventSerializer.Default).SaveAsync(aggregate, new CommandId("seed-" + aggregate.StreamId)));

    private sealed record Loaded(IEventSourcedAggregate Aggregate, object State, long Version, long Committed, Func<object> CurrentState, Func<Task<AppendResult?>> Save);
}
