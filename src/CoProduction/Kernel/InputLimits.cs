namespace CoProduction;

/// <summary>
/// The documented limits of what the library accepts, at the API and when it reads stored events
/// or archives back: a value over a limit is refused with an <see cref="InputLimitException"/> naming
/// the limit, and nothing changes.
/// </summary>
/// <remarks>
/// The limits keep every record small enough to store, read, show and compare without surprise: a
/// 16 MB name is a mistake or an attack, never a site's name. Ids and names are one line of visible
/// text: control characters, bidirectional overrides and invisible formatting characters (zero-width
/// spaces and joiners, Unicode category Cf) are refused there, because they make two different
/// values look the same. Free text keeps new lines and tabs. Every value must be well-formed UTF-16
/// (no lone surrogate), so that it is stored and read back unchanged by every store. See
/// <c>docs/limits.md</c> for the table of bad inputs and the errors they get.
/// </remarks>
public static class InputLimits
{
    /// <summary>The longest id of a programme, site, member, cycle, activity, protocol, amendment, deviation, dilemma, committee or meeting series: 128 characters.</summary>
    public const int IdLength = 128;

    /// <summary>The longest stream id (<c>{category}-{id}</c>): 200 characters.</summary>
    public const int StreamIdLength = 200;

    /// <summary>The longest command id: 200 characters.</summary>
    public const int CommandIdLength = 200;

    /// <summary>The longest name of a named actor (<see cref="Actor.Named"/>): 200 characters.</summary>
    public const int ActorNameLength = 200;

    /// <summary>The longest name or title (a site's name, a member's display name, a protocol's title, a cycle's focus, a planned activity's title): 200 characters.</summary>
    public const int NameLength = 200;

    /// <summary>The longest free text (a reason, a note, an insight, a description, a final report): 10,000 characters.</summary>
    public const int TextLength = 10_000;

    /// <summary>The most items in one list given to a command (attendees, insights, scope items, partner institutions): 1,000.</summary>
    public const int ListCount = 1_000;

    /// <summary>The longest time-zone id looked up: 64 characters (the longest IANA id has 32); a longer one is unknown at once, without a search for suggestions.</summary>
    public const int ZoneIdLength = 64;

    /// <summary>The most characters of a refused input echoed in an error message: 64, with hidden characters shown as <c>\uXXXX</c>.</summary>
    public const int EchoLength = 64;
}
