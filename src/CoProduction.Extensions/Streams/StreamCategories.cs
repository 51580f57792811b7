using System;
using System.Collections.Generic;
using System.Linq;
using CoProduction.Events;

namespace CoProduction.Streams;

/// <summary>
/// Tells a stream's category and aggregate type from its id. Categories may hold a dash
/// (<c>meeting-series-weekly</c>), so the longest known category that prefixes the id wins; an id no known
/// category prefixes is classed by the text before its first dash, with no aggregate type.
/// </summary>
internal sealed class StreamCategories
{
    private readonly (string Prefix, string Category, string AggregateType)[] known;

    public StreamCategories(IEnumerable<(string Category, string AggregateType)> categories)
        => known = [.. categories
            .DistinctBy(c => c.Category, StringComparer.Ordinal)
            .OrderByDescending(c => c.Category.Length)
            .Select(c => (c.Category + "-", c.Category, c.AggregateType))];

    /// <summary>Gets the library's own aggregates' categories.</summary>
    public static IReadOnlyList<(string Category, string AggregateType)> Library { get; } =
        [.. LibraryAggregates.All.Select(a => (a.Category, a.TypeName))];

    /// <summary>The category and aggregate type an aggregate's streams have.</summary>
    public static (string Category, string AggregateType) Of<TAggregate>()
        where TAggregate : IEventSourcedAggregate<TAggregate>
    {
        var known = KnownAggregate.Of<TAggregate>();
        return (known.Category, known.TypeName);
    }

    /// <summary>Classes a stream by its id.</summary>
    public (string Category, string? AggregateType) Classify(StreamId stream)
    {
        var id = stream.Value;
        foreach (var (prefix, category, type) in known)
        {
            if (id.Length > prefix.Length && id.StartsWith(prefix, StringComparison.Ordinal))
            {
                return (category, type);
            }
        }

        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return (dash > 0 ? id[..dash] : id, null);
    }
}
