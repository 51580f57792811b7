using System;

namespace CoProduction.Ledger;

/// <summary>What an engagement cost: one item, for one site, in the currency it was paid in. Checked when built.</summary>
public sealed record CostEntry
{
    /// <summary>Creates a cost entry.</summary>
    /// <param name="site">The site that bore it: one of the engagement's sites.</param>
    /// <param name="item">What was paid for (for example "transport for supervisory visits"); a name, not blank or padded.</param>
    /// <param name="amount">How much: more than zero.</param>
    /// <exception cref="ArgumentException">A default site, a blank or padded item, or a default or zero amount.</exception>
    public CostEntry(SiteId site, string item, Money amount)
    {
        Site = Preconditions.CheckId(site, nameof(site));
        Item = Preconditions.CheckName(item, nameof(item));
        if (amount.IsDefault)
        {
            throw new ArgumentException("A cost names its amount and currency; default(Money) was given.", nameof(amount));
        }

        Amount = amount.Amount == 0
            ? throw new ArgumentOutOfRangeException(nameof(amount), amount, "A cost is more than zero: record no cost entry for what cost nothing.")
            : amount;
    }

    /// <summary>Gets the site that bore it.</summary>
    public SiteId Site { get; }

    /// <summary>Gets what was paid for.</summary>
    public string Item { get; }

    /// <summary>Gets how much, in the currency it was paid in.</summary>
    public Money Amount { get; }
}
