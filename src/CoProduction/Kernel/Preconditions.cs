using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace CoProduction;

/// <summary>
/// The one place arguments are checked, with the same exceptions and messages everywhere: ids are
/// not <c>default</c> and their text is a short line of visible characters; names and titles are one
/// line, not blank and not padded; free text is not blank; every text is within its limit
/// (<see cref="InputLimits"/>) and well-formed UTF-16; lists are within <see cref="InputLimits.ListCount"/>;
/// enums are defined values. Nothing is trimmed or blanked: input is kept as given, or refused with an
/// <see cref="InputLimitException"/> naming the rule and the limit.
/// </summary>
/// <remarks>Stored events are read back through the same checks (<c>EventFieldChecks</c>), so replay accepts what commands accept, no more.</remarks>
internal static class Preconditions
{
    private static readonly SearchValues<char> BidiControls = SearchValues.Create("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>Refuses a <c>default</c> id (one not built by its constructor).</summary>
    internal static TId CheckId<TId>(TId id, string paramName)
        where TId : struct, IStringId<TId>
        => id.Value is null
            ? throw new ArgumentException($"A {typeof(TId).Name} is required; this one is the default, empty value: create ids with their constructor.", paramName)
            : id;

    /// <summary>A list of ids, none <c>default</c> and none twice, of at most <see cref="InputLimits.ListCount"/> (the links a ledger record draws on).</summary>
    internal static ValueList<TId> CheckIds<TId>(ValueList<TId> ids, string paramName)
        where TId : struct, IStringId<TId>
    {
        foreach (var id in ids)
        {
            CheckId(id, paramName);
        }

        return CheckDistinct(ids, paramName);
    }

    /// <summary>Refuses a <c>default</c> id when one is given.</summary>
    internal static TId? CheckOptionalId<TId>(TId? id, string paramName)
        where TId : struct, IStringId<TId>
        => id is { } value ? CheckId(value, paramName) : null;

    /// <summary>The text of an id (or of a stream id, a command id, an actor's name): not null, not blank, not padded, at most <paramref name="maxLength"/> characters, one line of visible, well-formed text.</summary>
    /// <param name="value">The text.</param>
    /// <param name="what">What it is, for messages, for example <c>SiteId</c>.</param>
    /// <param name="maxLength">The limit, from <see cref="InputLimits"/>.</param>
    /// <param name="paramName">The parameter holding it.</param>
    /// <returns>The text, unchanged.</returns>
    internal static string CheckIdText([NotNull] string? value, string what, int maxLength, string paramName = "value")
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, $"A {what} needs a value; null was given.");
        }

        return CheckLine(value, "a " + what, maxLength, paramName);
    }

    /// <summary>A name or title: one line of visible, well-formed text, not blank, not padded, at most <see cref="InputLimits.NameLength"/> characters.</summary>
    internal static string CheckName([NotNull] string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        return CheckLine(value, "a name or title", InputLimits.NameLength, paramName);
    }

    /// <summary>A name or title when one is given (see <see cref="CheckName"/>).</summary>
    internal static string? CheckOptionalName(string? value, string paramName)
        => value is null ? null : CheckName(value, paramName);

    /// <summary>Free text: not blank, at most <see cref="InputLimits.TextLength"/> characters, well-formed, no control characters but new lines and tabs; kept as given.</summary>
    internal static string CheckText([NotNull] string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        const string What = "free text";
        if (value.Length > InputLimits.TextLength)
        {
            throw TooLong(value, What, InputLimits.TextLength, paramName);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw Blank(value, What, paramName);
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                throw Hidden(value, What, InputRule.ControlCharacter, i, paramName);
            }

            if (char.IsSurrogate(c) && !IsPairAt(value, ref i))
            {
                throw Hidden(value, What, InputRule.NotWellFormed, i, paramName);
            }
        }

        return value;
    }

    /// <summary>Free text when given: <see langword="null"/>, or free text (see <see cref="CheckText"/>).</summary>
    internal static string? CheckOptionalText(string? value, string paramName)
        => value is null ? null : CheckText(value, paramName);

    /// <summary>Every item is free text (see <see cref="CheckText"/>), and there are at most <see cref="InputLimits.ListCount"/>.</summary>
    internal static ValueList<string> CheckTexts(ValueList<string> values, string paramName)
    {
        _ = CheckCount(values, paramName);
        foreach (var value in values)
        {
            _ = CheckText(value, paramName);
        }

        return values;
    }

    /// <summary>Every item is a name (see <see cref="CheckName"/>), each once, and there are at most <see cref="InputLimits.ListCount"/>.</summary>
    internal static ValueList<string> CheckNames(ValueList<string> values, string paramName)
    {
        _ = CheckCount(values, paramName);
        foreach (var value in values)
        {
            _ = CheckName(value, paramName);
        }

        return CheckDistinct(values, paramName);
    }

    /// <summary>A list of at most <see cref="InputLimits.ListCount"/> items.</summary>
    internal static ValueList<T> CheckCount<T>(ValueList<T> values, string paramName)
        => values.Count > InputLimits.ListCount
            ? throw new InputLimitException(
                paramName,
                "a list",
                InputRule.TooMany,
                InputLimits.ListCount,
                null,
                string.Create(CultureInfo.InvariantCulture, $"it has {values.Count:N0} items"))
            : values;

    /// <summary>A quantity (hours, an amount of money): not negative (and above zero unless <paramref name="zeroAllowed"/>), at most <paramref name="max"/>, with at most <paramref name="decimals"/> decimal places.</summary>
    /// <param name="value">The quantity.</param>
    /// <param name="what">What it is, for messages, for example <c>person-hours</c>.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <param name="decimals">The decimal places accepted.</param>
    /// <param name="zeroAllowed">Whether zero is accepted.</param>
    /// <param name="paramName">The parameter holding it.</param>
    /// <returns>The quantity, unchanged.</returns>
    internal static decimal CheckQuantity(decimal value, string what, decimal max, int decimals, bool zeroAllowed, string paramName)
    {
        if (value < 0 || (value == 0 && !zeroAllowed) || value > max)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                string.Create(CultureInfo.InvariantCulture, $"{what} are {(zeroAllowed ? "zero or more" : "more than zero")} and at most {max:N0}; {value} was given."));
        }

        if (value != Math.Round(value, decimals))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                string.Create(CultureInfo.InvariantCulture, $"{what} have at most {decimals} decimal places; {value} was given."));
        }

        return value;
    }

    /// <summary>A defined value of its enum.</summary>
    internal static TEnum CheckDefined<TEnum>(TEnum value, string paramName)
        where TEnum : struct, Enum
        => Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(paramName, value, $"Not a {typeof(TEnum).Name}: use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");

    /// <summary>A list without two equal items, of at most <see cref="InputLimits.ListCount"/>.</summary>
    /// <remarks>The one check of repeats: every list the library takes where a repeat makes no sense comes here (or to <see cref="CheckDistinctBy"/>), and a repeat is never silently dropped.</remarks>
    internal static ValueList<T> CheckDistinct<T>(ValueList<T> values, string paramName)
        => CheckDistinctBy(values, static value => value, paramName);

    /// <summary>A list in which no two items share a key (two lengths for one stage, two decisions for one activity), of at most <see cref="InputLimits.ListCount"/>.</summary>
    /// <param name="values">The list.</param>
    /// <param name="key">What must not repeat.</param>
    /// <param name="paramName">The parameter holding the list.</param>
    /// <returns>The list, unchanged.</returns>
    internal static ValueList<T> CheckDistinctBy<T, TKey>(ValueList<T> values, Func<T, TKey> key, string paramName)
    {
        _ = CheckCount(values, paramName);
        var seen = new HashSet<TKey>();
        foreach (var value in values)
        {
            var k = key(value);
            if (!seen.Add(k))
            {
                throw Repeated(k, paramName);
            }
        }

        return values;
    }

    /// <summary>The error for an item (or a key) a list holds twice: <see cref="InputRule.Repeated"/>, naming the parameter and echoing the item.</summary>
    /// <param name="value">The repeated item or key.</param>
    /// <param name="paramName">The parameter holding the list.</param>
    /// <returns>The exception, to throw.</returns>
    internal static InputLimitException Repeated(object? value, string paramName)
        => new(paramName, "a list", InputRule.Repeated, 0, value is null ? "null" : Convert.ToString(value, CultureInfo.InvariantCulture), "it lists this item twice");

    /// <summary>Whether <paramref name="value"/> breaks a rule of ids and names, and which (for tests and the docs: the rule a check would name).</summary>
    internal static InputRule? FindLineProblem(string value, int maxLength, out int index)
    {
        index = -1;
        if (value.Length > maxLength)
        {
            return InputRule.TooLong;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return InputRule.Blank;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            index = i;
            if (char.IsControl(c))
            {
                return InputRule.ControlCharacter;
            }

            if (IsBidiControl(c))
            {
                return InputRule.BidiOverride;
            }

            if (char.IsSurrogate(c))
            {
                if (!IsPairAt(value, ref i))
                {
                    return InputRule.NotWellFormed;
                }

                if (Rune.GetUnicodeCategory(new Rune(value[i - 1], value[i])) == UnicodeCategory.Format)
                {
                    index = i - 1;
                    return InputRule.ZeroWidth;
                }

                continue;
            }

            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    return InputRule.ControlCharacter;
                case UnicodeCategory.Format:
                    return InputRule.ZeroWidth;
            }
        }

        index = char.IsWhiteSpace(value[0]) ? 0 : value.Length - 1;
        return char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) ? InputRule.Padded : null;
    }

    private static bool IsBidiControl(char c) => BidiControls.Contains(c);

    /// <summary>Whether a surrogate at <paramref name="i"/> starts a pair; when it does, <paramref name="i"/> moves to its low half.</summary>
    private static bool IsPairAt(string value, ref int i)
    {
        if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
        {
            i++;
            return true;
        }

        return false;
    }

    private static string CheckLine(string value, string what, int maxLength, string paramName)
    {
        if (FindLineProblem(value, maxLength, out var index) is not { } rule)
        {
            return value;
        }

        throw rule switch
        {
            InputRule.TooLong => TooLong(value, what, maxLength, paramName),
            InputRule.Blank => Blank(value, what, paramName),
            InputRule.Padded => new InputLimitException(paramName, what, rule, 0, value, "it starts or ends with white space"),
            _ => Hidden(value, what, rule, index, paramName),
        };
    }

    /// <summary>The error for a blank <paramref name="value"/> (empty or white space only).</summary>
    internal static InputLimitException Blank(string value, string what, string paramName)
        => new(paramName, what, InputRule.Blank, 0, value, "it is empty or white space only");

    private static InputLimitException TooLong(string value, string what, int limit, string paramName)
        => new(paramName, what, InputRule.TooLong, limit, value, string.Create(CultureInfo.InvariantCulture, $"it has {value.Length:N0} characters"));

    private static InputLimitException Hidden(string value, string what, InputRule rule, int index, string paramName)
        => new(paramName, what, rule, 0, value, string.Create(CultureInfo.InvariantCulture, $"it has U+{(int)value[index]:X4} at index {index}"));
}
