using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Serialization;

namespace CoProduction.Ledger;

/// <summary>An amount of money in one currency: what an engagement cost, as it was paid.</summary>
/// <remarks>
/// Amounts in different currencies are never added together or converted: totals are kept per
/// currency. The amount is kept as given (<c>1200.50</c> stays <c>1200.50</c>); at most four decimal places.
/// </remarks>
public readonly record struct Money
{
    /// <summary>The largest amount accepted: one trillion in any currency.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    /// <summary>Creates an amount of money.</summary>
    /// <param name="amount">The amount: zero or more, at most <see cref="MaxAmount"/>, at most four decimal places.</param>
    /// <param name="currency">The currency; not <c>default</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative, too large or too precise.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is <c>default</c>.</exception>
    [JsonConstructor]
    public Money(decimal amount, CurrencyCode currency)
    {
        Amount = Preconditions.CheckQuantity(amount, "Amounts of money", MaxAmount, 4, zeroAllowed: true, nameof(amount));
        Currency = currency.Value is null
            ? throw new ArgumentException("An amount of money names its currency; default(CurrencyCode) was given: use new CurrencyCode(\"KES\") or another ISO 4217 code.", nameof(currency))
            : currency;
    }

    private Money(decimal amount, CurrencyCode currency, bool sum)
    {
        _ = sum;
        Amount = amount;
        Currency = currency;
    }

    /// <summary>Gets the amount.</summary>
    public decimal Amount { get; }

    /// <summary>Gets the currency.</summary>
    public CurrencyCode Currency { get; }

    /// <summary>Gets a value indicating whether this is <c>default(Money)</c>, which names no currency.</summary>
    [JsonIgnore]
    public bool IsDefault => Currency.Value is null;

    /// <summary>Two amounts of one currency added together: a total, which may pass <see cref="MaxAmount"/>.</summary>
    internal static Money Sum(Money left, Money right)
        => left.Currency == right.Currency
            ? new Money(left.Amount + right.Amount, left.Currency, sum: true)
            : throw new ArgumentException($"Amounts in {left.Currency} and {right.Currency} are never added together.", nameof(right));

    /// <summary>Adds an amount to running totals kept one per currency, in the order the currencies first appear; never converts.</summary>
    /// <param name="totals">The totals so far; changed in place.</param>
    /// <param name="amount">The amount to add.</param>
    internal static void AddTo(List<Money> totals, Money amount)
    {
        var i = totals.FindIndex(m => m.Currency == amount.Currency);
        if (i < 0)
        {
            totals.Add(amount);
        }
        else
        {
            totals[i] = Sum(totals[i], amount);
        }
    }

    /// <summary>Returns the amount and the currency, for example <c>1200.50 KES</c>, in the invariant culture.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount} {Currency}");
}
