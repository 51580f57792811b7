using System;
using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>Finds IANA time-zone ids in an injected provider and suggests close ids for unknown ones.</summary>
public static class TimeZoneIds
{
    private const int MaxSuggestions = 3;

    /// <summary>The zone of an IANA id, for example one typed by a person when a site is registered.</summary>
    /// <param name="zones">The app's time-zone provider (tzdb).</param>
    /// <param name="zoneId">The id, for example <c>Africa/Nairobi</c>.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="UnknownTimeZoneException"><paramref name="zones"/> does not know the id; the closest ids are suggested.</exception>
    /// <exception cref="InputLimitException"><paramref name="zoneId"/> is blank.</exception>
    /// <remarks>
    /// An unknown id of any length is answered at once: only its first <see cref="InputLimits.ZoneIdLength"/>
    /// characters are compared with the provider's ids for suggestions, and the message echoes at most
    /// <see cref="InputLimits.EchoLength"/> of them.
    /// </remarks>
    [System.Diagnostics.Contracts.Pure]
    public static DateTimeZone Find(IDateTimeZoneProvider zones, string zoneId)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(zoneId);
        if (string.IsNullOrWhiteSpace(zoneId))
        {
            throw Preconditions.Blank(zoneId, "a time-zone id", nameof(zoneId));
        }

        var known = zoneId.Length <= InputLimits.ZoneIdLength ? zones.GetZoneOrNull(zoneId) : null;
        return known ?? throw new UnknownTimeZoneException(zoneId, zones.VersionId, Suggest(zones.Ids, zoneId));
    }

    /// <summary>
    /// The closest ids: ranked by the smaller of the edit distance to the whole id and to its last
    /// segment (so <c>Nairobi</c> finds <c>Africa/Nairobi</c>), ignoring case; ties go to ids in the
    /// same region (<c>Africa/…</c>), then ordinal order. Ids further than a third of the length away
    /// are only suggested when they share the region prefix.
    /// </summary>
    internal static IReadOnlyList<string> Suggest(IEnumerable<string> ids, string zoneId)
    {
        var bounded = zoneId.Length <= InputLimits.ZoneIdLength ? zoneId : zoneId[..InputLimits.ZoneIdLength];
        var wanted = bounded.Trim().ToUpperInvariant();
        var slash = wanted.IndexOf('/', StringComparison.Ordinal);
        var region = slash > 0 ? wanted[..(slash + 1)] : null;
        var threshold = Math.Max(2, wanted.Length / 3);
        var ranked = new List<(int Distance, int OtherRegion, string Id)>();
        foreach (var id in ids)
        {
            var upper = id.ToUpperInvariant();
            var lastSlash = upper.LastIndexOf('/');
            var sameRegion = region is not null && upper.StartsWith(region, StringComparison.Ordinal);
            var city = lastSlash < 0 ? 0 : upper.Length - lastSlash - 1;

            // The distance is at least the difference in length: most ids are out of reach without a comparison.
            if (!sameRegion && Math.Abs(wanted.Length - upper.Length) > threshold && (lastSlash < 0 || Math.Abs(wanted.Length - city) > threshold))
            {
                continue;
            }

            var distance = Math.Min(
                EditDistance(wanted, upper),
                lastSlash < 0 ? int.MaxValue : EditDistance(wanted, upper[(lastSlash + 1)..]));
            if (distance <= threshold || sameRegion)
            {
                ranked.Add((distance, sameRegion ? 0 : 1, id));
            }
        }

        ranked.Sort((a, b) =>
        {
            var c = a.Distance.CompareTo(b.Distance);
            c = c != 0 ? c : a.OtherRegion.CompareTo(b.OtherRegion);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });

        var result = new List<string>(MaxSuggestions);
        for (var i = 0; i < ranked.Count && result.Count < MaxSuggestions; i++)
        {
            result.Add(ranked[i].Id);
        }

        return result;
    }

    /// <summary>Levenshtein distance (insert, delete, substitute each cost 1).</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
