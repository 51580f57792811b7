
namespace CoProduction.Protocols;

/// <summary>The scope changes between two protocol versions (or made by one amendment).</summary>
/// <param name="Added">Items the later scope has and the earlier does not, ordered.</param>
/// <param name="Removed">Items the earlier scope has and the later does not, ordered.</param>
public sealed record ScopeDiff(ValueList<ScopeItem> Added, ValueList<ScopeItem> Removed)
{
    /// <summary>Gets the diff with no changes.</summary>
    public static ScopeDiff None { get; } = new([], []);

    /// <summary>Gets whether nothing was added or removed.</summary>
    public bool IsEmpty => Added.IsEmpty && Removed.IsEmpty;
}
