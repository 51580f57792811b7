using System;
using System.Runtime.InteropServices;

namespace CoProduction;

/// <summary>
/// A list that only grows, for folds that build a <see cref="ValueList{T}"/> in place: no builder
/// object, no array until the first item, and no copy at the end when the array is exactly full.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal struct GrowingList<T>
{
    private T[]? items;

    public int Count { get; private set; }

    public readonly ref T this[int index] => ref items![index];

    public void Add(T item)
    {
        if (items is null)
        {
            // Most lists a fold builds hold one or two items: start exact and double, so small
            // lists usually end exactly full and are frozen without a copy.
            items = new T[1];
        }
        else if (Count == items.Length)
        {
            Array.Resize(ref items, Count * 2);
        }

        items[Count++] = item;
    }

    public void EnsureCapacity(int capacity)
    {
        if (capacity > (items?.Length ?? 0))
        {
            Array.Resize(ref items, capacity);
        }
    }

    public void Clear()
    {
        items = null;
        Count = 0;
    }

    public readonly ValueList<T> ToValueList()
    {
        if (Count == 0)
        {
            return default;
        }

        var array = items!;
        if (Count != array.Length)
        {
            array = array.AsSpan(0, Count).ToArray();
        }

        return ValueList<T>.Wrap(array);
    }
}
