using System;
using System.Linq;
using CoProduction.Sites;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CoProduction.Tests.Sites;

/// <summary>The suggestions for unknown zone ids rest on one edit distance, computed bit-parallel; it must be Levenshtein's.</summary>
public sealed class TimeZoneIdsProperties
{
    // Zone-id letters, a few others, and a non-ASCII letter (compared outside the ASCII table).
    private static readonly Gen<string> Text =
        Gen.Elements("AEIOUNRSTBY/_-0é".ToCharArray()).ArrayOf().Select(c => new string([.. c.Take(64)]));

    [Property(MaxTest = 2000)]
    public Property The_bit_parallel_edit_distance_is_the_levenshtein_distance()
        => Prop.ForAll(Text.ToArbitrary(), Text.ToArbitrary(), (a, b) => TimeZoneIds.EditDistance(a, b) == Levenshtein(a, b));

    [Fact]
    public void The_distance_is_exact_at_the_length_limit_and_between_texts_with_nothing_in_common()
    {
        var long64 = new string('A', 64);
        Assert.Equal(64, TimeZoneIds.EditDistance(long64, string.Empty));
        Assert.Equal(5, TimeZoneIds.EditDistance(string.Empty, "NAIRO"));
        Assert.Equal(64, TimeZoneIds.EditDistance(long64, new string('B', 64)));
        Assert.Equal(1, TimeZoneIds.EditDistance("AFRICA/NAIROBBI", "AFRICA/NAIROBI"));
    }

    [Fact]
    public void Suggestions_for_typos_and_cities_come_from_every_provider_s_ids()
    {
        Assert.Equal("Africa/Nairobi", TimeZoneIds.Suggest(DateTimeZoneProviders.Tzdb.Ids, "africa/nairobbi")[0]);
        Assert.Equal("Africa/Johannesburg", TimeZoneIds.Suggest(DateTimeZoneProviders.Tzdb.Ids, "Johannesberg")[0]);
        Assert.Equal(["Europe/London"], TimeZoneIds.Suggest(["Europe/London", "Africa/Nairobi"], "Europe/Londn"));
    }

    /// <summary>The textbook table, as the oracle.</summary>
    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
