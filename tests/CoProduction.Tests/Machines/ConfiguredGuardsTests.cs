using System;
using CoProduction.Machines;
using Stateless;
using Xunit;

namespace CoProduction.Tests.Machines;

/// <summary>The accepted-command fast path reads the guards the machine was configured with, and agrees with Stateless.</summary>
public sealed class ConfiguredGuardsTests
{
    public enum Door
    {
        Closed,
        Open,
        Locked,
    }

    public enum Act
    {
        Open,
        Close,
        Lock,
        Knock,
    }

    [Fact]
    public void The_guards_of_each_state_and_trigger_are_read_and_decide_as_Stateless_does()
    {
        var hasKey = false;
        var machine = Configure(() => hasKey, substates: false);
        var guards = ConfiguredGuards.Read(machine, 3, 4);

        Assert.NotNull(guards);
        foreach (var key in new[] { false, true })
        {
            hasKey = key;
            foreach (var state in Enum.GetValues<Door>())
            {
                foreach (var act in Enum.GetValues<Act>())
                {
                    machine = Configure(() => hasKey, substates: false, state);
                    guards = ConfiguredGuards.Read(machine, 3, 4)!;
                    var fast = guards[((int)state * 4) + (int)act] is { } behaviours
                        && Array.Exists(behaviours, conditions => Array.TrueForAll(conditions, c => c([])));
                    Assert.Equal(machine.CanFire(act), fast);
                }
            }
        }
    }

    [Fact]
    public void A_machine_with_substates_is_left_to_Stateless()
        => Assert.Null(ConfiguredGuards.Read(Configure(() => true, substates: true), 3, 4));

    private static StateMachine<Door, Act> Configure(Func<bool> hasKey, bool substates, Door initial = Door.Closed)
    {
        var state = initial;
        var m = new StateMachine<Door, Act>(() => state, s => state = s);
        m.Configure(Door.Closed)
            .Permit(Act.Open, Door.Open)
            .PermitIf(Act.Lock, Door.Locked, hasKey, "a key is at hand")
            .InternalTransitionIf(Act.Knock, _ => !hasKey(), () => { }, "no key, so knock");
        m.Configure(Door.Open).Permit(Act.Close, Door.Closed);
        var locked = m.Configure(Door.Locked).PermitIf(Act.Open, Door.Open, hasKey, "a key is at hand");
        if (substates)
        {
            locked.SubstateOf(Door.Closed);
        }

        return m;
    }
}
