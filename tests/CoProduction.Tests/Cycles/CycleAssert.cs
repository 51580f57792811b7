using System;
using System.Linq;
using CoProduction.Cycles;

namespace CoProduction.Tests.Cycles;

internal static class CycleAssert
{
    /// <summary>Asserts the command is refused with <see cref="CommandRejectedException"/> and changes nothing.</summary>
    public static CommandRejectedException Rejected(Cycle cycle, Action command)
        => Unchanged<CommandRejectedException>(cycle, command);

    /// <summary>Asserts the command throws <typeparamref name="TException"/> (or a subtype) and changes nothing.</summary>
    public static TException Unchanged<TException>(Cycle cycle, Action command)
        where TException : Exception
    {
        var version = cycle.Version;
        var state = cycle.State;
        var history = cycle.History.ToArray();
        var ex = Assert.ThrowsAny<TException>(command);
        Assert.Equal(version, cycle.Version);
        Assert.Same(state, cycle.State);
        Assert.Equal(history, cycle.History);
        return ex;
    }
}
