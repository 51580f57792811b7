using CoProduction.Ledger;

namespace CoProduction.ReadModels;

/// <summary>The effort and cost of one site's engagements of one kind in one calendar year, retracted engagements left out.</summary>
/// <param name="Site">The site.</param>
/// <param name="Year">The year the engagements happened in.</param>
/// <param name="Kind">The engagements' kind (Table 2).</param>
/// <param name="Engagements">How many engagements of the kind involved the site that year.</param>
/// <param name="PersonHours">The person-hours their effort entries give the site.</param>
/// <param name="Costs">What they cost the site, one total per currency (never converted), currencies in ordinal order of their codes.</param>
public sealed record EngagementTotals(SiteId Site, int Year, WiderEngagementKind Kind, int Engagements, decimal PersonHours, ValueList<Money> Costs);
