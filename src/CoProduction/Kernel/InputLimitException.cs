using System;
using System.Globalization;
using System.Text;

namespace CoProduction;

/// <summary>
/// An input broke one of the documented limits (<see cref="InputLimits"/>): blank or padded, too long,
/// with a hidden or control character, not well-formed UTF-16, or a list with too many items. Nothing
/// was changed. The message names the parameter, the rule and the limit, and echoes at most
/// <see cref="InputLimits.EchoLength"/> characters of the input, hidden characters shown as <c>\uXXXX</c>.
/// </summary>
/// <remarks>
/// It is an <see cref="ArgumentException"/>, so code that catches argument errors keeps working; read
/// stored events get the same checks and report a broken value as a corrupt payload, with this
/// exception inside.
/// </remarks>
public sealed class InputLimitException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="paramName">The parameter (or property, or JSON field) that holds the input.</param>
    /// <param name="what">What the input is, for example <c>a name or title</c> or <c>a SiteId</c>.</param>
    /// <param name="rule">The rule broken.</param>
    /// <param name="limit">The limit: a length, a count, or 0 when the rule has none.</param>
    /// <param name="input">The refused input (echoed truncated), or <see langword="null"/> for none.</param>
    /// <param name="detail">What exactly is wrong, as a sentence (for example <c>it has U+202E at index 3</c>).</param>
    public InputLimitException(string? paramName, string what, InputRule rule, int limit, string? input, string detail)
        : base(Compose(what, rule, limit, input, detail), paramName)
    {
        Rule = rule;
        Limit = limit;
        Echo = input is null ? null : Show(input);
    }

    /// <summary>Gets the rule broken.</summary>
    public InputRule Rule { get; }

    /// <summary>Gets the limit broken: a length or a count; 0 when the rule has none (a blank value, a hidden character).</summary>
    public int Limit { get; }

    /// <summary>Gets the input as echoed: at most <see cref="InputLimits.EchoLength"/> characters, hidden characters as <c>\uXXXX</c>; <see langword="null"/> when there was none.</summary>
    public string? Echo { get; }

    /// <summary>The input as shown in messages: at most <see cref="InputLimits.EchoLength"/> characters, control, format, surrogate and non-space white-space characters as <c>\uXXXX</c>, and the full length when cut.</summary>
    /// <param name="input">The input.</param>
    /// <returns>The text to show.</returns>
    internal static string Show(string input)
    {
        var shown = new StringBuilder(Math.Min(input.Length, InputLimits.EchoLength) + 16);
        var end = Math.Min(input.Length, InputLimits.EchoLength);
        for (var i = 0; i < end; i++)
        {
            var c = input[i];
            if (IsHidden(c))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        if (input.Length > end)
        {
            shown.Append(CultureInfo.InvariantCulture, $"… ({input.Length:N0} characters)");
        }

        return shown.ToString();
    }

    private static bool IsHidden(char c)
        => char.IsControl(c) || char.IsSurrogate(c) || (char.IsWhiteSpace(c) && c != ' ')
            || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string Compose(string what, InputRule rule, int limit, string? input, string detail)
    {
        var echoed = input is null ? string.Empty : $" '{Show(input)}'";
        var allowed = rule switch
        {
            InputRule.Blank => "give a value that is not blank",
            InputRule.Padded => "give it without leading or trailing white space: nothing is trimmed",
            InputRule.TooLong => string.Create(CultureInfo.InvariantCulture, $"the limit is {limit:N0} characters (InputLimits)"),
            InputRule.TooMany => string.Create(CultureInfo.InvariantCulture, $"the limit is {limit:N0} items (InputLimits.ListCount)"),
            InputRule.ControlCharacter => "ids and names are one line without control characters; free text may hold new lines and tabs",
            InputRule.BidiOverride => "bidirectional controls make text display in another order than it is stored, so ids and names refuse them",
            InputRule.ZeroWidth => "invisible characters make two different values look the same, so ids and names refuse them",
            InputRule.NotWellFormed => "text must be well-formed UTF-16 (no lone surrogate) to be stored and read back unchanged",
            InputRule.Repeated => "list each item once",
            _ => "give a plausible value",
        };
        return $"Refused {what}{echoed}: {detail} ({rule}: {allowed}).";
    }
}
