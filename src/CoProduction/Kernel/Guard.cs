using System;
using System.Collections.Generic;

namespace CoProduction;

/// <summary>
/// A condition a transition needs, owned by the library: a predicate over what a decision reads,
/// a description phrased as the unmet condition (what a user reads when it blocks, and what the
/// diagrams show), and an optional explanation with the details of one case.
/// </summary>
/// <typeparam name="TContext">What the guard reads: the aggregate's state, or a decision context.</typeparam>
internal sealed class Guard<TContext>
    where TContext : class
{
    private readonly Func<TContext, bool> holds;
    private readonly Func<TContext, IEnumerable<string>>? explain;

    /// <summary>Creates a guard.</summary>
    /// <param name="unmet">The condition as a problem, for example "the plan has no activity yet".</param>
    /// <param name="holds">Whether the guard is met.</param>
    /// <param name="explain">The detailed reasons when unmet; the description, as a sentence, when absent or empty.</param>
    public Guard(string unmet, Func<TContext, bool> holds, Func<TContext, IEnumerable<string>>? explain = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unmet);
        Description = unmet;
        this.holds = holds ?? throw new ArgumentNullException(nameof(holds));
        this.explain = explain;
    }

    /// <summary>Gets the condition phrased as the problem when it is unmet.</summary>
    public string Description { get; }

    /// <summary>Whether the guard is met for <paramref name="context"/>.</summary>
    /// <param name="context">What the guard reads.</param>
    /// <returns><see langword="true"/> when met.</returns>
    public bool Holds(TContext context) => holds(context);

    /// <summary>The guard's unmet description with the reasons of this case.</summary>
    /// <param name="context">What the guard reads.</param>
    /// <returns>The unmet guard, as data.</returns>
    public UnmetGuard Explain(TContext context)
    {
        var reasons = new List<string>();
        if (explain is not null)
        {
            foreach (var reason in explain(context))
            {
                reasons.Add(reason);
            }
        }

        if (reasons.Count == 0)
        {
            reasons.Add(Sentence.Capitalize(Description));
        }

        return new UnmetGuard(Description, new ValueList<string>(reasons));
    }
}
