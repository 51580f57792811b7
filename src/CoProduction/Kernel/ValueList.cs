using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.Contracts;
using System.Linq;
using System.Threading;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction;

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
    // A list is a view of a prefix of a shared, growable array: appending to the longest view of an
    // array claims its next free slot in place (amortised O(1), as a fold needs), while appending to a
    // shorter one, or to a full array, copies. Every view sees only its own prefix, so lists stay
    // immutable values. One reference wide, so a state record holding many lists stays small.
    private readonly View? view;

    /// <summary>Creates a list of the given items, copied.</summary>
    /// <param name="items">The items, in order.</param>
    public ValueList(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var array = items.ToArray();
        view = array.Length == 0 ? null : View.Root(array, array.Length);
    }

    private ValueList(View view) => this.view = view;

    /// <summary>Gets the empty list.</summary>
    public static ValueList<T> Empty => default;

    /// <summary>Gets the number of items.</summary>
    public int Count => view?.Count ?? 0;

    /// <summary>Gets whether the list has no items.</summary>
    public bool IsEmpty => view is null;

    /// <summary>Gets the item at an index.</summary>
    /// <param name="index">The 0-based index.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    public T this[int index]
    {
        get
        {
            var v = view;
            if (v is null || (uint)index >= (uint)v.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {Count} item(s).");
            }

            return v.Items[index];
        }
    }

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

    /// <summary>Returns a new list with an item added at the end, in amortised constant time.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The new list; this one is unchanged (drop the result and nothing is added).</returns>
    [Pure]
    public ValueList<T> Add(T item)
    {
        var v = view;
        var count = v?.Count ?? 0;
        if (v is not null && count < v.Items.Length && Interlocked.CompareExchange(ref v.Owner.Used, count + 1, count) == count)
        {
            v.Items[count] = item;
            return new ValueList<T>(new View(v.Items, count + 1, v.Owner));
        }

        var grown = new T[Math.Max(4, count * 2)];
        AsSpan().CopyTo(grown);
        grown[count] = item;
        return new ValueList<T>(View.Root(grown, count + 1));
    }

    /// <summary>Returns a new list with the items added at the end.</summary>
    /// <param name="more">The items.</param>
    /// <returns>The new list; this one is unchanged.</returns>
    [Pure]
    public ValueList<T> AddRange(IEnumerable<T> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        var list = this;
        foreach (var item in more)
        {
            list = list.Add(item);
        }

        return list;
    }

    /// <summary>Returns a new list with an item inserted at an index.</summary>
    /// <param name="index">The 0-based index the item will have; from 0 to <see cref="Count"/>.</param>
    /// <param name="item">The item.</param>
    /// <returns>The new list; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0 to <see cref="Count"/>.</exception>
    [Pure]
    public ValueList<T> Insert(int index, T item)
    {
        var count = Count;
        if ((uint)index > (uint)count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {count} item(s).");
        }

        if (index == count)
        {
            return Add(item);
        }

        var items = new T[count + 1];
        AsSpan()[..index].CopyTo(items);
        items[index] = item;
        AsSpan()[index..].CopyTo(items.AsSpan(index + 1));
        return Wrap(items);
    }

    /// <summary>Returns a new list with the item at an index replaced.</summary>
    /// <param name="index">The 0-based index.</param>
    /// <param name="item">The new item.</param>
    /// <returns>The new list; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the list.</exception>
    [Pure]
    public ValueList<T> SetItem(int index, T item)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {Count} item(s).");
        }

        var items = AsSpan().ToArray();
        items[index] = item;
        return Wrap(items);
    }

    /// <summary>Returns a new list without the items that match a predicate.</summary>
    /// <param name="match">Which items to remove.</param>
    /// <returns>The new list; this one is unchanged.</returns>
    [Pure]
    public ValueList<T> RemoveAll(Predicate<T> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var kept = new List<T>(Count);
        foreach (var item in AsSpan())
        {
            if (!match(item))
            {
                kept.Add(item);
            }
        }

        return kept.Count == Count ? this : new ValueList<T>(kept);
    }

    /// <summary>Whether the list holds an item equal to <paramref name="item"/>.</summary>
    /// <param name="item">The item.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <summary>The index of the first item equal to <paramref name="item"/>.</summary>
    /// <param name="item">The item.</param>
    /// <returns>The 0-based index, or -1.</returns>
    public int IndexOf(T item)
    {
        var span = AsSpan();
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < span.Length; i++)
        {
            if (comparer.Equals(span[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public bool Equals(ValueList<T> other)
    {
        if (Count != other.Count)
        {
            return false;
        }

        if (ReferenceEquals(view, other.view) || (view is not null && ReferenceEquals(view.Items, other.view!.Items)))
        {
            return true;
        }

        var a = AsSpan();
        var b = other.AsSpan();
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns the items, comma-separated, in brackets.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => "[" + string.Join(", ", AsSpan().ToArray()) + "]";

    /// <summary>Gets an enumerator over the items.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(view?.Items, Count);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsSpan().ToArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => AsSpan().ToArray().GetEnumerator();

    /// <summary>The items as a read-only span.</summary>
    /// <returns>The span.</returns>
    internal ReadOnlySpan<T> AsSpan() => view is null ? [] : view.Items.AsSpan(0, view.Count);

    /// <summary>Wraps an array the caller gives up (no copy).</summary>
    internal static ValueList<T> Wrap(T[] items) => items.Length == 0 ? default : new(View.Root(items, items.Length));

    /// <summary>Enumerates a <see cref="ValueList{T}"/> without allocating.</summary>
    public struct Enumerator
    {
        private readonly T[]? items;
        private readonly int count;
        private int index;

        internal Enumerator(T[]? items, int count)
        {
            this.items = items;
            this.count = count;
            index = -1;
        }

        /// <summary>Gets the current item.</summary>
        public readonly T Current => items![index];

        /// <summary>Moves to the next item.</summary>
        /// <returns><see langword="false"/> at the end.</returns>
        public bool MoveNext() => ++index < count;
    }

    /// <summary>A prefix of an array; the array's first view (its owner) also counts the slots claimed so far.</summary>
    private sealed class View
    {
        public readonly T[] Items;
        public readonly int Count;
        public readonly View Owner;
        public int Used;

        public View(T[] items, int count, View owner)
        {
            Items = items;
            Count = count;
            Owner = owner;
        }

        private View(T[] items, int count)
        {
            Items = items;
            Count = count;
            Owner = this;
            Used = count;
        }

        public static View Root(T[] items, int count) => new(items, count);
    }
}

/// <summary>Creates <see cref="ValueList{T}"/> instances.</summary>
public static class ValueList
{
    /// <summary>Creates a list of the given items.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> Of<T>(params T[] items) => new(items ?? []);

    /// <summary>Creates a list of the given items; what collection expressions call.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => ValueList<T>.Wrap(items.ToArray());

    /// <summary>Creates a list from a sequence.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items, in order.</param>
    /// <returns>The list.</returns>
    public static ValueList<T> ToValueList<T>(this IEnumerable<T> items) => new(items);
}

/// <summary>Reads and writes <see cref="ValueList{T}"/> as a JSON array.</summary>
internal sealed class ValueListJsonConverterFactory : JsonConverterFactory
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
internal sealed class ValueListJsonConverter<T> : JsonConverter<ValueList<T>>
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
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(JsonSerializer.Deserialize(ref reader, info)!);
        }

        return ValueList<T>.Wrap([.. items]);
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
