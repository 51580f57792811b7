using System;
using System.Collections.Generic;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>Finds IANA time-zone ids in an injected provider and suggests close ids for unknown ones.</summary>
public static class TimeZoneIds
{
    private const int MaxSuggestions = 3;

    /// <summary>Each provider's ids, prepared once: a provider's ids do not change.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDateTimeZoneProvider, ZoneIndex> Indexes = new();

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
        return known ?? throw new UnknownTimeZoneException(zoneId, zones.VersionId, Suggest(Indexes.GetValue(zones, static z => new ZoneIndex(z.Ids)), zoneId));
    }

    /// <summary>
    /// The closest ids: ranked by the smaller of the edit distance to the whole id and to its last
    /// segment (so <c>Nairobi</c> finds <c>Africa/Nairobi</c>), ignoring case; ties go to ids in the
    /// same region (<c>Africa/…</c>), then ordinal order. Ids further than a third of the length away
    /// are only suggested when they share the region prefix.
    /// </summary>
    internal static IReadOnlyList<string> Suggest(IEnumerable<string> ids, string zoneId) => Suggest(new ZoneIndex(ids), zoneId);

    private static IReadOnlyList<string> Suggest(ZoneIndex index, string zoneId)
    {
        var bounded = zoneId.Length <= InputLimits.ZoneIdLength ? zoneId : zoneId[..InputLimits.ZoneIdLength];
        var wanted = bounded.Trim().ToUpperInvariant();
        var slash = wanted.IndexOf('/', StringComparison.Ordinal);
        var region = slash > 0 ? wanted[..(slash + 1)] : null;
        var threshold = Math.Max(2, wanted.Length / 3);

        // The best MaxSuggestions so far, in rank order; a candidate further than the last of them cannot enter,
        // so its distance is only computed up to that bound (most comparisons stop after a few rows).
        var best = new List<(int Distance, int OtherRegion, string Id)>(MaxSuggestions + 1);
        var buffers = new EditBuffers(wanted.Length);
        foreach (var zone in index.Zones)
        {
            var sameRegion = region is not null && zone.Upper.StartsWith(region, StringComparison.Ordinal);

            // The distance is at least the difference in length: most ids are out of reach without a comparison.
            if (!sameRegion && Math.Abs(wanted.Length - zone.Upper.Length) > threshold && (zone.CityStart < 0 || Math.Abs(wanted.Length - (zone.Upper.Length - zone.CityStart)) > threshold))
            {
                continue;
            }

            var reach = sameRegion ? int.MaxValue - 1 : threshold;
            if (best.Count == MaxSuggestions)
            {
                reach = Math.Min(reach, best[^1].Distance);
            }

            // A shared region prefix changes no edit distance: compare what follows it.
            var distance = sameRegion
                ? EditDistance(wanted.AsSpan(region!.Length), zone.Upper.AsSpan(region.Length), reach, buffers)
                : EditDistance(wanted, zone.Upper, reach, buffers);
            if (zone.CityStart >= 0 && distance > 0)
            {
                distance = Math.Min(distance, EditDistance(wanted, zone.Upper.AsSpan(zone.CityStart), Math.Min(reach, distance), buffers));
            }

            if (distance <= reach)
            {
                Insert(best, (distance, sameRegion ? 0 : 1, zone.Id));
            }
        }

        var result = new List<string>(best.Count);
        foreach (var (_, _, id) in best)
        {
            result.Add(id);
        }

        return result;
    }

    /// <summary>Puts a candidate in rank order (distance, same region first, ordinal) and keeps the best <see cref="MaxSuggestions"/>.</summary>
    private static void Insert(List<(int Distance, int OtherRegion, string Id)> best, (int Distance, int OtherRegion, string Id) candidate)
    {
        var at = best.Count;
        while (at > 0 && Compare(candidate, best[at - 1]) < 0)
        {
            at--;
        }

        if (at < MaxSuggestions)
        {
            best.Insert(at, candidate);
            if (best.Count > MaxSuggestions)
            {
                best.RemoveAt(best.Count - 1);
            }
        }
    }

    private static int Compare((int Distance, int OtherRegion, string Id) a, (int Distance, int OtherRegion, string Id) b)
    {
        var c = a.Distance.CompareTo(b.Distance);
        c = c != 0 ? c : a.OtherRegion.CompareTo(b.OtherRegion);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>
    /// Levenshtein distance (insert, delete, substitute each cost 1) when it is at most <paramref name="bound"/>, otherwise any value above it: the rows stop
    /// as soon as every cell of one exceeds the bound, since later rows can only grow.
    /// </summary>
    private static int EditDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int bound, EditBuffers buffers)
    {
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return bound + 1;
        }

        var (previous, current) = buffers.Rows(b.Length + 1);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > bound)
            {
                return bound + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>A provider's ids with their upper-case forms and where their last segment starts, computed once per provider.</summary>
    private sealed class ZoneIndex(IEnumerable<string> ids)
    {
        public IReadOnlyList<(string Id, string Upper, int CityStart)> Zones { get; } = Build(ids);

        private static List<(string Id, string Upper, int CityStart)> Build(IEnumerable<string> ids)
        {
            var zones = new List<(string Id, string Upper, int CityStart)>();
            foreach (var id in ids)
            {
                var upper = id.ToUpperInvariant();
                var lastSlash = upper.LastIndexOf('/');
                zones.Add((id, upper, lastSlash < 0 ? -1 : lastSlash + 1));
            }

            return zones;
        }
    }

    /// <summary>The two rows of the distance table, reused across the comparisons of one suggestion.</summary>
    private sealed class EditBuffers(int length)
    {
        private int[] previous = new int[length + 1];
        private int[] current = new int[length + 1];

        public (int[] Previous, int[] Current) Rows(int length)
        {
            if (previous.Length < length)
            {
                previous = new int[length * 2];
                current = new int[length * 2];
            }

            return (previous, current);
        }
    }
}
