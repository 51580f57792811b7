using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Ethics;
using CoProduction.Events;
using CoProduction.Protocols;
using CoProduction.Tests.Persistence;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Ethics;

/// <summary>One generated command on a deviation or a dilemma, issued some hours after the previous one (negative: out of order) by an actor of any kind.</summary>
/// <param name="Hours">Hours after the previous command.</param>
/// <param name="By">Who issues it.</param>
public abstract record EthicsCommand(int Hours, Actor By)
{
    /// <summary>Reads as the command: <c>Report(day 3, "ref") +5h by named:ethics-office</c>.</summary>
    /// <returns>The text.</returns>
    public sealed override string ToString() => $"{What()} +{Hours}h by {By}";

    /// <summary>The command and its arguments.</summary>
    /// <returns>The text.</returns>
    protected abstract string What();
}

public sealed record ReportDeviation(int Day, string Reference, int Hours, Actor By) : EthicsCommand(Hours, By)
{
    protected override string What() => $"Report(day {Day}, \"{Reference}\")";
}

public sealed record CloseDeviation(string Outcome, int Hours, Actor By) : EthicsCommand(Hours, By)
{
    protected override string What() => $"Close(\"{Outcome}\")";
}

public sealed record DiscussDilemma(string Notes, int Hours, Actor By) : EthicsCommand(Hours, By)
{
    protected override string What() => $"Discuss(\"{Notes}\")";
}

public sealed record ResolveDilemma(string Resolution, int Hours, Actor By) : EthicsCommand(Hours, By)
{
    protected override string What() => $"Resolve(\"{Resolution}\")";
}

public sealed record EscalateDilemma(string To, bool WithAmendment, int Hours, Actor By) : EthicsCommand(Hours, By)
{
    protected override string What() => $"Escalate(\"{To}\"{(WithAmendment ? ", A7" : string.Empty)})";
}

/// <summary>Generated deviation and dilemma histories: replay equals live, a rejected command changes nothing, the store's JSON round trip holds.</summary>
public sealed class DeviationAndDilemmaProperties
{
    private static readonly LocalDate Discovered = new(2017, 5, 29);
    private static readonly Protocol Kwtrp2 = Drafted("KWTRP-2");

    // Kilifi's work on facility financing (Table 1): interviews with facility managers, whom KWTRP-2 did not name.
    private static readonly ResearchActivity FinancingInterviews =
        new("interviews with facility managers on facility financing", DataCollectionMethod.Interview, RespondentGroup.FacilityManagers, Kilifi, new LocalDate(2017, 5, 24));

    private static readonly Actor[] Actors = [Researcher, Committee, Actor.Member(new MemberId("amina")), Actor.Named("kemri-seru"), Actor.System];

    private static readonly Gen<int> Hours = Gen.Frequency((9, Gen.Choose(0, 72)), (1, Gen.Choose(-72, -1)));

    private static readonly Gen<string> Texts = Gen.Elements("ref", "SERU/DEV/17/001", "noted", "  ", string.Empty, "a\nlonger note");

    private static readonly Gen<EthicsCommand> DeviationCommand =
        from kind in Gen.Choose(0, 1)
        from day in Gen.Choose(-5, 20)
        from text in Texts
        from hours in Hours
        from actor in Gen.Elements(Actors)
        select kind == 0 ? (EthicsCommand)new ReportDeviation(day, text, hours, actor) : new CloseDeviation(text, hours, actor);

    private static readonly Gen<EthicsCommand> DilemmaCommand =
        from kind in Gen.Choose(0, 3)
        from text in Texts
        from hours in Hours
        from actor in Gen.Elements(Actors)
        select kind switch
        {
            0 or 1 => (EthicsCommand)new DiscussDilemma(text, hours, actor),
            2 => new ResolveDilemma(text, hours, actor),
            _ => new EscalateDilemma(text == "ref" ? "ethics committee" : text, hours % 2 == 0, hours, actor),
        };

    public static Arbitrary<EthicsCommand[]> DeviationScenarios { get; } = DeviationCommand.ArrayOf().Select(c => c.Take(12).ToArray()).ToArbitrary();

    public static Arbitrary<EthicsCommand[]> DilemmaScenarios { get; } = DilemmaCommand.ArrayOf().Select(c => c.Take(12).ToArray()).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property A_deviation_replays_to_its_live_state_after_the_store_round_trip_and_refusals_change_nothing()
        => Prop.ForAll(DeviationScenarios, commands =>
        {
            var (deviation, violations) = RunDeviation(commands);
            return violations.Count == 0
                && AggregateLaws.ReplayGivesTheLiveState(deviation, deviation.History, d => d.State)
                && AggregateLaws.TheStoredJsonGivesTheLiveState(deviation, deviation.History, d => d.State);
        });

    [Property(MaxTest = 500)]
    public Property A_dilemma_replays_to_its_live_state_after_the_store_round_trip_and_refusals_change_nothing()
        => Prop.ForAll(DilemmaScenarios, commands =>
        {
            var (dilemma, violations) = RunDilemma(commands);
            return violations.Count == 0
                && AggregateLaws.ReplayGivesTheLiveState(dilemma, dilemma.History, d => d.State)
                && AggregateLaws.TheStoredJsonGivesTheLiveState(dilemma, dilemma.History, d => d.State);
        });

    [Fact]
    public void The_generated_histories_reach_every_stage()
    {
        // Sample until every status is reached (bounded), so the check does not depend on one random draw.
        var deviations = new HashSet<DeviationStatus> { RunDeviation([]).Deviation.Status };
        var dilemmas = new HashSet<DilemmaStatus> { RunDilemma([]).Dilemma.Status };
        for (var batch = 0; batch < 50 && (deviations.Count < Enum.GetValues<DeviationStatus>().Length || dilemmas.Count < Enum.GetValues<DilemmaStatus>().Length); batch++)
        {
            deviations.UnionWith(DeviationScenarios.Generator.Sample(30, 100).Select(c => RunDeviation(c).Deviation.Status));
            dilemmas.UnionWith(DilemmaScenarios.Generator.Sample(30, 100).Select(c => RunDilemma(c).Dilemma.Status));
        }

        Assert.Equal(Enum.GetValues<DeviationStatus>().ToHashSet(), deviations);
        Assert.Equal(Enum.GetValues<DilemmaStatus>().ToHashSet(), dilemmas);
    }

    [Fact]
    public void The_commands_read_as_commands()
        => Assert.Equal("Report(day 3, \"ref\") +5h by named:ethics-office", new ReportDeviation(3, "ref", 5, Committee).ToString());

    private static (ProtocolDeviation Deviation, List<string> Violations) RunDeviation(EthicsCommand[] commands)
    {
        var at = At(900);
        var deviation = ProtocolDeviation.Record(
            new DeviationRecording(new DeviationId("D1"), FinancingInterviews, "interviews held before approval", Discovered), Kwtrp2, Context(at, Researcher));
        var violations = Run(commands, deviation, () => deviation.State, ref at, (command, stamp) =>
        {
            switch (command)
            {
                case ReportDeviation r: deviation.Report(Discovered.PlusDays(r.Day), r.Reference, stamp); break;
                case CloseDeviation c: deviation.Close(c.Outcome, stamp); break;
            }
        });
        return (deviation, violations);
    }

    private static (EthicalDilemma Dilemma, List<string> Violations) RunDilemma(EthicsCommand[] commands)
    {
        var at = At(900);
        var dilemma = EthicalDilemma.Raise(
            new DilemmaRaising(new DilemmaId("E1"), Kilifi, "a facility manager asks to read another manager's interview transcript") { Protocol = new ProtocolId("KWTRP-2") },
            Stamp(at, Researcher));
        var violations = Run(commands, dilemma, () => dilemma.State, ref at, (command, stamp) =>
        {
            switch (command)
            {
                case DiscussDilemma d: dilemma.Discuss(d.Notes, stamp); break;
                case ResolveDilemma r: dilemma.Resolve(r.Resolution, stamp); break;
                case EscalateDilemma e: dilemma.Escalate(e.To, stamp, e.WithAmendment ? new AmendmentId("A7") : null); break;
            }
        });
        return (dilemma, violations);
    }

    private static List<string> Run(EthicsCommand[] commands, IEventSourcedAggregate aggregate, Func<object> state, ref Instant at, Action<EthicsCommand, Stamp> execute)
    {
        var violations = new List<string>();
        foreach (var command in commands)
        {
            at += Duration.FromHours(command.Hours);
            var (before, version) = (state(), aggregate.Version);
            try
            {
                execute(command, new Stamp(at, command.By));
            }
            catch (Exception ex) when (ex is CommandRejectedException or ArgumentException)
            {
                if (!ReferenceEquals(before, state()) || version != aggregate.Version)
                {
                    violations.Add($"{command} was rejected ({ex.Message}) but changed something");
                }
            }
        }

        return violations;
    }
}
