using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Stateless;

namespace CoProduction.Machines;

/// <summary>
/// Reads the guard conditions a Stateless machine was configured with (per state and trigger), so an
/// accepted command can be decided by calling them directly instead of through Stateless'
/// <c>CanFire</c>, which allocates about 600 bytes per call. Stateless exposes guards only as
/// descriptions, so this reads its (stable since 4.x) internal members once per configured machine;
/// when anything is not as expected, or the machine uses substates, it returns <see langword="null"/>
/// and Stateless decides every command as before.
/// </summary>
internal static class ConfiguredGuards
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>The guards by [state * triggerCount + trigger] → behaviour → conditions, or <see langword="null"/>.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Reads Stateless' members when present; when trimming removed them the result is null and Stateless decides every command.")]
    public static Func<object[], bool>[][]?[]? Read<TState, TTrigger>(StateMachine<TState, TTrigger> machine, int stateCount, int triggerCount)
        where TState : struct, Enum
        where TTrigger : struct, Enum
    {
        try
        {
            if (machine.GetType().GetField("_stateConfiguration", Members)?.GetValue(machine) is not IEnumerable states)
            {
                return null;
            }

            var table = new Func<object[], bool>[][]?[stateCount * triggerCount];
            foreach (var entry in states)
            {
                var state = (TState)Get(entry, "Key")!;
                var representation = Get(entry, "Value");
                if (representation is null || Get(representation, "Superstate") is not null || Get(representation, "TriggerBehaviours") is not IEnumerable byTrigger)
                {
                    return null;
                }

                foreach (var pair in byTrigger)
                {
                    var trigger = (TTrigger)Get(pair, "Key")!;
                    if (Get(pair, "Value") is not IEnumerable behaviours)
                    {
                        return null;
                    }

                    var list = new List<Func<object[], bool>[]>();
                    foreach (var behaviour in behaviours)
                    {
                        if (Get(behaviour, "Guard") is not { } guard || Get(guard, "Conditions") is not IEnumerable conditions)
                        {
                            return null;
                        }

                        var functions = new List<Func<object[], bool>>();
                        foreach (var condition in conditions)
                        {
                            if (Get(condition, "Guard") is not Func<object[], bool> function)
                            {
                                return null;
                            }

                            functions.Add(function);
                        }

                        list.Add([.. functions]);
                    }

                    var index = (Unsafe.As<TState, int>(ref state) * triggerCount) + Unsafe.As<TTrigger, int>(ref trigger);
                    if ((uint)index >= (uint)table.Length)
                    {
                        return null;
                    }

                    table[index] = [.. list];
                }
            }

            return table;
        }
        catch (Exception ex) when (ex is InvalidCastException or TargetException or MemberAccessException or NullReferenceException)
        {
            return null;
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "As Read: a missing member gives null and the caller falls back to Stateless.")]
    private static object? Get(object target, string property) => target.GetType().GetProperty(property, Members)?.GetValue(target);
}
