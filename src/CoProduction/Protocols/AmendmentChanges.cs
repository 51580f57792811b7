using System;
using System.Collections.Generic;
using System.Linq;
using NodaTime;
using System.Text.Json.Serialization;
using System.Diagnostics.Contracts;

namespace CoProduction.Protocols;

/// <summary>
/// What an amendment changes: scope items added and removed, optionally a longer approval period,
/// optionally personnel changes (as text).
/// </summary>
public sealed record AmendmentChanges
{
    /// <summary>Creates the changes.</summary>
    /// <param name="add">Methods, respondent groups and sites to add.</param>
    /// <param name="remove">Methods, respondent groups and sites to remove.</param>
    /// <param name="extendApprovalTo">A new, later approval end, if the amendment extends the period.</param>
    /// <param name="personnelChanges">Personnel changes, if any.</param>
    /// <exception cref="ArgumentException">Nothing changes; an item is both added and removed; the approval period is listed as an item; blank personnel changes.</exception>
    /// <exception cref="InputLimitException">A list has more than <see cref="InputLimits.ListCount"/> items (<see cref="InputRule.TooMany"/>), or lists an item twice (<see cref="InputRule.Repeated"/>, naming <c>add</c> or <c>remove</c> and the item).</exception>
    public AmendmentChanges(ValueList<ScopeItem> add, ValueList<ScopeItem> remove, LocalDate? extendApprovalTo = null, string? personnelChanges = null)
    {
        Check(add, nameof(add));
        Check(remove, nameof(remove));
        if (add.Intersect(remove).FirstOrDefault() is { Code: not null } both)
        {
            throw new ArgumentException($"An amendment cannot both add and remove {both}.", nameof(remove));
        }

        Preconditions.CheckOptionalText(personnelChanges, nameof(personnelChanges));
        if (add.IsEmpty && remove.IsEmpty && extendApprovalTo is null && personnelChanges is null)
        {
            throw new ArgumentException("An amendment changes something: add or remove a scope item, extend the approval period, or describe personnel changes.", nameof(add));
        }

        Add = [.. add.Order()];
        Remove = [.. remove.Order()];
        ExtendApprovalTo = extendApprovalTo;
        PersonnelChanges = personnelChanges;
    }

    private AmendmentChanges()
    {
        Add = [];
        Remove = [];
    }

    /// <summary>Gets the items to add, ordered.</summary>
    public ValueList<ScopeItem> Add { get; }

    /// <summary>Gets the items to remove, ordered.</summary>
    public ValueList<ScopeItem> Remove { get; }

    /// <summary>Gets the new approval end, if the amendment extends the period.</summary>
    public LocalDate? ExtendApprovalTo { get; }

    /// <summary>Gets the personnel changes, if any.</summary>
    public string? PersonnelChanges { get; }

    /// <summary>Gets every item the amendment touches: additions, removals and, when it extends the period, <see cref="ScopeItem.Period"/>.</summary>
    [JsonIgnore]
    public ValueList<ScopeItem> Touches
        => ExtendApprovalTo is null ? Add.AddRange(Remove) : Add.AddRange(Remove).Add(ScopeItem.Period);

    /// <summary>Changes that only add items.</summary>
    /// <param name="items">The items to add.</param>
    /// <returns>The changes.</returns>
    [System.Diagnostics.Contracts.Pure]
    public static AmendmentChanges Adding(params ScopeItem[] items) => new(items, []);

    /// <summary>Changes that only remove items.</summary>
    /// <param name="items">The items to remove.</param>
    /// <returns>The changes.</returns>
    [System.Diagnostics.Contracts.Pure]
    public static AmendmentChanges Removing(params ScopeItem[] items) => new([], items);

    /// <summary>Changes that only extend the approval period.</summary>
    /// <param name="newEnd">The new approval end.</param>
    /// <returns>The changes.</returns>
    [System.Diagnostics.Contracts.Pure]
    public static AmendmentChanges ExtendingApprovalTo(LocalDate newEnd) => new([], [], newEnd);

    /// <summary>Gets the placeholder of an amendment not yet drafted.</summary>
    internal static AmendmentChanges None { get; } = new();

    /// <summary>Why these changes do not fit a protocol's current scope and approval; empty when they fit.</summary>
    internal List<string> ProblemsWith(ProtocolScope scope, LocalDate approvalEnd)
    {
        var problems = new List<string>();
        foreach (var item in Remove.Where(i => !scope.Contains(i)))
        {
            problems.Add($"the protocol's scope does not have {item}, so it cannot be removed");
        }

        foreach (var item in Add.Where(scope.Contains))
        {
            problems.Add($"the protocol's scope already has {item}");
        }

        if (ExtendApprovalTo is { } end && end <= approvalEnd)
        {
            problems.Add($"the approval already runs until {approvalEnd.Iso()}, so extending it to {end.Iso()} changes nothing");
        }

        var after = scope.Change(Add, Remove);
        if (scope.IsComplete && !after.IsComplete)
        {
            problems.Add("the changes would leave the scope without any data-collection method, respondent group or site: a protocol with nothing in scope is closed, not amended");
        }

        return problems;
    }

    /// <summary>The sites the changes add.</summary>
    internal IEnumerable<SiteId> AddedSites => Add.Where(i => i.Kind == ScopeItemKind.Site).Select(i => new SiteId(i.Code));

    private static void Check(ValueList<ScopeItem> items, string name)
    {
        _ = Preconditions.CheckCount(items, name);
        foreach (var item in items)
        {
            if (item.Code is null || !Enum.IsDefined(item.Kind) || item.Kind == ScopeItemKind.ApprovalPeriod)
            {
                throw new ArgumentException($"'{item}' is not a method, respondent group or site; extend the approval period with extendApprovalTo.", name);
            }
        }

        _ = Preconditions.CheckDistinct(items, name);
    }
}
