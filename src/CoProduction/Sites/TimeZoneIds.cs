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

        // Each distance is one bit-parallel pass over the id (the wanted text is at most 64 characters, one machine word).
        var whole = new Pattern(wanted);
        var afterRegion = region is null ? null : new Pattern(wanted[region.Length..]);
        var best = new List<(int Distance, int OtherRegion, string Id)>(MaxSuggestions + 1);
        foreach (var zone in index.Zones)
        {
            var sameRegion = region is not null && zone.Upper.StartsWith(region, StringComparison.Ordinal);

            // The distance is at least the difference in length: most ids are out of reach without a comparison.
            if (!sameRegion && Math.Abs(wanted.Length - zone.Upper.Length) > threshold && (zone.CityStart < 0 || Math.Abs(wanted.Length - (zone.Upper.Length - zone.CityStart)) > threshold))
            {
                continue;
            }

            // A shared region prefix changes no edit distance: compare what follows it.
            var distance = sameRegion ? afterRegion!.DistanceTo(zone.Upper.AsSpan(region!.Length)) : whole.DistanceTo(zone.Upper);
            if (zone.CityStart >= 0)
            {
                distance = Math.Min(distance, whole.DistanceTo(zone.Upper.AsSpan(zone.CityStart)));
            }

            if (distance <= threshold || sameRegion)
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

    /// <summary>Levenshtein distance (insert, delete, substitute each cost 1) from one text to others.</summary>
    internal static int EditDistance(string a, string b) => new Pattern(a).DistanceTo(b);

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

    /// <summary>
    /// A text of at most 64 characters prepared for Myers' bit-parallel edit distance (Hyyrö's formulation for the
    /// distance between two whole strings): one 64-bit word holds a column of the distance table, so comparing it with
    /// a text of n characters takes n steps whatever the pattern's length.
    /// </summary>
    private sealed class Pattern
    {
        private readonly string text;
        private readonly ulong[] ascii = new ulong[128];

        public Pattern(string text)
        {
            System.Diagnostics.Debug.Assert(text.Length <= 64, "patterns are bounded by InputLimits.ZoneIdLength");
            this.text = text;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] < 128)
                {
                    ascii[text[i]] |= 1UL << i;
                }
            }
        }

        public int DistanceTo(ReadOnlySpan<char> other)
        {
            var m = text.Length;
            if (m == 0)
            {
                return other.Length;
            }

            var last = 1UL << (m - 1);
            ulong pv = ulong.MaxValue, mv = 0;
            var score = m;
            foreach (var c in other)
            {
                var eq = c < 128 ? ascii[c] : Matches(c);
                var xv = eq | mv;
                var xh = (((eq & pv) + pv) ^ pv) | eq;
                var ph = mv | ~(xh | pv);
                var mh = pv & xh;
                if ((ph & last) != 0)
                {
                    score++;
                }
                else if ((mh & last) != 0)
                {
                    score--;
                }

                ph = (ph << 1) | 1;
                mh <<= 1;
                pv = mh | ~(xv | ph);
                mv = ph & xv;
            }

            return score;
        }

        private ulong Matches(char c)
        {
            var bits = 0UL;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == c)
                {
                    bits |= 1UL << i;
                }
            }

            return bits;
        }
    }
}
