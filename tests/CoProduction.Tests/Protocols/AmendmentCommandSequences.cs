using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Protocols;
using CoProduction.Tests.Persistence;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CoProduction.Tests.Protocols.ProtocolFixtures;

namespace CoProduction.Tests.Protocols;

/// <summary>One generated command on one of three amendments of one protocol, issued some hours after the previous one (negative: out of order) by an actor of any kind.</summary>
/// <param name="Amendment">Which amendment: 1 to 3.</param>
/// <param name="Hours">Hours after the previous command.</param>
/// <param name="By">Who issues it.</param>
public abstract record AmendmentCommand(int Amendment, int Hours, Actor By)
{
    /// <summary>Gets the amendment's id.</summary>
    public AmendmentId Id => new("A" + Amendment);

    /// <summary>Reads as the command: <c>Lodge(A2) +5h by ethics-office</c>.</summary>
    /// <returns>The text.</returns>
    public sealed override string ToString() => $"{What()} +{Hours}h by {By}";

    /// <summary>The command and its arguments.</summary>
    /// <returns>The text.</returns>
    protected abstract string What();
}

public sealed record DraftAmendmentCommand(int Amendment, ScopeItem Item, bool Substantial, int Day, int Hours, Actor By) : AmendmentCommand(Amendment, Hours, By)
{
    protected override string What() => $"Draft({Id}, {Item}, {(Substantial ? "substantial" : "minor")}, day {Day})";
}

public sealed record ReviseAmendmentCommand(int Amendment, ScopeItem Item, int Hours, Actor By) : AmendmentCommand(Amendment, Hours, By)
{
    protected override string What() => $"Revise({Id}, {Item})";
}

public sealed record DatedAmendmentCommand(int Amendment, AmendmentTrigger Trigger, int Day, int Hours, Actor By) : AmendmentCommand(Amendment, Hours, By)
{
    protected override string What() => $"{Trigger}({Id}, day {Day})";
}

public sealed record PlainAmendmentCommand(int Amendment, AmendmentTrigger Trigger, int Hours, Actor By) : AmendmentCommand(Amendment, Hours, By)
{
    protected override string What() => $"{Trigger}({Id})";
}

/// <summary>The natural next step for the amendment, whatever it is: drafting with the item, submitting, lodging, reviewing, approving on the day, applying or releasing.</summary>
public sealed record AdvanceAmendmentCommand(int Amendment, ScopeItem Item, int Day, int Hours, Actor By) : AmendmentCommand(Amendment, Hours, By)
{
    protected override string What() => $"Advance({Id}, {Item}, day {Day})";
}

public sealed record ProtocolSideCommand(int Amendment, ProtocolTrigger Trigger, int Hours, Actor By) : AmendmentCommand(Amendment, Hours, By)
{
    protected override string What() => $"{Trigger}({Id})";
}

/// <summary>Generated amendment lifecycles: several amendments drafted, lodged, released, rebased and applied on one protocol at once.</summary>
public sealed class AmendmentCommandSequences
{
    private static readonly LocalDate Origin = new(2015, 3, 1);

    private static readonly ScopeItem[] Items =
    [
        ScopeItem.Of(DataCollectionMethod.Interview), ScopeItem.Of(DataCollectionMethod.Journaling), ScopeItem.Of(DataCollectionMethod.Diary),
        ScopeItem.Of(RespondentGroup.FacilityManagers), ScopeItem.Of(RespondentGroup.DistrictManagers), ScopeItem.Of(Sedibeng), ScopeItem.Of(new SiteId("kisumu")),
    ];

    private static readonly Actor[] Actors = [Researcher, Committee, Actor.Member(new MemberId("amina")), Actor.Named("kemri-seru"), Actor.System];

    private static readonly Gen<AmendmentCommand> Command =
        from kind in Gen.Choose(0, 25)
        from amendment in Gen.Choose(1, 3)
        from item in Gen.Elements(Items)
        from day in Gen.Frequency((8, Gen.Choose(0, 200)), (1, Gen.Choose(-10, 420)))
        from hours in Gen.Frequency((9, Gen.Choose(0, 48)), (1, Gen.Choose(-48, -1)))
        from actor in Gen.Elements(Actors)
        select Make(kind, amendment, item, day, hours, actor);

    public static Arbitrary<AmendmentCommand[]> Scenarios { get; } = Command.ArrayOf().Select(c => c.Take(40).ToArray()).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property A_rejected_command_changes_neither_the_protocol_nor_the_amendment()
        => Prop.ForAll(Scenarios, commands => Run(commands).Violations.Count == 0);

    [Property(MaxTest = 500)]
    public Property Replay_equals_the_live_states()
        => Prop.ForAll(Scenarios, commands =>
        {
            var world = Run(commands);
            return AggregateLaws.ReplayGivesTheLiveState(world.Protocol, world.Protocol.History, p => p.State)
                && world.Amendments.Values.All(a => AggregateLaws.ReplayGivesTheLiveState(a, a.History, x => x.State));
        });

    [Property(MaxTest = 500)]
    public Property The_json_round_trip_through_the_store_serializer_replays_to_the_live_states()
        => Prop.ForAll(Scenarios, commands =>
        {
            var world = Run(commands);
            return AggregateLaws.TheStoredJsonGivesTheLiveState(world.Protocol, world.Protocol.History, p => p.State)
                && world.Amendments.Values.All(a => AggregateLaws.TheStoredJsonGivesTheLiveState(a, a.History, x => x.State));
        });

    [Fact]
    public void The_generated_lifecycles_lodge_release_rebase_and_apply_while_others_are_pending()
    {
        Func<World, bool>[] reached =
        [
            w => w.Protocol.History.OfType<ProtocolAmendmentApplied>().Count() >= 2,
            w => w.Protocol.History.OfType<ProtocolAmendmentReleased>().Any(),
            w => w.Amendments.Values.Any(a => a.History.OfType<AmendmentRebased>().Any()),
            w => w.LodgedWhileOthersPending > 0,
            w => w.Amendments.Values.Any(a => a.State.AcceptedAsNotification),
            w => w.Rejected > 0 && w.Accepted > 10,
        ];

        // Sample until every situation is reached (bounded), so the check does not depend on one random draw.
        var seen = new bool[reached.Length];
        for (var batch = 0; batch < 20 && !seen.All(s => s); batch++)
        {
            foreach (var world in Scenarios.Generator.Sample(40, 200).Select(Run))
            {
                for (var i = 0; i < reached.Length; i++)
                {
                    seen[i] |= reached[i](world);
                }
            }
        }

        Assert.Equal(Enumerable.Repeat(true, reached.Length), seen);
    }

    [Fact]
    public void The_commands_read_as_commands()
    {
        var command = new ProtocolSideCommand(2, ProtocolTrigger.LodgeAmendment, 5, Committee);
        Assert.Equal("LodgeAmendment(A2) +5h by named:ethics-office", command.ToString());
        Assert.Equal("Draft(A1, method 'journaling', minor, day 3) +0h by member:jo", new DraftAmendmentCommand(1, ScopeItem.Of(DataCollectionMethod.Journaling), false, 3, 0, Researcher).ToString());
    }

    internal static World Run(AmendmentCommand[] commands)
    {
        var world = new World(Approved(start: Origin));
        var at = At(10);
        foreach (var command in commands)
        {
            at += Duration.FromHours(command.Hours);
            var protocol = (world.Protocol.State, world.Protocol.Version);
            world.Amendments.TryGetValue(command.Id, out var amendment);
            var before = amendment is null ? default : (amendment.State, amendment.Version);
            var pendingBefore = world.Protocol.State.Pending.Count;
            try
            {
                Execute(world, amendment, command, new Stamp(at, command.By));
                world.Accepted++;
                if (command is ProtocolSideCommand { Trigger: ProtocolTrigger.LodgeAmendment } && pendingBefore > 0)
                {
                    world.LodgedWhileOthersPending++;
                }
            }
            catch (Exception ex) when (ex is CommandRejectedException or ArgumentException or UnknownSiteException)
            {
                world.Rejected++;
                if (!ReferenceEquals(world.Protocol.State, protocol.State) || world.Protocol.Version != protocol.Version
                    || (amendment is not null && (!ReferenceEquals(amendment.State, before.State) || amendment.Version != before.Version)))
                {
                    world.Violations.Add($"{command} was rejected ({ex.Message}) but changed something");
                }
            }
        }

        return world;
    }

    private static AmendmentCommand Make(int kind, int amendment, ScopeItem item, int day, int hours, Actor by) => kind switch
    {
        0 or 1 => new DraftAmendmentCommand(amendment, item, day % 3 != 0, day, hours, by),
        2 => new ReviseAmendmentCommand(amendment, item, hours, by),
        3 => new PlainAmendmentCommand(amendment, AmendmentTrigger.Rebase, hours, by),
        4 => new PlainAmendmentCommand(amendment, AmendmentTrigger.Submit, hours, by),
        5 => new PlainAmendmentCommand(amendment, AmendmentTrigger.StartReview, hours, by),
        6 => new PlainAmendmentCommand(amendment, AmendmentTrigger.RequestChanges, hours, by),
        7 => new DatedAmendmentCommand(amendment, AmendmentTrigger.Approve, day, hours, by),
        8 => new DatedAmendmentCommand(amendment, AmendmentTrigger.AcceptAsNotification, day, hours, by),
        9 => new PlainAmendmentCommand(amendment, day % 2 == 0 ? AmendmentTrigger.Reject : AmendmentTrigger.Withdraw, hours, by),
        10 or 11 => new ProtocolSideCommand(amendment, ProtocolTrigger.LodgeAmendment, hours, by),
        12 => new ProtocolSideCommand(amendment, ProtocolTrigger.ReleaseAmendment, hours, by),
        13 => new ProtocolSideCommand(amendment, ProtocolTrigger.ApplyAmendment, hours, by),
        _ => new AdvanceAmendmentCommand(amendment, item, day, hours, by),
    };

    private static void Execute(World world, Amendment? amendment, AmendmentCommand command, Stamp stamp)
    {
        var protocol = world.Protocol;
        var context = new ProtocolContext(stamp, world.Rules);
        if (command is AdvanceAmendmentCommand advance)
        {
            command = Next(protocol, amendment, advance);
        }

        if (command is DraftAmendmentCommand draft)
        {
            if (amendment is not null)
            {
                throw new ArgumentException($"{draft.Id} is drafted already: the scenario drafts each amendment once.");
            }

            world.Amendments[draft.Id] = Amendment.Draft(
                new AmendmentDraft(draft.Id, "learning evolved", Changing(protocol, draft.Item)) { Substantial = draft.Substantial }, protocol, Origin.PlusDays(draft.Day), context);
            return;
        }

        if (amendment is null)
        {
            throw new ArgumentException($"{command.Id} is not drafted yet.");
        }

        switch (command)
        {
            case ReviseAmendmentCommand revise:
                amendment.Revise(new AmendmentProposal("revised", Changing(protocol, revise.Item)), protocol, context);
                break;
            case DatedAmendmentCommand { Trigger: AmendmentTrigger.Approve } approve:
                amendment.Approve(Origin.PlusDays(approve.Day), stamp);
                break;
            case DatedAmendmentCommand accept:
                amendment.AcceptAsNotification(Origin.PlusDays(accept.Day), protocol, context);
                break;
            case PlainAmendmentCommand plain:
                Plain(amendment, protocol, plain.Trigger, stamp);
                break;
            case ProtocolSideCommand { Trigger: ProtocolTrigger.LodgeAmendment }:
                protocol.LodgeAmendment(amendment, stamp);
                break;
            case ProtocolSideCommand { Trigger: ProtocolTrigger.ReleaseAmendment }:
                protocol.ReleaseAmendment(amendment, stamp);
                break;
            default:
                protocol.ApplyAmendment(amendment, stamp);
                break;
        }
    }

    private static AmendmentCommand Next(Protocol protocol, Amendment? amendment, AdvanceAmendmentCommand a)
    {
        var pending = amendment is not null && protocol.State.Pending.Any(p => p.Amendment == amendment.Id);
        return amendment?.Status switch
        {
            null => new DraftAmendmentCommand(a.Amendment, a.Item, a.Day % 4 != 0, a.Day, a.Hours, a.By),
            AmendmentStatus.Draft or AmendmentStatus.ChangesRequested => new PlainAmendmentCommand(a.Amendment, AmendmentTrigger.Submit, a.Hours, a.By),
            AmendmentStatus.Submitted when !pending => new ProtocolSideCommand(a.Amendment, ProtocolTrigger.LodgeAmendment, a.Hours, a.By),
            AmendmentStatus.Submitted => new PlainAmendmentCommand(a.Amendment, AmendmentTrigger.StartReview, a.Hours, a.By),
            AmendmentStatus.UnderReview => new DatedAmendmentCommand(a.Amendment, AmendmentTrigger.Approve, a.Day, a.Hours, a.By),
            AmendmentStatus.Approved => new ProtocolSideCommand(a.Amendment, ProtocolTrigger.ApplyAmendment, a.Hours, a.By),
            _ => new ProtocolSideCommand(a.Amendment, ProtocolTrigger.ReleaseAmendment, a.Hours, a.By),
        };
    }

    private static void Plain(Amendment amendment, Protocol protocol, AmendmentTrigger trigger, Stamp stamp)
    {
        switch (trigger)
        {
            case AmendmentTrigger.Rebase: amendment.Rebase(protocol, stamp); break;
            case AmendmentTrigger.Submit: amendment.Submit(stamp); break;
            case AmendmentTrigger.StartReview: amendment.StartReview(stamp); break;
            case AmendmentTrigger.RequestChanges: amendment.RequestChanges("say more about consent", stamp); break;
            case AmendmentTrigger.Reject: amendment.Reject("out of scope for the committee", stamp); break;
            default: amendment.Withdraw("merged into another", stamp); break;
        }
    }

    /// <summary>Adds the item when the current scope lacks it, removes it otherwise: a change that usually fits.</summary>
    private static AmendmentChanges Changing(Protocol protocol, ScopeItem item)
        => protocol.State.CurrentScope.Contains(item) ? AmendmentChanges.Removing(item) : AmendmentChanges.Adding(item);

    internal sealed class World(Protocol protocol)
    {
        public Protocol Protocol { get; } = protocol;

        public ProtocolRules Rules { get; } = new(
            KnownSites, new Dictionary<CommitteeId, CommitteePolicy> { [Kemri] = CommitteePolicies.SouthAfricanUniversityCommittee });

        public Dictionary<AmendmentId, Amendment> Amendments { get; } = [];

        public List<string> Violations { get; } = [];

        public int Accepted { get; set; }

        public int Rejected { get; set; }

        public int LodgedWhileOthersPending { get; set; }
    }
}
