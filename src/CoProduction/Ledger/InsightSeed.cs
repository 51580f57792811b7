namespace CoProduction.Ledger;

/// <summary>One thing an insight seeded.</summary>
/// <param name="Kind">What kind of work.</param>
/// <param name="Target">Which one, as the team names it.</param>
public readonly record struct InsightSeed(SeedKind Kind, string Target);
