using System;
using System.Diagnostics.CodeAnalysis;

namespace CoProduction;

/// <summary>
/// A strongly typed identifier whose value is a short, stable, case-sensitive string
/// (for example <c>kilifi</c> or <c>KWTRP-2</c>).
/// </summary>
/// <typeparam name="TSelf">The identifier type.</typeparam>
public interface IStringId<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IStringId<TSelf>
{
    /// <summary>Gets the identifier's text; never null, empty or padded with white space for a constructed id.</summary>
    string Value { get; }

    /// <summary>Creates the identifier from its text.</summary>
    /// <param name="value">The text: non-empty, at most 200 characters, no leading or trailing white space, no control characters.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid identifier.</exception>
    static abstract TSelf From(string value);
}

/// <summary>Validation shared by every string identifier.</summary>
internal static class StringId
{
    internal const int MaxLength = 200;

    internal static string Require([NotNull] string? value, string idType)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value), $"A {idType} needs a value; null was given.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"A {idType} cannot be empty or white space.", nameof(value));
        }

        if (value.Length > MaxLength)
        {
            throw new ArgumentException($"A {idType} is at most {MaxLength} characters; '{value[..20]}…' has {value.Length}.", nameof(value));
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            throw new ArgumentException($"A {idType} cannot start or end with white space: '{value}'.", nameof(value));
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                throw new ArgumentException($"A {idType} cannot contain control characters: '{value}'.", nameof(value));
            }
        }

        return value;
    }
}
