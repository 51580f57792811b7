namespace CoProduction.ReadModels;

/// <summary>One link of a trail: <see cref="From"/> draws on <see cref="To"/> (an output on an insight, an impact on an output, an insight on the one it builds on).</summary>
/// <param name="From">The later record, which names the link.</param>
/// <param name="To">The record it draws on; held by the trail, or one of its unresolved references.</param>
public sealed record LedgerLink(LedgerReference From, LedgerReference To);
