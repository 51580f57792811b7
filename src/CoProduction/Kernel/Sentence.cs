using System;

namespace CoProduction;

/// <summary>The one way the library turns a phrase into the sentence a user reads.</summary>
internal static class Sentence
{
    /// <summary>The phrase with its first letter upper-case (invariant culture), for example "no action is recorded yet" → "No action is recorded yet".</summary>
    internal static string Capitalize(string phrase)
        => phrase.Length == 0 || !char.IsLower(phrase[0]) ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];
}
