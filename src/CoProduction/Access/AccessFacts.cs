using System;
using System.Collections.Generic;
using CoProduction.Sites;
using NodaTime;

namespace CoProduction.Access;

/// <summary>What an access policy decides from besides the request: the site roster, the committee roster, the programme roles, the app's administrators and endorsement delegates.</summary>
public sealed class AccessFacts
{
    /// <summary>Creates the facts.</summary>
    /// <param name="sites">Who holds which role at each site on each day.</param>
    /// <param name="zones">The time-zone provider (tzdb): a site's roles are read on the site's date.</param>
    /// <param name="committees">The committees' reviewers; <see cref="CommitteeRoster.Empty"/> when none.</param>
    /// <param name="programmes">The programme roles; <see cref="ProgrammeRoster.Empty"/> when none.</param>
    /// <param name="administrators">The actors the app names as administrators (they register sites and programmes and administer sites); never <see cref="Actor.System"/>.</param>
    /// <param name="delegates">The endorsement delegates the app allows; none unless given.</param>
    /// <exception cref="ArgumentException">An administrator or delegate is <see cref="Actor.System"/> or a default actor.</exception>
    public AccessFacts(
        ITeamRoster sites,
        IDateTimeZoneProvider zones,
        CommitteeRoster committees,
        ProgrammeRoster programmes,
        IEnumerable<Actor> administrators,
        IEnumerable<EndorsementDelegate> delegates)
    {
        Sites = sites ?? throw new ArgumentNullException(nameof(sites));
        Zones = zones ?? throw new ArgumentNullException(nameof(zones));
        Committees = committees ?? throw new ArgumentNullException(nameof(committees));
        Programmes = programmes ?? throw new ArgumentNullException(nameof(programmes));
        ArgumentNullException.ThrowIfNull(administrators);
        ArgumentNullException.ThrowIfNull(delegates);
        var admins = new List<Actor>();
        foreach (var admin in administrators)
        {
            admins.Add(admin.RequireSomeone("An administrator", nameof(administrators)));
        }

        var list = new List<EndorsementDelegate>();
        foreach (var d in delegates)
        {
            ArgumentNullException.ThrowIfNull(d, nameof(delegates));
            _ = d.Delegate.RequireSomeone("An endorsement delegate", nameof(delegates));
            list.Add(d);
        }

        Administrators = admins.ToValueList();
        Delegates = list.ToValueList();
    }

    /// <summary>Gets who holds which role at each site on each day.</summary>
    public ITeamRoster Sites { get; }

    /// <summary>Gets the time-zone provider.</summary>
    public IDateTimeZoneProvider Zones { get; }

    /// <summary>Gets the committees' reviewers.</summary>
    public CommitteeRoster Committees { get; }

    /// <summary>Gets the programme roles.</summary>
    public ProgrammeRoster Programmes { get; }

    /// <summary>Gets the app's administrators.</summary>
    public ValueList<Actor> Administrators { get; }

    /// <summary>Gets the endorsement delegates the app allows.</summary>
    public ValueList<EndorsementDelegate> Delegates { get; }

    /// <summary>The date an instant falls on at a site: in the site's zone, or UTC when the roster does not know the site's zone.</summary>
    /// <param name="site">The site.</param>
    /// <param name="at">The instant.</param>
    /// <returns>The site's date.</returns>
    public LocalDate DateAt(SiteId site, Instant at)
        => Sites.TimeZoneIdOf(site) is { } id && Zones.GetZoneOrNull(id) is { } zone ? at.InZone(zone).Date : at.InUtc().Date;
}
