using System;
using System.Collections.Generic;

namespace CoProduction;

/// <summary>Why a command is refused, as a kind apps can branch on.</summary>
public enum RefusalKind
{
    /// <summary>The trigger is not possible in the aggregate's current state at all, whatever its records.</summary>
    NotPossibleInState,

    /// <summary>The trigger is possible in this state, but one or more of its guards are unmet: see <see cref="Refusal.UnmetGuards"/>.</summary>
    GuardsUnmet,

    /// <summary>The machine allows the trigger, but the command's arguments break a rule of the domain (an unknown activity, a date before the cycle began, an instant earlier than the latest event).</summary>
    RuleBroken,
}

/// <summary>An unmet guard: its description, phrased as the problem, and the reasons of this case.</summary>
/// <param name="Description">The guard's description as the diagrams show it, for example "no manager has endorsed the current plan".</param>
/// <param name="Reasons">The details, each a sentence a user can read; at least one.</param>
public sealed record UnmetGuard(string Description, ValueList<string> Reasons);

/// <summary>
/// Why a command is refused, as structured data: whether its trigger is impossible in this state,
/// which guards are unmet, or which rules its arguments break. Apps branch on
/// <see cref="Kind"/> and <see cref="UnmetGuards"/> and show <see cref="Reasons"/>; they never match text.
/// </summary>
public sealed record Refusal
{
    private Refusal(RefusalKind kind, ValueList<UnmetGuard> unmet, ValueList<string> reasons)
    {
        Kind = kind;
        UnmetGuards = unmet;
        Reasons = reasons;
    }

    /// <summary>Gets the kind of refusal.</summary>
    public RefusalKind Kind { get; }

    /// <summary>Gets the unmet guards, in the order the machine checks them; empty unless <see cref="Kind"/> is <see cref="RefusalKind.GuardsUnmet"/>.</summary>
    public ValueList<UnmetGuard> UnmetGuards { get; }

    /// <summary>Gets every reason, each once, each a sentence a user can read: the unmet guards' reasons, or the broken rules.</summary>
    public ValueList<string> Reasons { get; }

    /// <summary>A refusal because the trigger is not possible in the state.</summary>
    /// <param name="reason">The sentence, for example "StartActing is not possible in Acting".</param>
    /// <returns>The refusal.</returns>
    public static Refusal NotPossible(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(RefusalKind.NotPossibleInState, [], [reason]);
    }

    /// <summary>A refusal because guards are unmet.</summary>
    /// <param name="unmet">The unmet guards; at least one.</param>
    /// <returns>The refusal, whose reasons are the guards' reasons, each once.</returns>
    public static Refusal GuardsUnmet(IEnumerable<UnmetGuard> unmet)
    {
        ArgumentNullException.ThrowIfNull(unmet);
        var guards = new ValueList<UnmetGuard>(unmet);
        if (guards.IsEmpty)
        {
            throw new ArgumentException("A refusal for unmet guards names at least one guard.", nameof(unmet));
        }

        var reasons = new List<string>();
        foreach (var guard in guards)
        {
            foreach (var reason in guard.Reasons)
            {
                if (!reasons.Contains(reason))
                {
                    reasons.Add(reason);
                }
            }
        }

        return new(RefusalKind.GuardsUnmet, guards, new ValueList<string>(reasons));
    }

    /// <summary>A refusal because the command's arguments break rules of the domain.</summary>
    /// <param name="reasons">The rules broken, each a sentence; at least one.</param>
    /// <returns>The refusal.</returns>
    public static Refusal RuleBroken(params IEnumerable<string> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var list = new List<string>();
        foreach (var reason in reasons)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(reason, nameof(reasons));
            if (!list.Contains(reason))
            {
                list.Add(reason);
            }
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("A refusal for broken rules names at least one rule.", nameof(reasons));
        }

        return new(RefusalKind.RuleBroken, [], new ValueList<string>(list));
    }
}
