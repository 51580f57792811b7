using System.Collections.Generic;
using System.Linq;
using CoProduction.Programmes;
using CoProduction.Sites;
using CoProduction.Tests.Kernel;
using CoProduction.Tests.Persistence;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CoProduction.Tests.Sites;

/// <summary>One generated programme command, issued some hours after the previous one (negative: out of order).</summary>
public abstract record ProgrammeCommand(int Hours, Actor By)
{
    /// <summary>Runs the command.</summary>
    internal abstract void Run(Programme programme, Stamp stamp);

    /// <summary>When and by whom, for the readable forms.</summary>
    protected string When => $"{(Hours < 0 ? "" : "+")}{Hours}h by {By}";
}

/// <summary>Add one of a few sites (again is refused).</summary>
public sealed record AddSiteCommand(int Site, int Hours, Actor By) : ProgrammeCommand(Hours, By)
{
    internal override void Run(Programme programme, Stamp stamp) => programme.AddSite(ProgrammeProperties.Sites[Site], stamp);

    public override string ToString() => $"AddSite({ProgrammeProperties.Sites[Site]}, {When})";
}

/// <summary>Link one of a few umbrella protocols (again is refused).</summary>
public sealed record LinkProtocolCommand(int Protocol, int Hours, Actor By) : ProgrammeCommand(Hours, By)
{
    internal override void Run(Programme programme, Stamp stamp) => programme.LinkUmbrellaProtocol(ProgrammeProperties.Protocols[Protocol], stamp);

    public override string ToString() => $"LinkUmbrellaProtocol({ProgrammeProperties.Protocols[Protocol]}, {When})";
}

/// <summary>Generated command sequences on a programme: replay equals live, a rejected command changes nothing, the stored JSON round trip holds; and the registries' machines agree with Stateless.</summary>
public sealed class ProgrammeProperties
{
    internal static readonly SiteId[] Sites = [PaperSites.KilifiId, PaperSites.MitchellsPlainId, PaperSites.SedibengId, new("elsewhere")];
    internal static readonly ProtocolId[] Protocols = [new("resyst-umbrella"), new("resyst-umbrella-2"), new("dialhs")];

    private static readonly Gen<Actor> Actors = Gen.OneOf(
        Gen.Elements("jane", "mwangi", "x-1").Select(m => Actor.Member(new MemberId(m))),
        Gen.Elements("resyst-coordinator", "import tool").Select(Actor.Named),
        Gen.Constant(Actor.System));

    private static readonly Gen<ProgrammeCommand> Command =
        from kind in Gen.Choose(0, 1)
        from item in Gen.Choose(0, 9)
        from hours in Gen.Frequency((1, Gen.Choose(-48, -1)), (6, Gen.Choose(0, 500)))
        from who in Actors
        select kind == 0
            ? (ProgrammeCommand)new AddSiteCommand(item % Sites.Length, hours, who)
            : new LinkProtocolCommand(item % Protocols.Length, hours, who);

    private static readonly Arbitrary<ProgrammeCommand[]> Sequences = Command.ArrayOf().ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Replaying_the_history_gives_the_live_state()
        => Prop.ForAll(Sequences, commands =>
        {
            var (programme, _) = Run(commands);
            return AggregateLaws.ReplayGivesTheLiveState(programme, programme.History, p => p.State);
        });

    [Property(MaxTest = 500)]
    public Property A_rejected_command_changes_nothing()
        => Prop.ForAll(Sequences, commands => Run(commands).Violations.Count == 0);

    [Property(MaxTest = 300)]
    public Property The_history_survives_the_stored_json_round_trip()
        => Prop.ForAll(Sequences, commands =>
        {
            var (programme, _) = Run(commands);
            return AggregateLaws.TheStoredJsonGivesTheLiveState(programme, programme.History, p => p.State);
        });

    [Fact]
    public void A_refused_duplicate_names_the_permitted_triggers_the_machine_computes()
    {
        var programme = PaperSites.Programme();
        var ex = Assert.Throws<CommandRejectedException>(() => programme.AddSite(PaperSites.KilifiId, PaperSites.Stamp));

        Assert.Equal(ProgrammeStatus.Registered, ex.State);
        Assert.Equal(ProgrammeTrigger.AddSite, ex.Trigger);
        Assert.Equal([ProgrammeTrigger.AddSite, ProgrammeTrigger.LinkUmbrellaProtocol], ex.PermittedTriggers.Cast<ProgrammeTrigger>());
        Assert.Equal(RefusalKind.RuleBroken, ex.Refusal.Kind);
        Assert.All(programme.Availability(), a => Assert.True(a.IsPermitted));
    }

    [Fact]
    public void The_registries_machines_agree_with_stateless()
    {
        MachineAgreement.Check(ProgrammeMachine.Machine, [PaperSites.Programme().State], s => s.Status);
        MachineAgreement.Check(LearningSiteMachine.Machine, [PaperSites.Kilifi().State, PaperSites.MitchellsPlain().State], s => s.Status);
    }

    private static (Programme Programme, List<string> Violations) Run(IEnumerable<ProgrammeCommand> commands)
    {
        var at = Instant.FromUtc(2012, 1, 9, 8, 0);
        var programme = Programme.Register(
            new ProgrammeRegistration(PaperSites.Resyst, "RESYST", new DateInterval(new LocalDate(2012, 1, 1), new LocalDate(2018, 12, 31))),
            new Stamp(at, Actor.Named("resyst-coordinator")));
        var violations = new List<string>();
        foreach (var command in commands)
        {
            at += Duration.FromHours(command.Hours);
            var (version, state, last) = (programme.Version, programme.State, programme.History[^1]);
            try
            {
                command.Run(programme, new Stamp(at, command.By));
            }
            catch (CommandRejectedException ex)
            {
                if (programme.Version != version || !ReferenceEquals(programme.State, state) || !ReferenceEquals(programme.History[^1], last))
                {
                    violations.Add($"{command} was rejected ({ex.Message}) but changed the programme");
                }
            }
        }

        return (programme, violations);
    }
}
