using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace CoProduction;

/// <summary>
/// The one place arguments are checked, with the same exceptions and messages everywhere: ids are
/// not <c>default</c>; names and titles are one line, not blank and not padded; free text is not
/// blank; enums are defined values. Nothing is trimmed or blanked: input is kept as given, or refused.
/// </summary>
internal static class Preconditions
{
    /// <summary>The longest name or title.</summary>
    internal const int MaxNameLength = 200;

    /// <summary>Refuses a <c>default</c> id (one not built by its constructor).</summary>
    internal static TId CheckId<TId>(TId id, string paramName)
        where TId : struct, IStringId<TId>
        => id.Value is null
            ? throw new ArgumentException($"A {typeof(TId).Name} is required; this one is the default, empty value: create ids with their constructor.", paramName)
            : id;

    /// <summary>Refuses a <c>default</c> id when one is given.</summary>
    internal static TId? CheckOptionalId<TId>(TId? id, string paramName)
        where TId : struct, IStringId<TId>
        => id is { } value ? CheckId(value, paramName) : null;

    /// <summary>A name or title: one line, not blank, not padded, at most <see cref="MaxNameLength"/> characters.</summary>
    internal static string CheckName([NotNull] string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            throw new ArgumentException($"'{value}' starts or ends with white space: give it without.", paramName);
        }

        if (value.Length > MaxNameLength)
        {
            throw new ArgumentException($"A name or title is at most {MaxNameLength} characters; this one has {value.Length}.", paramName);
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"A name or title is one line without control characters: '{value}' has U+{(int)c:X4}.", paramName);
            }
        }

        return value;
    }

    /// <summary>A name or title when one is given (see <see cref="CheckName"/>).</summary>
    internal static string? CheckOptionalName(string? value, string paramName)
        => value is null ? null : CheckName(value, paramName);

    /// <summary>Free text: not blank; kept as given (new lines allowed).</summary>
    internal static string CheckText([NotNull] string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        return value;
    }

    /// <summary>Free text when given: <see langword="null"/>, or not blank.</summary>
    internal static string? CheckOptionalText(string? value, string paramName)
        => value is not null && string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("The text is optional, but when given it must not be blank.", paramName)
            : value;

    /// <summary>Every item is free text (see <see cref="CheckText"/>).</summary>
    internal static ValueList<string> CheckTexts(ValueList<string> values, string paramName)
    {
        foreach (var value in values)
        {
            _ = CheckText(value, paramName);
        }

        return values;
    }

    /// <summary>A defined value of its enum.</summary>
    internal static TEnum CheckDefined<TEnum>(TEnum value, string paramName)
        where TEnum : struct, Enum
        => Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value, $"Not a {typeof(TEnum).Name}: use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    /// <summary>A list without two equal items.</summary>
    internal static ValueList<T> CheckDistinct<T>(ValueList<T> values, string paramName)
    {
        var seen = new HashSet<T>();
        foreach (var value in values)
        {
            if (!seen.Add(value))
            {
                throw new ArgumentException($"{value} is listed twice.", paramName);
            }
        }

        return values;
    }
}
