using System;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction.Ledger;

/// <summary>
/// A currency, named by its ISO 4217 alphabetic code (for example <c>KES</c> for the Kenyan shilling,
/// <c>ZAR</c> for the South African rand).
/// </summary>
/// <remarks>
/// The codes accepted are the currencies of ISO 4217 (fund codes, precious metals and the testing codes
/// aside) together with those withdrawn since 2012, so that costs of a long programme stay recordable
/// in the currency they were paid in. The code is case-sensitive upper case: <c>kes</c> is refused
/// rather than guessed.
/// </remarks>
[JsonConverter(typeof(CurrencyCodeJsonConverter))]
public readonly record struct CurrencyCode
{
    private const string Current = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL";

    private const string WithdrawnSince2012 = "BYR HRK LTL LVL MRO STD VEF ZMK";

    private static readonly FrozenSet<string> Codes = (Current + " " + WithdrawnSince2012).Split(' ').ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Creates the currency code.</summary>
    /// <param name="value">Three upper-case ASCII letters of ISO 4217, for example <c>KES</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an ISO 4217 currency code the library accepts.</exception>
    public CurrencyCode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Codes.Contains(value))
        {
            var hint = value.Length == 3 && Codes.Contains(value.ToUpperInvariant())
                ? $" Did you mean '{value.ToUpperInvariant()}'?"
                : string.Empty;
            throw new ArgumentException(
                $"'{InputLimitException.Show(value)}' is not an ISO 4217 currency code (three upper-case letters such as KES, ZAR or GBP).{hint}",
                nameof(value));
        }

        Value = value;
    }

    /// <summary>Gets the three-letter code.</summary>
    public string Value { get; }

    /// <summary>The Kenyan shilling.</summary>
    public static CurrencyCode KenyanShilling { get; } = new("KES");

    /// <summary>The South African rand.</summary>
    public static CurrencyCode SouthAfricanRand { get; } = new("ZAR");

    /// <summary>The pound sterling.</summary>
    public static CurrencyCode PoundSterling { get; } = new("GBP");

    /// <summary>Whether <paramref name="value"/> is a currency code the library accepts.</summary>
    /// <param name="value">The text to check.</param>
    /// <returns><see langword="true"/> when <c>new CurrencyCode(value)</c> would succeed.</returns>
    public static bool IsKnown(string? value) => value is not null && Codes.Contains(value);

    /// <summary>Returns the three-letter code.</summary>
    /// <returns>The code, or an empty string for <c>default</c>.</returns>
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Reads and writes a currency code as its three-letter text.</summary>
    internal sealed class CurrencyCodeJsonConverter : JsonConverter<CurrencyCode>
    {
        /// <inheritdoc/>
        public override CurrencyCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => NamedCode.Read(ref reader, s => new CurrencyCode(s));

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, CurrencyCode value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.Value);
    }
}
