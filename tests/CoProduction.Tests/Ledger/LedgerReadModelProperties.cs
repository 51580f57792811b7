using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CoProduction.DependencyInjection;
using CoProduction.Ledger;
using CoProduction.Projections;
using CoProduction.ReadModels;
using CoProduction.Sites;
using CoProduction.Tests.Extensions;
using CoProduction.Tests.ReadModels;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ledger;

/// <summary>A generated insight: its number (the id <c>insight-{n}</c>), site, the numbers it builds on, and whether it is retracted.</summary>
public sealed record GeneratedInsight(int Id, string Site, int[] BuildsOn, bool Retracted);

/// <summary>A generated engagement: kind, recording site (both sites take part), year, effort (site, hours), costs (site, amount, currency), insights, retracted.</summary>
public sealed record GeneratedEngagement(int Id, string Site, WiderEngagementKind Kind, int Year, (string Site, decimal Hours)[] Effort, (string Site, decimal Amount, string Currency)[] Costs, int[] Insights, bool Retracted);

/// <summary>A generated output: site, whether a manager co-authored it, the insights it draws on, retracted.</summary>
public sealed record GeneratedOutput(int Id, string Site, bool ManagerCoAuthor, int[] Insights, bool Retracted);

/// <summary>A generated impact: site, change, level, standing (0 claimed, 1 corroborated, 2 retracted), its outputs, engagements and insights.</summary>
public sealed record GeneratedImpact(int Id, string Site, ImpactChange Change, SystemLevel Level, int Standing, int[] Outputs, int[] Engagements, int[] Insights);

/// <summary>A generated ledger: records of every kind whose links name ids from a pool larger than what is recorded, so some never resolve.</summary>
public sealed record GeneratedLedger(GeneratedInsight[] Insights, GeneratedEngagement[] Engagements, GeneratedOutput[] Outputs, GeneratedImpact[] Impacts)
{
    /// <summary>Reads as its record counts.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Insights.Length} insights, {Engagements.Length} engagements, {Outputs.Length} outputs, {Impacts.Length} impacts";
}

/// <summary>
/// The ledger's read model against the aggregates' own states, on generated ledgers: its totals are the sums over the states
/// (retracted records left out), and its trails' links never dangle — each end is a record the model holds or a reference shown unresolved.
/// </summary>
public sealed class LedgerReadModelProperties
{
    private static readonly string[] Sites = ["kilifi", "mitchells-plain"];

    private static Gen<int[]> Links => Gen.Choose(0, 7).ArrayOf().Select(a => a.Distinct().Take(3).ToArray());

    private static readonly Gen<GeneratedLedger> Ledgers =
        from insights in (from id in Gen.Choose(0, 5) from site in Gen.Elements(Sites) from builds in Links from retracted in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                          select new GeneratedInsight(id, site, builds, retracted)).ArrayOf()
        from engagements in (from id in Gen.Choose(0, 5) from site in Gen.Elements(Sites) from kind in Gen.Elements(Enum.GetValues<WiderEngagementKind>()) from year in Gen.Choose(2014, 2017)
                             from effort in (from s in Gen.Elements(Sites) from h in Gen.Elements(0.25m, 2m, 7.5m, 40m) select (s, h)).ArrayOf()
                             from costs in (from s in Gen.Elements(Sites) from a in Gen.Elements(10m, 150.5m, 12_000m) from c in Gen.Elements("KES", "ZAR", "GBP") select (s, a, c)).ArrayOf()
                             from links in Links from retracted in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                             select new GeneratedEngagement(id, site, kind, year, [.. effort.Take(5)], [.. costs.Take(5)], links, retracted)).ArrayOf()
        from outputs in (from id in Gen.Choose(0, 5) from site in Gen.Elements(Sites) from manager in Gen.Elements(true, false) from links in Links from retracted in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                         select new GeneratedOutput(id, site, manager, links, retracted)).ArrayOf()
        from impacts in (from id in Gen.Choose(0, 5) from site in Gen.Elements(Sites) from change in Gen.Elements(Enum.GetValues<ImpactChange>()) from level in Gen.Elements(Enum.GetValues<SystemLevel>())
                         from standing in Gen.Choose(0, 2) from o in Links from e in Links from i in Links
                         select new GeneratedImpact(id, site, change, level, standing, o, e, i)).ArrayOf()
        select new GeneratedLedger(
            [.. insights.DistinctBy(x => x.Id).Take(6)], [.. engagements.DistinctBy(x => x.Id).Take(6)], [.. outputs.DistinctBy(x => x.Id).Take(6)], [.. impacts.DistinctBy(x => x.Id).Take(6)]);

    public static Arbitrary<GeneratedLedger> Generated { get; } = Ledgers.ToArbitrary();

    [Property(MaxTest = 40)]
    public Property The_ledgers_totals_are_the_sums_over_the_aggregates_states_and_its_trails_links_never_dangle()
        => Prop.ForAll(Generated, ledger =>
        {
            var problems = Task.Run(() => CheckAsync(ledger)).GetAwaiter().GetResult();
            return (problems.Count == 0).Label(string.Join("\n", problems));
        });

    private static async Task<List<string>> CheckAsync(GeneratedLedger generated)
    {
        var (insights, engagements, outputs, impacts) = Build(generated);
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(At(100)));
        services.AddCoProduction().UseTestAccess().UseInMemoryStore();
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await LedgerConformance.SaveAsync(provider, insights);
        await LedgerConformance.SaveAsync(provider, engagements);
        await LedgerConformance.SaveAsync(provider, outputs);
        await LedgerConformance.SaveAsync(provider, impacts);
        await provider.GetRequiredService<ProjectionRunner>().CatchUpAsync(TestContext.Current.CancellationToken);
        var ledger = provider.GetRequiredService<ILedger>();
        var problems = new List<string>();

        foreach (var site in Sites.Select(s => new SiteId(s)))
        {
            var expectedEffort = engagements.Select(e => e.State)
                .Where(s => s.Status != WiderEngagementStatus.Retracted && s.Sites.Contains(site))
                .GroupBy(s => (s.On.Year, s.Kind))
                .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Kind)
                .Select(g => new EngagementTotals(
                    site, g.Key.Year, g.Key.Kind, g.Count(),
                    g.SelectMany(s => s.Effort).Where(x => x.Site == site).Sum(x => x.PersonHours),
                    [.. g.SelectMany(s => s.Costs).Where(c => c.Site == site).GroupBy(c => c.Amount.Currency.Value).OrderBy(c => c.Key, StringComparer.Ordinal)
                        .Select(c => new Money(c.Sum(x => x.Amount.Amount), new CurrencyCode(c.Key)))]))
                .ToList();
            var effort = await ledger.EffortAsync(site, 2014, 2017, TestContext.Current.CancellationToken);
            if (!expectedEffort.SequenceEqual(effort))
            {
                problems.Add($"effort at {site}: expected {string.Join("; ", expectedEffort)}, read {string.Join("; ", effort)}");
            }

            var expectedImpacts = impacts.Select(i => i.State)
                .Where(s => s.Site == site && s.Status != ImpactStatus.Retracted)
                .GroupBy(s => (s.Kind, s.Level)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Level)
                .Select(g => new ImpactCount(g.Key.Kind, g.Key.Level, g.Count(s => s.Status == ImpactStatus.Claimed), g.Count(s => s.Status == ImpactStatus.Corroborated)))
                .ToList();
            var counted = await ledger.ImpactsAsync(site, TestContext.Current.CancellationToken);
            if (!expectedImpacts.SequenceEqual(counted))
            {
                problems.Add($"impacts at {site}: expected {string.Join("; ", expectedImpacts)}, read {string.Join("; ", counted)}");
            }

            var held = outputs.Select(o => o.State).Where(s => s.Site == site && s.Status != OutputStatus.Retracted).ToList();
            var coAuthorship = await ledger.CoAuthorshipAsync(site, TestContext.Current.CancellationToken);
            if (coAuthorship != new CoAuthorship(held.Count, held.Count(s => s.HasManagerCoAuthor)))
            {
                problems.Add($"co-authorship at {site}: {coAuthorship} for {held.Count} outputs");
            }
        }

        var recorded = insights.Select(i => LedgerReference.Of(i.Id))
            .Concat(engagements.Select(e => LedgerReference.Of(e.Id)))
            .Concat(outputs.Select(o => LedgerReference.Of(o.Id)))
            .Concat(impacts.Select(i => LedgerReference.Of(i.Id)))
            .ToHashSet();
        foreach (var start in recorded)
        {
            foreach (var direction in Enum.GetValues<TrailDirection>())
            {
                var trail = await ledger.TraceAsync(start, direction, TestContext.Current.CancellationToken);
                if (trail is null || !LedgerConformance.LinksNeverDangle(trail) || trail.Unresolved.Any(recorded.Contains) || !trail.Records.All(r => recorded.Contains(r.Reference)))
                {
                    problems.Add($"the {direction} trail from {start} has a dangling link or misplaces a record");
                }
            }
        }

        return problems;
    }

    private static (List<Insight>, List<WiderEngagement>, List<Output>, List<Impact>) Build(GeneratedLedger generated)
    {
        var stamp = Stamp(At(1), Researcher);
        var later = Stamp(At(2), Researcher);
        static InsightId InsightOf(int n) => new($"insight-{n}");
        static EngagementId EngagementOf(int n) => new($"engagement-{n}");
        static OutputId OutputOf(int n) => new($"output-{n}");

        var insights = generated.Insights.Select(g =>
        {
            var insight = Insight.Record(
                new InsightRecording(InsightOf(g.Id), new SiteId(g.Site), "what was learnt", new LocalDate(2015, 1, 1))
                {
                    Authors = [new MemberId("jo")], Source = InsightSourceKind.Meeting, SourceReference = "reflection",
                    BuildsOn = [.. g.BuildsOn.Where(n => n != g.Id).Select(InsightOf)],
                },
                stamp);
            if (g.Retracted)
            {
                insight.Retract("withdrawn", later);
            }

            return insight;
        }).ToList();

        var engagements = generated.Engagements.Select(g =>
        {
            var id = EngagementOf(g.Id);
            var site = new SiteId(g.Site);
            var on = new LocalDate(g.Year, 3, 1);
            ValueList<EngagementParticipant> participants = [new EngagementParticipant(new MemberId("jo"), new SiteId("kilifi")), new EngagementParticipant(new MemberId("thabo"), new SiteId("mitchells-plain"))];
            ValueList<InsightId> links = [.. g.Insights.Select(InsightOf)];
            var recording = g.Kind switch
            {
                WiderEngagementKind.EngagingHigherLevels => new EngagementRecording(id, site, "forum", on, new HigherLevelEngagement(SystemLevel.National, "national forum")) { Participants = participants, Insights = links },
                WiderEngagementKind.RespondingToManagerialRequest => new EngagementRecording(id, site, "request", on, new ManagerialRequest("district manager", RequestFormality.Informal, "a review")) { Participants = participants, Insights = links },
                WiderEngagementKind.InvolvingManagersInWiderActivities => new EngagementRecording(id, site, "visit", on, new WiderActivity(WiderActivityKind.ExchangeVisit, "exchange visit")) { Participants = participants, Insights = links },
                _ => new EngagementRecording(id, site, "course", on, new TeachingLink("MPH", "Wits", "managers")) { Participants = participants, Insights = links },
            };
            var engagement = WiderEngagement.Record(
                recording,
                stamp);
            foreach (var (s, hours) in g.Effort)
            {
                engagement.AddEffort(new EffortEntry(new SiteId(s), RoleKind.Researcher, hours), stamp);
            }

            var item = 0;
            foreach (var (s, amount, currency) in g.Costs)
            {
                engagement.AddCost(new CostEntry(new SiteId(s), $"item {item++}", new Money(amount, new CurrencyCode(currency))), stamp);
            }

            if (g.Retracted)
            {
                engagement.Retract("withdrawn", later);
            }

            return engagement;
        }).ToList();

        var outputs = generated.Outputs.Select(g =>
        {
            var output = Output.Record(
                new OutputRecording(OutputOf(g.Id), new SiteId(g.Site), OutputKind.Paper, "a paper", new LocalDate(2016, 1, 1))
                {
                    Authors = g.ManagerCoAuthor ? [new OutputAuthor(new MemberId("jo"), RoleKind.Researcher), new OutputAuthor(new MemberId("thabo"), RoleKind.Manager)] : [new OutputAuthor(new MemberId("jo"), RoleKind.Researcher)],
                    Insights = [.. g.Insights.Select(InsightOf)],
                },
                stamp);
            if (g.Retracted)
            {
                output.Retract("withdrawn", later);
            }

            return output;
        }).ToList();

        var impacts = generated.Impacts.Select(g =>
        {
            var impact = Impact.Record(
                new ImpactRecording(new ImpactId($"impact-{g.Id}"), new SiteId(g.Site), "what changed", new LocalDate(2017, 1, 1))
                {
                    Change = g.Change, Level = g.Level, Evidence = "minutes", ObservedBy = "research team",
                    Outputs = [.. g.Outputs.Select(OutputOf)], Engagements = [.. g.Engagements.Select(EngagementOf)], Insights = [.. g.Insights.Select(InsightOf)],
                },
                stamp);
            if (g.Standing == 1)
            {
                impact.Corroborate(new Corroboration("the policy as published", "provincial department"), later);
            }
            else if (g.Standing == 2)
            {
                impact.Retract("not borne out", later);
            }

            return impact;
        }).ToList();

        return (insights, engagements, outputs, impacts);
    }
}
