using System;

namespace CoProduction.Protocols;

/// <summary>
/// One thing a protocol's scope can include or an amendment can touch: a data-collection method, a
/// respondent group, a site, or the approval period. Used for scope changes, diffs and conflicts.
/// </summary>
public readonly record struct ScopeItem : IComparable<ScopeItem>
{
    /// <summary>Creates an item; the code is checked for its kind.</summary>
    /// <param name="kind">What the code names.</param>
    /// <param name="code">The method's or group's code, or the site's id; <c>end</c> for the approval period.</param>
    /// <exception cref="ArgumentException">An undefined kind, or a code that does not name a value of the kind.</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public ScopeItem(ScopeItemKind kind, string code)
    {
        Kind = Preconditions.CheckDefined(kind, nameof(kind));
        Code = kind switch
        {
            ScopeItemKind.Method => DataCollectionMethod.Named(code).Code,
            ScopeItemKind.RespondentGroup => RespondentGroup.Named(code).Code,
            ScopeItemKind.Site => new SiteId(code).Value,
            _ => code == "end" ? code : throw new ArgumentException($"The approval period's item has the code 'end', not '{code}'.", nameof(code)),
        };
    }

    /// <summary>Gets what the code names.</summary>
    public ScopeItemKind Kind { get; }

    /// <summary>Gets the method's or group's code, or the site's id; <c>end</c> for the approval period.</summary>
    public string Code { get; }

    /// <summary>Gets the item that stands for the approval period, touched by an amendment that extends it.</summary>
    public static ScopeItem Period { get; } = new(ScopeItemKind.ApprovalPeriod, "end");

    /// <summary>The item for a data-collection method.</summary>
    /// <param name="method">The method.</param>
    /// <returns>The item.</returns>
    public static ScopeItem Of(DataCollectionMethod method) => new(ScopeItemKind.Method, Require(method.Code));

    /// <summary>The item for a respondent group.</summary>
    /// <param name="group">The group.</param>
    /// <returns>The item.</returns>
    public static ScopeItem Of(RespondentGroup group) => new(ScopeItemKind.RespondentGroup, Require(group.Code));

    /// <summary>The item for a site.</summary>
    /// <param name="site">The site.</param>
    /// <returns>The item.</returns>
    public static ScopeItem Of(SiteId site) => new(ScopeItemKind.Site, Require(site.Value));

    /// <summary>Orders by kind, then by code (ordinal).</summary>
    /// <param name="other">The other item.</param>
    /// <returns>Negative, zero or positive.</returns>
    public int CompareTo(ScopeItem other)
        => Kind != other.Kind ? Kind.CompareTo(other.Kind) : string.CompareOrdinal(Code, other.Code);

    /// <summary>Describes the item for messages, for example <c>method 'journaling'</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        ScopeItemKind.Method => $"method '{Code}'",
        ScopeItemKind.RespondentGroup => $"respondent group '{Code}'",
        ScopeItemKind.Site => $"site '{Code}'",
        _ => "the approval period",
    };

    private static string Require(string? code)
        => code ?? throw new ArgumentException("A default (unnamed) value cannot be a scope item.");
}
