using System;
using NodaTime;

namespace CoProduction.Sites;

/// <summary>What registering a learning site records: checked when built, so an invalid one cannot exist.</summary>
/// <remarks>
/// Take the zone from the app's provider: <c>zones["Africa/Nairobi"]</c>, or
/// <see cref="TimeZoneIds.Find"/> for an id typed by a person (it suggests the closest ids).
/// </remarks>
public sealed record SiteRegistration
{
    /// <summary>The earliest year a collaboration may have begun.</summary>
    public const int EarliestYear = 1900;

    /// <summary>Creates the details of a site to register; set <see cref="Level"/> and <see cref="EngagedSinceYear"/> too.</summary>
    /// <param name="id">The site's id.</param>
    /// <param name="name">The site's name, for example <c>Kilifi County</c>; one line, not padded.</param>
    /// <param name="country">The country.</param>
    /// <param name="zone">The site's time zone, from the app's <see cref="IDateTimeZoneProvider"/>; the site's calendar dates are kept in it.</param>
    /// <exception cref="ArgumentException">A default id or country, or a blank or padded name.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is null.</exception>
    public SiteRegistration(SiteId id, string name, CountryCode country, DateTimeZone zone)
    {
        Id = Preconditions.CheckId(id, nameof(id));
        Name = Preconditions.CheckName(name, nameof(name));
        Country = country.Value is null
            ? throw new ArgumentException("A learning site needs a country; default(CountryCode) was given.", nameof(country))
            : country;
        Zone = zone ?? throw new ArgumentNullException(nameof(zone));
    }

    /// <summary>Gets the site's id.</summary>
    public SiteId Id { get; }

    /// <summary>Gets the site's name.</summary>
    public string Name { get; }

    /// <summary>Gets the country.</summary>
    public CountryCode Country { get; }

    /// <summary>Gets the site's time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the level of the health system the site covers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined level.</exception>
    public required SiteLevel Level
    {
        get;
        init => field = Preconditions.CheckDefined(value, nameof(Level));
    }

    /// <summary>Gets the year the collaboration began (<see cref="EarliestYear"/>–9999; it may predate the programme).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a year out of range.</exception>
    public required int EngagedSinceYear
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, EarliestYear, nameof(EngagedSinceYear));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 9999, nameof(EngagedSinceYear));
            field = value;
        }
    }

    /// <summary>Gets the research institutions supporting the site: names, distinct; empty unless set.</summary>
    /// <exception cref="ArgumentException">Set to a list with a blank, padded or repeated name.</exception>
    public ValueList<string> PartnerInstitutions
    {
        get;
        init => field = Preconditions.CheckNames(value, nameof(PartnerInstitutions));
    }
}
