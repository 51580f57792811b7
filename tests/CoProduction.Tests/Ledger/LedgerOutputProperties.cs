using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Ledger;
using CoProduction.Sites;
using CoProduction.Tests.Persistence;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ledger;

/// <summary>One generated command on an output, issued some hours after the previous one (negative: out of order).</summary>
/// <param name="Retract">Retract rather than link an insight.</param>
/// <param name="Text">The insight's id, or the retraction's reason.</param>
/// <param name="Hours">Hours after the previous command.</param>
public sealed record OutputCommand(bool Retract, string Text, int Hours)
{
    /// <summary>Reads as the command.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => (Retract ? $"Retract(\"{Text}\")" : $"LinkInsight(\"{Text}\")") + $" +{Hours}h";
}

/// <summary>Generated output histories against a plain model: replay equals live, the JSON round trip holds, a refused command changes nothing, the model predicts every decision.</summary>
public sealed class LedgerOutputProperties
{
    private static readonly Gen<OutputCommand> Command =
        from retract in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from text in Gen.Elements("dialhs-leadership", "kilifi-user-fees", "everyday-resilience", " padded", string.Empty)
        from hours in Gen.Frequency((9, Gen.Choose(0, 48)), (1, Gen.Choose(-48, -1)))
        select new OutputCommand(retract, text, hours);

    public static Arbitrary<OutputCommand[]> Scenarios { get; } = Command.ArrayOf().Select(c => c.Take(15).ToArray()).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property An_output_replays_to_its_live_state_and_refusals_change_nothing()
        => Prop.ForAll(Scenarios, commands =>
        {
            var (output, violations) = Run(commands);
            return (violations.Count == 0
                && output.State.HasManagerCoAuthor
                && AggregateLaws.ReplayGivesTheLiveState(output, output.History, o => o.State)
                && AggregateLaws.TheStoredJsonGivesTheLiveState(output, output.History, o => o.State)).Label(string.Join("\n", violations));
        });

    private static (Output Output, List<string> Violations) Run(OutputCommand[] commands)
    {
        var at = At(10);
        var output = Output.Record(
            new OutputRecording(new OutputId("hsr-2016-learning-sites"), new SiteId("mitchells-plain"), OutputKind.Presentation, "Learning sites", new LocalDate(2016, 11, 15))
            {
                Authors = [new OutputAuthor(new MemberId("vera"), RoleKind.Researcher), new OutputAuthor(new MemberId("thabo"), RoleKind.Manager)],
                Insights = [new InsightId("dialhs-leadership")],
            },
            Stamp(at, Researcher));

        // The plain model.
        var latest = at;
        var retracted = false;
        var insights = new List<string> { "dialhs-leadership" };
        var violations = new List<string>();
        foreach (var command in commands)
        {
            at += Duration.FromHours(command.Hours);
            var text = command.Text;
            var wellFormed = command.Retract ? !string.IsNullOrWhiteSpace(text) : text.Length > 0 && text.Trim() == text;
            var expected = wellFormed && !retracted && at >= latest && (command.Retract || !insights.Contains(text));
            var (before, version) = (output.State, output.Version);
            try
            {
                if (command.Retract)
                {
                    output.Retract(text, Stamp(at, Researcher));
                    retracted = true;
                }
                else
                {
                    output.LinkInsight(new InsightId(text), Stamp(at, Researcher));
                    insights.Add(text);
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

                if (!ReferenceEquals(before, output.State) || version != output.Version)
                {
                    violations.Add($"{command} was refused but changed something");
                }
            }
        }

        if (!insights.SequenceEqual(output.State.Insights.Select(i => i.Value)) || retracted != (output.Status == OutputStatus.Retracted))
        {
            violations.Add("the model and the output disagree on the insights or the stage");
        }

        return (output, violations);
    }
}
