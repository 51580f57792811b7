using System;

namespace CoProduction.Cycles;

/// <summary>What the team learned and changes: decisions per activity, new proposals, lessons; checked when built.</summary>
/// <remarks>Adopted and adapted activities and the new proposals are carried into the next cycle as proposals.</remarks>
public sealed record Revision
{
    /// <summary>Creates a revision: at least one decision, proposal or lesson.</summary>
    /// <param name="decisions">Adopt, adapt or abandon, per planned activity, each activity once; may be empty.</param>
    /// <param name="proposals">New activities proposed for the next cycle, each id once; may be empty.</param>
    /// <param name="lessons">What was learned, each free text, not blank; may be empty.</param>
    /// <exception cref="ArgumentException">An empty revision, a <see langword="null"/> item, or a blank lesson.</exception>
    /// <exception cref="InputLimitException">Two decisions for one activity, or two proposals with one id (<see cref="InputRule.Repeated"/>, naming the list and the id); a list of more than <see cref="InputLimits.ListCount"/> items.</exception>
    public Revision(ValueList<ActivityRevision> decisions, ValueList<ProposedActivity> proposals, ValueList<string> lessons)
    {
        Decisions = decisions;
        Proposals = proposals;
        Lessons = lessons;
        if (Decisions.IsEmpty && Proposals.IsEmpty && Lessons.IsEmpty)
        {
            throw new ArgumentException("A revision has at least one decision, proposal or lesson.", nameof(lessons));
        }
    }

    /// <summary>Gets the decisions per planned activity, each activity once; may be empty.</summary>
    /// <exception cref="InputLimitException">Set with two decisions for one activity.</exception>
    public ValueList<ActivityRevision> Decisions
    {
        get;
        init => field = Preconditions.CheckDistinctBy(NoNulls(value, nameof(Decisions)), static d => d.Activity, nameof(Decisions));
    }

    /// <summary>Gets the new activities proposed for the next cycle, each id once; may be empty.</summary>
    /// <exception cref="InputLimitException">Set with two proposals of one id.</exception>
    public ValueList<ProposedActivity> Proposals
    {
        get;
        init => field = Preconditions.CheckDistinctBy(NoNulls(value, nameof(Proposals)), static p => p.Id, nameof(Proposals));
    }

    /// <summary>Gets what was learned; may be empty.</summary>
    public ValueList<string> Lessons { get; init => field = Preconditions.CheckTexts(value, nameof(Lessons)); }

    private static ValueList<T> NoNulls<T>(ValueList<T> items, string name)
        where T : class
    {
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, name);
        }

        return items;
    }
}
