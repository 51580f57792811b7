using System.Linq;
using CoProduction.Machines;

namespace CoProduction.Tests.Machines;

public sealed class ExplainableMachineTests
{
    public enum Light
    {
        Off,
        On,
        Broken,
    }

    public enum Switch
    {
        TurnOn,
        TurnOff,
        Note,
        Smash,
    }

    private sealed class Room
    {
        public bool HasBulb { get; init; }
    }

    private static readonly ExplainableMachine<Light, Switch, Room> Machine = new(
        (m, room) =>
        {
            m.Configure(Light.Off)
                .PermitIf(Switch.TurnOn, Light.On, () => room().HasBulb, "a bulb is fitted")
                .InternalTransition(Switch.Note, _ => { })
                .Permit(Switch.Smash, Light.Broken);
            m.Configure(Light.On)
                .Permit(Switch.TurnOff, Light.Off)
                .Permit(Switch.Smash, Light.Broken);
        },
        (room, guard) => guard == "a bulb is fitted" ? ["the socket in this room is empty: fit a bulb"] : []);

    [Fact]
    public void A_met_guard_permits_the_trigger()
        => Assert.True(Machine.CanFire(new Room { HasBulb = true }, Light.Off, Switch.TurnOn, out _));

    [Fact]
    public void An_unmet_guard_blocks_the_trigger_with_its_detailed_reason()
    {
        Assert.False(Machine.CanFire(new Room(), Light.Off, Switch.TurnOn, out var reasons));
        Assert.Equal(["the socket in this room is empty: fit a bulb"], reasons);
    }

    [Fact]
    public void A_trigger_not_defined_in_the_state_is_blocked_with_the_state_named()
    {
        Assert.False(Machine.CanFire(new Room(), Light.Broken, Switch.TurnOn, out var reasons));
        Assert.Equal(["TurnOn is not possible in Broken"], reasons);
    }

    [Fact]
    public void Rejection_names_the_aggregate_state_trigger_allowed_triggers_and_reasons()
    {
        var ex = Assert.Throws<CommandRejectedException>(
            () => Machine.EnsureCanFire(new Room(), Light.Off, Switch.TurnOn, "room 'kitchen'"));
        Assert.Equal("Off", ex.State);
        Assert.Equal("TurnOn", ex.Trigger);
        Assert.Equal(["Note", "Smash"], ex.PermittedTriggers);
        Assert.Equal(
            "Cannot TurnOn room 'kitchen' in state Off: the socket in this room is empty: fit a bulb. Allowed now: Note, Smash.",
            ex.Message);
    }

    [Fact]
    public void Availability_lists_every_trigger_with_reasons_for_the_blocked_ones()
    {
        var availability = Machine.Availability(new Room(), Light.Off);
        Assert.Equal(4, availability.Count);
        Assert.Equal([Switch.Note, Switch.Smash], availability.Where(a => a.IsPermitted).Select(a => a.Trigger));
        Assert.All(availability.Where(a => !a.IsPermitted), a => Assert.NotEmpty(a.Reasons));
    }

    [Theory]
    [InlineData(Light.Off, Switch.TurnOn, Light.On, true)]
    [InlineData(Light.Off, Switch.Note, Light.Off, true)]
    [InlineData(Light.On, Switch.TurnOff, Light.Off, true)]
    [InlineData(Light.Off, Switch.TurnOff, Light.Off, false)]
    [InlineData(Light.Off, Switch.TurnOn, Light.Broken, false)]
    [InlineData(Light.Broken, Switch.Smash, Light.Broken, false)]
    public void The_transition_table_answers_without_guards(Light from, Switch trigger, Light to, bool allowed)
        => Assert.Equal(allowed, Machine.Allows(from, trigger, to));

    [Fact]
    public void The_diagram_is_generated_from_the_configuration()
    {
        var mermaid = Machine.ToMermaid();
        Assert.Contains("Off --> On : TurnOn [a bulb is fitted]", mermaid, System.StringComparison.Ordinal);
        Assert.Contains("digraph", Machine.ToDotGraph(), System.StringComparison.Ordinal);
    }
}
