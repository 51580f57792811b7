using CoProduction.Ledger;

namespace CoProduction.ReadModels;

/// <summary>What an engagement cost one site in one currency: the sum of its cost entries for the site in that currency, never converted.</summary>
/// <param name="Site">The site that bore it.</param>
/// <param name="Amount">The total in one currency (a total may pass <see cref="Money.MaxAmount"/>).</param>
public sealed record LedgerCost(SiteId Site, Money Amount);
