using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Ledger;
using CoProduction.Tests.Persistence;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ledger;

/// <summary>One generated command on an insight, issued some hours after the previous one (negative: out of order).</summary>
/// <param name="Retract">Retract rather than seed.</param>
/// <param name="Kind">The seed's kind.</param>
/// <param name="Target">The seed's target, or the retraction's reason.</param>
/// <param name="Hours">Hours after the previous command.</param>
public sealed record InsightCommand(bool Retract, SeedKind Kind, string Target, int Hours)
{
    /// <summary>Reads as the command.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => (Retract ? $"Retract(\"{Target}\")" : $"Seed({Kind}, \"{Target}\")") + $" +{Hours}h";
}

/// <summary>Generated insight histories against a plain model: replay equals live, the JSON round trip holds, a refused command changes nothing, the model predicts every decision.</summary>
public sealed class LedgerInsightProperties
{
    private static readonly Gen<InsightCommand> Command =
        from retract in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from kind in Gen.Elements(Enum.GetValues<SeedKind>())
        from target in Gen.Elements("workshop", "new question", "KWTRP-2-A3", " padded", string.Empty)
        from hours in Gen.Frequency((9, Gen.Choose(0, 48)), (1, Gen.Choose(-48, -1)))
        select new InsightCommand(retract, kind, target, hours);

    public static Arbitrary<InsightCommand[]> Scenarios { get; } = Command.ArrayOf().Select(c => c.Take(15).ToArray()).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property An_insight_replays_to_its_live_state_and_refusals_change_nothing()
        => Prop.ForAll(Scenarios, commands =>
        {
            var (insight, violations) = Run(commands);
            return (violations.Count == 0
                && AggregateLaws.ReplayGivesTheLiveState(insight, insight.History, i => i.State)
                && AggregateLaws.TheStoredJsonGivesTheLiveState(insight, insight.History, i => i.State)).Label(string.Join("\n", violations));
        });

    private static (Insight Insight, List<string> Violations) Run(InsightCommand[] commands)
    {
        var at = At(10);
        var insight = Insight.Record(
            new InsightRecording(new InsightId("kilifi-user-fees"), new SiteId("kilifi"), "Hospital user fees keep the poorest away", new LocalDate(2016, 2, 1))
            {
                Authors = [new MemberId("jo")],
                Source = InsightSourceKind.Observation,
                SourceReference = "hospital exit interviews",
            },
            Stamp(at, Researcher));

        // The plain model.
        var latest = at;
        var retracted = false;
        var seeds = new HashSet<InsightSeed>();
        var violations = new List<string>();
        foreach (var command in commands)
        {
            at += Duration.FromHours(command.Hours);
            var text = command.Target;
            var wellFormed = command.Retract ? !string.IsNullOrWhiteSpace(text) : text.Length > 0 && text.Trim() == text;   // a reason is free text; a target is a name
            var seed = new InsightSeed(command.Kind, text);
            var expected = wellFormed && !retracted && at >= latest && (command.Retract || !seeds.Contains(seed));
            var (before, version) = (insight.State, insight.Version);
            try
            {
                if (command.Retract)
                {
                    insight.Retract(text, Stamp(at, Researcher));
                    retracted = true;
                }
                else
                {
                    insight.Seed(seed, Stamp(at, Researcher));
                    seeds.Add(seed);
                }

                latest = at;
                if (!expected)
                {
                    violations.Add($"{command} was accepted; the model refuses it");
                }
            }
            catch (Exception ex) when (ex is CommandRejectedException or ArgumentException)
            {
                if (expected)
                {
                    violations.Add($"{command} was refused ({ex.Message}); the model accepts it");
                }

                if (!ReferenceEquals(before, insight.State) || version != insight.Version)
                {
                    violations.Add($"{command} was refused but changed something");
                }
            }
        }

        if (!seeds.SetEquals(insight.State.Seeded) || retracted != (insight.Status == InsightStatus.Retracted))
        {
            violations.Add("the model and the insight disagree on the seeds or the stage");
        }

        return (insight, violations);
    }
}
