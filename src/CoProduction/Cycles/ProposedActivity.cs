namespace CoProduction.Cycles;

/// <summary>
/// An activity proposed for a later cycle: carried forward by a revision (adopted or adapted) or
/// newly proposed. The next cycle plans it with a date and a lead.
/// </summary>
/// <param name="Id">The proposal's id; the next cycle plans it under the same id.</param>
/// <param name="Title">The activity's title.</param>
/// <param name="Kind">Research, intervention, feedback or facilitation.</param>
/// <param name="DataCollection">How it would collect data, or <see langword="null"/>.</param>
/// <param name="Prediction">What the team expects; optional.</param>
/// <param name="Rationale">Why it is proposed (for an adapted activity: how it changes); optional.</param>
public sealed record ProposedActivity(
    ActivityId Id,
    string Title,
    ActivityKind Kind,
    DataCollection? DataCollection,
    string? Prediction = null,
    string? Rationale = null);
