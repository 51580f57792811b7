using System;
using System.Collections.Generic;
using System.Reflection;
using CoProduction.Cycles;
using CoProduction.Tests.Cycles;
using Xunit;

namespace CoProduction.Tests.Performance;

/// <summary>
/// DESIGN.md's budget "a loaded aggregate keeps no configured Stateless machine alive", as a fact:
/// the object graph of a rehydrated cycle reaches no object of the Stateless assembly.
/// (Timings live in tests/CoProduction.Benchmarks, never here.)
/// </summary>
public sealed class LoadedAggregateTests
{
    private static readonly Assembly Stateless = typeof(Stateless.StateMachine<,>).Assembly;

    [Fact]
    public void A_rehydrated_cycle_reaches_no_state_machine()
    {
        var rules = KilifiSite.Rules();
        var live = KilifiSite.Completed(rules);
        var loaded = Cycle.Rehydrate(live.StreamId, live.History);

        var reached = Reachable(loaded);

        Assert.Equal(live.State, loaded.State);
        Assert.Contains(reached, o => o is CycleState);
        Assert.DoesNotContain(reached, o => o.GetType().Assembly == Stateless);
    }

    [Fact]
    public void No_field_of_a_cycle_or_its_state_can_hold_a_state_machine()
    {
        var offending = new List<string>();
        foreach (var type in new[] { typeof(Cycle), typeof(CycleState) })
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (MentionsStateless(field.FieldType))
                    {
                        offending.Add(t.Name + "." + field.Name);
                    }
                }
            }
        }

        Assert.Empty(offending);
    }

    private static bool MentionsStateless(Type type)
        => type.Assembly == Stateless
            || (type.IsGenericType && Array.Exists(type.GetGenericArguments(), MentionsStateless))
            || (type.HasElementType && MentionsStateless(type.GetElementType()!));

    /// <summary>Every object reachable from <paramref name="root"/> through fields and array items.</summary>
    private static List<object> Reachable(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var result = new List<object>();
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var o = pending.Pop();
            var type = o.GetType();
            if (!type.IsValueType && !seen.Add(o))
            {
                continue;
            }

            result.Add(o);
            if (o is string || type.IsPrimitive || type.IsEnum || o is Type || o is MemberInfo)
            {
                continue;
            }

            if (o is Array array && !type.GetElementType()!.IsPrimitive)
            {
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        pending.Push(item);
                    }
                }

                continue;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(o) is { } value)
                    {
                        pending.Push(value);
                    }
                }
            }
        }

        return result;
    }
}
