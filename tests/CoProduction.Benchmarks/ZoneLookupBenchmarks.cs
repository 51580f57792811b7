using System;
using BenchmarkDotNet.Attributes;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Benchmarks;

/// <summary>
/// (issue 16) An unknown time-zone id is answered, with its suggestions, in under a millisecond whatever its length:
/// a typo, 64 characters inside a region (the most ids compared), 64 characters in no region, and one megabyte.
/// Each run is one <see cref="TimeZoneIds.Find"/> that throws <see cref="UnknownTimeZoneException"/>.
/// </summary>
[MemoryDiagnoser]
public class ZoneLookupBenchmarks
{
    private readonly IDateTimeZoneProvider zones = DateTimeZoneProviders.Tzdb;
    private readonly string typo = "Africa/Nairobbi";
    private readonly string regional = "America/" + new string('x', 56);
    private readonly string noRegion = new('q', 64);
    private readonly string megabyte = "Africa/" + new string('z', 1 << 20);

    /// <summary>A known id, for scale: the provider's own lookup.</summary>
    [Benchmark]
    public DateTimeZone Zone_lookup_known_id() => TimeZoneIds.Find(zones, "Africa/Nairobi");

    /// <summary>A one-letter typo: suggestions found.</summary>
    [Benchmark]
    public int Zone_lookup_unknown_typo() => Unknown(typo);

    /// <summary>64 characters after <c>America/</c>: every id of the largest region is compared.</summary>
    [Benchmark]
    public int Zone_lookup_unknown_64_characters_in_a_region() => Unknown(regional);

    /// <summary>64 characters with no region: out of reach of every id by length.</summary>
    [Benchmark]
    public int Zone_lookup_unknown_64_characters_without_a_region() => Unknown(noRegion);

    /// <summary>One megabyte: only its first 64 characters are compared.</summary>
    [Benchmark]
    public int Zone_lookup_unknown_one_megabyte() => Unknown(megabyte);

    private int Unknown(string id)
    {
        try
        {
            TimeZoneIds.Find(zones, id);
            throw new InvalidOperationException($"'{id[..Math.Min(id.Length, 20)]}' was found");
        }
        catch (UnknownTimeZoneException e)
        {
            return e.Suggestions.Count;
        }
    }
}
