using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction.Collections;

/// <summary>
/// An immutable list with value equality: two lists are equal when they hold equal items in the
/// same order. Events and states use it so that a replayed or deserialized value equals the original.
/// </summary>
/// <remarks>
/// Collection expressions build it (<c>ValueList&lt;string&gt; notes = ["a", "b"];</c>). In JSON it is an
/// array; a source-generated <see cref="JsonSerializerContext"/> must list the item type itself
/// (<c>[JsonSerializable(typeof(T))]</c>), because the converter hides it from the generator.
/// </remarks>
/// <typeparam name="T">The item type; its own equality decides the list's.</typeparam>
[JsonConverter(typeof(ValueListJsonConverterFactory))]
[System.Runtime.CompilerServices.CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public readonly struct ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly ImmutableArray<T> items;

    /// <summary>Creates a list of the given items, copied.</summary>
    /// <param name="items">The items, in order.</param>
    public ValueList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        this.items = [.. items];
    }

    internal ValueList(ImmutableArray<T> items) => this.items = items;

    /// <summary>Gets the empty list.</summary>
    public static ValueList<T> Empty => new(ImmutableArray<T>.Empty);

    /// <summary>Gets the number of items.</summary>
    public int Count => items.IsDefault ? 0 : items.Length;

    /// <summary>Gets whether the list has no items.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Gets the item at an index.</summary>
    /// <param name="index">The 0-based index.</param>
    /// <returns>The item.</returns>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    public T this[int index] => Items[index];

    private ImmutableArray<T> Items => items.IsDefault ? ImmutableArray<T>.Empty : items;

    /// <summary>Whether two lists hold equal items in the same order.</summary>
    /// <param name="left">A list.</param>
    /// <param name="right">Another list.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ValueList<T> left, ValueList<T> right) => left.Equals(right);

    /// <summary>Whether two lists differ in an item or in order.</summary>
    /// <param name="left">A list.</param>
    /// <param name="right">Another list.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(ValueList<T> left, ValueList<T> right) => !left.Equals(right);

    /// <summary>Converts an array into a list (copied).</summary>
    /// <param name="items">The items.</param>
    public static implicit operator ValueList<T>(T[] items) => new(items ?? []);

    /// <summary>Returns a new list with an item added at the end.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The new list; this one is unchanged.</returns>
    public ValueList<T> Add(T item) => new(Items.Add(item));

    /// <summary>Returns a new list with the items added at the end.</summary>
    /// <param name="more">The items.</param>
    /// <returns>The new list; this one is unchanged.</returns>
    public ValueList<T> AddRange(IEnumerable<T> more) => new(Items.AddRange(more));

    /// <summary>Returns a new list with an item inserted at an index.</summary>
    /// <param name="index">The 0-based index the item will have; from 0 to <see cref="Count"/>.</param>
    /// <param name="item">The item.</param>
    /// <returns>The new list; this one is unchanged.</returns>
    public ValueList<T> Insert(int index, T item) => new(Items.Insert(index, item));

    /// <summary>Returns a new list with the item at an index replaced.</summary>
    /// <param name="index">The 0-based index.</param>
    /// <param name="item">The new item.</param>
    /// <returns>The new list; this one is unchanged.</returns>
    public ValueList<T> SetItem(int index, T item) => new(Items.SetItem(index, item));

    /// <summary>Returns a new list without the items that match a predicate.</summary>
    /// <param name="match">Which items to remove.</param>
    /// <returns>The new list; this one is unchanged.</returns>
    public ValueList<T> RemoveAll(Predicate<T> match) => new(Items.RemoveAll(match));

    /// <inheritdoc/>
    public bool Equals(ValueList<T> other) => Items.AsSpan().SequenceEqual(other.Items.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns the items, comma-separated, in brackets.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => "[" + string.Join(", ", Items) + "]";

    /// <summary>Gets an enumerator over the items.</summary>
    /// <returns>The enumerator.</returns>
    public ImmutableArray<T>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)Items).GetEnumerator();
}

/// <summary>Creates <see cref="ValueList{T}"/> instances.</summary>
public static class ValueList
{
    /// <summary>Creates a list of the given items.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> Of<T>(params T[] items) => new(items);

    /// <summary>Creates a list of the given items; what collection expressions call.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => new(ImmutableArray.Create(items));

    /// <summary>Creates a list from a sequence.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => new(items);
}

/// <summary>Reads and writes <see cref="ValueList{T}"/> as a JSON array.</summary>
public sealed class ValueListJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert)
        => typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(ValueList<>);

    /// <inheritdoc/>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "ValueList<T> is closed over types the JSON context already knows.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "ValueList<T> is closed over types the JSON context already knows.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The converter type has a public parameterless constructor.")]
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        var itemType = typeToConvert.GetGenericArguments()[0];
        return (JsonConverter?)Activator.CreateInstance(typeof(ValueListJsonConverter<>).MakeGenericType(itemType));
    }
}

/// <summary>Reads and writes <see cref="ValueList{T}"/> as a JSON array, using the options' converter for the items.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ValueListJsonConverter<T> : JsonConverter<ValueList<T>>
{
    /// <inheritdoc/>
    public override ValueList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"A list of {typeof(T).Name} is a JSON array; found {reader.TokenType}.");
        }

        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var builder = ImmutableArray.CreateBuilder<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            builder.Add(JsonSerializer.Deserialize(ref reader, info)!);
        }

        return new ValueList<T>(builder.DrainToImmutable());
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ValueList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, info);
        }

        writer.WriteEndArray();
    }
}
