using System;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CoProduction.Projections;

/// <summary>
/// One entry of a document's index: the index's name and a value that sorts as text (ordinal). A document
/// may have several entries in one index (a protocol is listed under each of its sites).
/// </summary>
/// <param name="Name">The index's name, for example <c>site-stage</c>.</param>
/// <param name="Value">The value queries compare, ordinal; build composite and typed values with the helpers.</param>
public readonly record struct DocumentIndexEntry(string Name, string Value)
{
    /// <summary>The separator of the parts of a composite value: sorts before every printable character.</summary>
    public const char Separator = '\u001F';

    /// <summary>A composite value whose parts sort in order: <c>site</c>, then <c>stage</c>, and so on.</summary>
    /// <param name="parts">The parts, none holding <see cref="Separator"/>.</param>
    /// <returns>The parts joined by <see cref="Separator"/>.</returns>
    /// <exception cref="ArgumentException">A part holds the separator.</exception>
    public static string Compose(params ReadOnlySpan<string> parts)
    {
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            if (part.Contains(Separator, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The index value part '{part}' holds the separator U+001F.", nameof(parts));
            }
        }

        return string.Join(Separator, parts);
    }

    /// <summary>A date as an index value: ISO, so that text order is date order.</summary>
    /// <param name="date">The date.</param>
    /// <returns>The value, for example <c>2016-05-04</c>.</returns>
    public static string Of(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>An instant as an index value: ISO in UTC with a fixed width, so that text order is time order.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The value, for example <c>2016-05-04T09:00:00.000000000Z</c>.</returns>
    public static string Of(Instant instant) => InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.fffffffff'Z'").Format(instant);

    /// <summary>A non-negative number as an index value: zero-padded, so that text order is number order.</summary>
    /// <param name="number">The number; at least 0.</param>
    /// <returns>The value, 19 digits.</returns>
    public static string Of(long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        return number.ToString("D19", CultureInfo.InvariantCulture);
    }
}
