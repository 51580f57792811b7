using System;
using System.Collections.Generic;
using System.Linq;

namespace CoProduction.Tests.Kernel;

/// <summary>Holds a machine's own decisions equal to Stateless' answers for the same definition, context by context.</summary>
internal static class MachineAgreement
{
    /// <summary>For every context and trigger: accepted by the library exactly when Stateless can fire it, and the same unmet guard descriptions when refused for guards.</summary>
    public static void Check<TStatus, TTrigger, TContext>(
        AggregateMachine<TStatus, TTrigger, TContext> machine, IEnumerable<TContext> contexts, Func<TContext, TStatus> statusOf)
        where TStatus : struct, Enum
        where TTrigger : struct, Enum
        where TContext : class
    {
        foreach (var context in contexts)
        {
            var stateless = machine.ToStateless(() => context, statusOf(context));
            foreach (var trigger in machine.Triggers)
            {
                var ours = machine.Permits(context, trigger);
                Assert.True(
                    ours == stateless.CanFire(trigger),
                    $"{trigger} in {statusOf(context)}: the library says {(ours ? "permitted" : "refused")}, Stateless the opposite.");
                if (ours)
                {
                    continue;
                }

                var refusal = machine.Explain(context, trigger);
                stateless.CanFire(trigger, out ICollection<string>? unmet);
                if (refusal.Kind == RefusalKind.GuardsUnmet)
                {
                    Assert.Equal(
                        unmet!.Distinct().OrderBy(d => d, StringComparer.Ordinal),
                        refusal.UnmetGuards.Select(g => g.Description).OrderBy(d => d, StringComparer.Ordinal));
                }
            }
        }
    }
}
