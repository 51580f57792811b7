namespace CoProduction.ReadModels;

/// <summary>The person-hours an engagement's effort entries give one site, every role together.</summary>
/// <param name="Site">The site whose people spent them.</param>
/// <param name="PersonHours">The sum of the engagement's entries for the site.</param>
public sealed record LedgerEffort(SiteId Site, decimal PersonHours);
