using System;
using System.Collections.Generic;
using System.Linq;

namespace CoProduction.Sites;

/// <summary>
/// A time-zone id is not known to the injected <see cref="NodaTime.IDateTimeZoneProvider"/> (tzdb):
/// nothing was registered, and <see cref="Suggestions"/> lists the closest valid ids.
/// </summary>
public sealed class UnknownTimeZoneException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="zoneId">The id that was given.</param>
    /// <param name="providerVersion">The provider's version, for example <c>TZDB: 2025b</c>.</param>
    /// <param name="suggestions">The closest valid ids, best first; may be empty.</param>
    public UnknownTimeZoneException(string zoneId, string providerVersion, IEnumerable<string> suggestions)
        : this(zoneId, providerVersion, (suggestions ?? throw new ArgumentNullException(nameof(suggestions))).ToArray())
    {
    }

    private UnknownTimeZoneException(string zoneId, string providerVersion, string[] suggestions)
        : base(Compose(zoneId, providerVersion, suggestions))
    {
        ZoneId = zoneId;
        Suggestions = suggestions;
    }

    /// <summary>Gets the id that was given, whole (the message echoes at most <see cref="InputLimits.EchoLength"/> characters of it).</summary>
    public string ZoneId { get; }

    /// <summary>Gets the closest valid ids, best first (same city, then smallest edit distance, then same region); may be empty.</summary>
    public IReadOnlyList<string> Suggestions { get; }

    private static string Compose(string zoneId, string providerVersion, string[] suggestions)
    {
        var instead = suggestions.Length == 0
            ? "Use an IANA id such as 'Africa/Nairobi' or 'Africa/Johannesburg'."
            : "Did you mean " + string.Join(", ", suggestions.Select(s => $"'{s}'")) + "?";
        var tooLong = zoneId.Length > InputLimits.ZoneIdLength
            ? $" (an IANA id has at most {InputLimits.ZoneIdLength} characters here)"
            : string.Empty;
        return $"Cannot use time zone '{InputLimitException.Show(zoneId)}': it is not an id of {providerVersion}{tooLong}. {instead}";
    }
}
