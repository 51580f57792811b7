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
    /// <param name="value">The text: non-empty, at most <see cref="InputLimits.IdLength"/> characters (<see cref="InputLimits.StreamIdLength"/> for a stream id, <see cref="InputLimits.CommandIdLength"/> for a command id), no leading or trailing white space, no control, bidirectional or invisible formatting characters, well-formed UTF-16.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="InputLimitException"><paramref name="value"/> is not a valid identifier.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    static abstract TSelf From(string value);
}

/// <summary>Validation shared by every string identifier: <see cref="Preconditions.CheckIdText"/> with the id's limit.</summary>
internal static class StringId
{
    internal static string Require([NotNull] string? value, string idType)
        => Preconditions.CheckIdText(value, idType, InputLimits.IdLength);

    internal static string Require([NotNull] string? value, string idType, int maxLength)
        => Preconditions.CheckIdText(value, idType, maxLength);
}
