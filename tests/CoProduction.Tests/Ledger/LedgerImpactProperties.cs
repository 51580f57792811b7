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

/// <summary>One generated command on an impact, issued some hours after the previous one (negative: out of order).</summary>
/// <param name="Retract">Retract rather than corroborate.</param>
/// <param name="Text">The corroboration's evidence, or the retraction's reason.</param>
/// <param name="ObservedBy">The corroboration's observer.</param>
/// <param name="Hours">Hours after the previous command.</param>
public sealed record ImpactCommand(bool Retract, string Text, string ObservedBy, int Hours)
{
    /// <summary>Reads as the command.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => (Retract ? $"Retract(\"{Text}\")" : $"Corroborate(\"{Text}\", \"{ObservedBy}\")") + $" +{Hours}h";
}

/// <summary>Generated impact histories against a plain model: replay equals live, the JSON round trip holds, a refused command changes nothing, corroboration happens at most once, the model predicts every decision.</summary>
public sealed class LedgerImpactProperties
{
    private static readonly Gen<ImpactCommand> Command =
        from retract in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from text in Gen.Elements("the gazetted Act", "minutes of the county assembly", " ", string.Empty)
        from observer in Gen.Elements("Kilifi county assembly", "DFID annual review", "padded ", string.Empty)
        from hours in Gen.Frequency((9, Gen.Choose(0, 48)), (1, Gen.Choose(-48, -1)))
        select new ImpactCommand(retract, text, observer, hours);

    public static Arbitrary<ImpactCommand[]> Scenarios { get; } = Command.ArrayOf().Select(c => c.Take(12).ToArray()).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property An_impact_replays_to_its_live_state_refusals_change_nothing_and_it_is_corroborated_at_most_once()
        => Prop.ForAll(Scenarios, commands =>
        {
            var (impact, violations) = Run(commands);
            return (violations.Count == 0
                && impact.History.OfType<ImpactCorroborated>().Count() <= 1
                && AggregateLaws.ReplayGivesTheLiveState(impact, impact.History, i => i.State)
                && AggregateLaws.TheStoredJsonGivesTheLiveState(impact, impact.History, i => i.State)).Label(string.Join("\n", violations));
        });

    private static (Impact Impact, List<string> Violations) Run(ImpactCommand[] commands)
    {
        var at = At(10);
        var impact = Impact.Record(
            new ImpactRecording(new ImpactId("kilifi-fif-act"), new SiteId("kilifi"), "The Facility Improvement Fund Act returns user fees to the hospitals", new LocalDate(2017, 1, 1))
            {
                Change = ImpactChange.Law,
                Level = SystemLevel.DistrictOrCounty,
                Evidence = "findings fed back to county policy-makers",
                ObservedBy = "Kilifi learning site research team",
                Insights = [new InsightId("kilifi-user-fees")],
            },
            Stamp(at, Researcher));

        // The plain model.
        var latest = at;
        var status = ImpactStatus.Claimed;
        var violations = new List<string>();
        foreach (var command in commands)
        {
            at += Duration.FromHours(command.Hours);
            var wellFormed = command.Retract
                ? !string.IsNullOrWhiteSpace(command.Text)
                : !string.IsNullOrWhiteSpace(command.Text) && command.ObservedBy.Length > 0 && command.ObservedBy.Trim() == command.ObservedBy;
            var possible = command.Retract ? status != ImpactStatus.Retracted : status == ImpactStatus.Claimed;
            var expected = wellFormed && possible && at >= latest;
            var (before, version) = (impact.State, impact.Version);
            try
            {
                if (command.Retract)
                {
                    impact.Retract(command.Text, Stamp(at, Researcher));
                    status = ImpactStatus.Retracted;
                }
                else
                {
                    impact.Corroborate(new Corroboration(command.Text, command.ObservedBy), Stamp(at, Researcher));
                    status = ImpactStatus.Corroborated;
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

                if (!ReferenceEquals(before, impact.State) || version != impact.Version)
                {
                    violations.Add($"{command} was refused but changed something");
                }
            }
        }

        if (status != impact.Status || impact.State.Kind != ImpactKind.Instrumental)
        {
            violations.Add("the model and the impact disagree on the stage or the kind");
        }

        return (impact, violations);
    }
}
