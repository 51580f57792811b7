using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;

namespace CoProduction.Protocols;

/// <summary>
/// What a protocol version permits: the data-collection methods, the respondent groups and the
/// sites. An activity is in scope when its method, its respondent group and its site all are.
/// </summary>
/// <remarks>
/// Each list is kept sorted by code, so two scopes with the same items are equal whatever order they
/// were given in. An item listed twice is refused, never silently dropped (docs/limits.md).
/// </remarks>
public sealed record ProtocolScope
{
    /// <summary>Creates a scope; the lists are sorted, and each item is listed once.</summary>
    /// <param name="methods">The data-collection methods.</param>
    /// <param name="respondentGroups">The respondent groups.</param>
    /// <param name="sites">The sites.</param>
    /// <exception cref="System.ArgumentException">A default (unnamed) method, group or site.</exception>
    /// <exception cref="InputLimitException">A list has more than <see cref="InputLimits.ListCount"/> items (<see cref="InputRule.TooMany"/>), or lists a method, group or site twice (<see cref="InputRule.Repeated"/>, naming the parameter and the item).</exception>
    public ProtocolScope(ValueList<DataCollectionMethod> methods, ValueList<RespondentGroup> respondentGroups, ValueList<SiteId> sites)
    {
        _ = Preconditions.CheckCount(methods, nameof(methods));
        _ = Preconditions.CheckCount(respondentGroups, nameof(respondentGroups));
        _ = Preconditions.CheckCount(sites, nameof(sites));
        foreach (var method in methods)
        {
            _ = method.Code ?? throw new System.ArgumentException("A default (unnamed) data-collection method cannot be in a scope: use a well-known value or DataCollectionMethod.Named.", nameof(methods));
        }

        foreach (var group in respondentGroups)
        {
            _ = group.Code ?? throw new System.ArgumentException("A default (unnamed) respondent group cannot be in a scope: use a well-known value or RespondentGroup.Named.", nameof(respondentGroups));
        }

        foreach (var site in sites)
        {
            Preconditions.CheckId(site, nameof(sites));
        }

        _ = Preconditions.CheckDistinct(methods, nameof(methods));
        _ = Preconditions.CheckDistinct(respondentGroups, nameof(respondentGroups));
        _ = Preconditions.CheckDistinct(sites, nameof(sites));
        Methods = methods.OrderBy(m => m.Code, System.StringComparer.Ordinal).ToValueList();
        RespondentGroups = respondentGroups.OrderBy(g => g.Code, System.StringComparer.Ordinal).ToValueList();
        Sites = sites.OrderBy(s => s.Value, System.StringComparer.Ordinal).ToValueList();
    }

    /// <summary>Gets the scope that permits nothing.</summary>
    public static ProtocolScope Empty { get; } = new([], [], []);

    /// <summary>Gets the data-collection methods, sorted by code.</summary>
    public ValueList<DataCollectionMethod> Methods { get; }

    /// <summary>Gets the respondent groups, sorted by code.</summary>
    public ValueList<RespondentGroup> RespondentGroups { get; }

    /// <summary>Gets the sites, sorted by id.</summary>
    public ValueList<SiteId> Sites { get; }

    /// <summary>Gets whether the scope names at least one method, one respondent group and one site.</summary>
    [JsonIgnore]
    public bool IsComplete => !Methods.IsEmpty && !RespondentGroups.IsEmpty && !Sites.IsEmpty;

    /// <summary>Gets every item of the scope: methods, then respondent groups, then sites.</summary>
    [JsonIgnore]
    public IEnumerable<ScopeItem> Items
        => Methods.Select(ScopeItem.Of).Concat(RespondentGroups.Select(ScopeItem.Of)).Concat(Sites.Select(ScopeItem.Of));

    /// <summary>Whether an activity by this method, with this group, at this site is in scope.</summary>
    /// <param name="method">The data-collection method.</param>
    /// <param name="group">The respondent group.</param>
    /// <param name="site">The site.</param>
    /// <returns><see langword="true"/> when all three are in scope.</returns>
    public bool Covers(DataCollectionMethod method, RespondentGroup group, SiteId site)
        => Methods.Contains(method) && RespondentGroups.Contains(group) && Sites.Contains(site);

    /// <summary>Whether the scope includes an item.</summary>
    /// <param name="item">The item.</param>
    /// <returns><see langword="true"/> when included; always <see langword="false"/> for the approval period.</returns>
    public bool Contains(ScopeItem item) => item.Kind switch
    {
        ScopeItemKind.Method => Methods.Any(m => m.Code == item.Code),
        ScopeItemKind.RespondentGroup => RespondentGroups.Any(g => g.Code == item.Code),
        ScopeItemKind.Site => Sites.Any(s => s.Value == item.Code),
        _ => false,
    };

    /// <summary>The scope changes from this scope to a later one.</summary>
    /// <param name="later">The later scope.</param>
    /// <returns>What was added and what was removed.</returns>
    [System.Diagnostics.Contracts.Pure]
    public ScopeDiff DiffTo(ProtocolScope later)
    {
        System.ArgumentNullException.ThrowIfNull(later);
        var before = Items.ToHashSet();
        var after = later.Items.ToHashSet();
        return new ScopeDiff(
            [.. later.Items.Where(i => !before.Contains(i))],
            [.. Items.Where(i => !after.Contains(i))]);
    }

    /// <summary>Returns the scope with items added and removed (additions first, then removals).</summary>
    /// <param name="added">Items to add.</param>
    /// <param name="removed">Items to remove.</param>
    /// <returns>The new scope; this one is unchanged.</returns>
    internal ProtocolScope Change(IEnumerable<ScopeItem> added, IEnumerable<ScopeItem> removed)
    {
        var items = Items.ToHashSet();
        items.UnionWith(added.Where(i => i.Kind != ScopeItemKind.ApprovalPeriod));
        items.ExceptWith(removed);
        return new ProtocolScope(
            [.. items.Where(i => i.Kind == ScopeItemKind.Method).Select(i => DataCollectionMethod.Named(i.Code))],
            [.. items.Where(i => i.Kind == ScopeItemKind.RespondentGroup).Select(i => RespondentGroup.Named(i.Code))],
            [.. items.Where(i => i.Kind == ScopeItemKind.Site).Select(i => new SiteId(i.Code))]);
    }
}
