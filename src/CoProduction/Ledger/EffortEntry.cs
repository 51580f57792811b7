using CoProduction.Sites;

namespace CoProduction.Ledger;

/// <summary>Effort an engagement took: person-hours spent by people in one role, for one site. Checked when built.</summary>
public sealed record EffortEntry
{
    /// <summary>The most person-hours one entry holds: 100,000.</summary>
    public const decimal MaxPersonHours = 100_000m;

    /// <summary>Creates an effort entry.</summary>
    /// <param name="site">The site whose people spent it: one of the engagement's sites.</param>
    /// <param name="role">The role they spent it in (researcher, manager, …).</param>
    /// <param name="personHours">How many person-hours: more than zero, at most <see cref="MaxPersonHours"/>, at most two decimal places.</param>
    /// <exception cref="System.ArgumentException">A default site, an undefined role, or person-hours out of range.</exception>
    public EffortEntry(SiteId site, RoleKind role, decimal personHours)
    {
        Site = Preconditions.CheckId(site, nameof(site));
        Role = Preconditions.CheckDefined(role, nameof(role));
        PersonHours = Preconditions.CheckQuantity(personHours, "Person-hours", MaxPersonHours, 2, zeroAllowed: false, nameof(personHours));
    }

    /// <summary>Gets the site whose people spent it.</summary>
    public SiteId Site { get; }

    /// <summary>Gets the role they spent it in.</summary>
    public RoleKind Role { get; }

    /// <summary>Gets how many person-hours.</summary>
    public decimal PersonHours { get; }
}
