using System;
using System.Text.Json.Serialization;

namespace CoProduction;

/// <summary>
/// Names one aggregate's stream of events in a store: <c>{category}-{id}</c>, for example <c>cycle-kilifi-2016</c>.
/// </summary>
[JsonConverter(typeof(StringIdJsonConverter<StreamId>))]
public readonly record struct StreamId : IStringId<StreamId>
{
    /// <summary>Creates the stream id from its full text.</summary>
    /// <param name="value">The stream name.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty, padded or too long.</exception>
    public StreamId(string value) => Value = StringId.Require(value, nameof(StreamId), InputLimits.StreamIdLength);

    /// <inheritdoc/>
    public string Value { get; }

    /// <inheritdoc/>
    public static StreamId From(string value) => new(value);

    /// <summary>Builds the stream id of an aggregate from its category and id.</summary>
    /// <typeparam name="TId">The aggregate's id type.</typeparam>
    /// <param name="category">The aggregate type's category, for example <c>cycle</c>.</param>
    /// <param name="id">The aggregate's id.</param>
    /// <returns><c>{category}-{id}</c>.</returns>
    /// <exception cref="ArgumentException">The id is <c>default</c> (it would name the category's empty stream <c>{category}-</c>).</exception>
    public static StreamId For<TId>(string category, TId id)
        where TId : struct, IStringId<TId>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        return new StreamId(category + "-" + Preconditions.CheckId(id, nameof(id)).Value);
    }

    /// <summary>Whether a stream name is one of a category's streams, as <see cref="For{TId}"/> names them (<c>{category}-{id}</c>).</summary>
    /// <param name="stream">The stream name.</param>
    /// <param name="category">The category, for example <c>cycle</c>.</param>
    internal static bool IsOf(string stream, string category)
        => stream.Length > category.Length && stream[category.Length] == '-' && stream.StartsWith(category, StringComparison.Ordinal);

    /// <summary>Returns the stream name.</summary>
    /// <returns>The stream name.</returns>
    public override string ToString() => Value ?? string.Empty;
}
