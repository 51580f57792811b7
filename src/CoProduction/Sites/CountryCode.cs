using System;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction.Sites;

/// <summary>
/// A country, named by its ISO 3166-1 alpha-2 code (for example <c>KE</c> for Kenya, <c>ZA</c> for South Africa).
/// </summary>
/// <remarks>
/// Only the 249 officially assigned codes are accepted (the list the tz database ships as
/// <c>iso3166.tab</c>); user-assigned and reserved codes such as <c>XX</c> or <c>UK</c> are refused.
/// The code is case-sensitive upper case: <c>ke</c> is refused rather than guessed.
/// </remarks>
[JsonConverter(typeof(CountryCodeJsonConverter))]
public readonly record struct CountryCode
{
    private const string Assigned = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

    private static readonly FrozenSet<string> AssignedCodes = Assigned.Split(' ').ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Creates the country code.</summary>
    /// <param name="value">Two upper-case ASCII letters assigned by ISO 3166-1, for example <c>KE</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an assigned ISO 3166-1 alpha-2 code.</exception>
    public CountryCode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!AssignedCodes.Contains(value))
        {
            var hint = value.Length == 2 && AssignedCodes.Contains(value.ToUpperInvariant())
                ? $" Did you mean '{value.ToUpperInvariant()}'?"
                : string.Empty;
            throw new ArgumentException(
                $"'{value}' is not an assigned ISO 3166-1 alpha-2 country code (two upper-case letters such as KE or ZA).{hint}",
                nameof(value));
        }

        Value = value;
    }

    /// <summary>Gets the two-letter code.</summary>
    public string Value { get; }

    /// <summary>Kenya.</summary>
    public static CountryCode Kenya { get; } = new("KE");

    /// <summary>South Africa.</summary>
    public static CountryCode SouthAfrica { get; } = new("ZA");

    /// <summary>Whether <paramref name="value"/> is an assigned ISO 3166-1 alpha-2 code.</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when <c>new CountryCode(value)</c> would succeed.</returns>
    public static bool IsAssigned(string? value) => value is not null && AssignedCodes.Contains(value);

    /// <summary>Returns the two-letter code.</summary>
    /// <returns>The code, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Reads and writes a country code as its two-letter text.</summary>
    internal sealed class CountryCodeJsonConverter : JsonConverter<CountryCode>
    {
        /// <inheritdoc/>
        public override CountryCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => NamedCode.Read(ref reader, s => new CountryCode(s));

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, CountryCode value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.Value);
    }
}
