using System;

namespace CoProduction.Cycles;

/// <summary>
/// An activity proposed for a later cycle: carried forward by a revision (adopted or adapted) or
/// newly proposed. The next cycle plans it with a date and a lead. Checked when built.
/// </summary>
public sealed record ProposedActivity
{
    /// <summary>Creates a proposal.</summary>
    /// <param name="id">The proposal's id; the next cycle plans it under the same id.</param>
    /// <param name="title">The activity's title; a name (one line, not blank, not padded).</param>
    /// <param name="kind">Research, intervention, feedback or facilitation.</param>
    /// <param name="dataCollection">How it would collect data, or <see langword="null"/>.</param>
    /// <param name="prediction">What the team expects; optional, not blank when given.</param>
    /// <param name="rationale">Why it is proposed (for an adapted activity: how it changes); optional, not blank when given.</param>
    /// <exception cref="ArgumentException">A default id, a blank or padded title, an undefined kind, or blank optional text.</exception>
    public ProposedActivity(
        ActivityId id,
        string title,
        ActivityKind kind,
        DataCollection? dataCollection,
        string? prediction = null,
        string? rationale = null)
    {
        Id = id;
        Title = title;
        Kind = kind;
        DataCollection = dataCollection;
        Prediction = prediction;
        Rationale = rationale;
    }

    /// <summary>Gets the proposal's id.</summary>
    public ActivityId Id { get; init => field = Preconditions.CheckId(value, nameof(Id)); }

    /// <summary>Gets the activity's title.</summary>
    public string Title { get; init => field = Preconditions.CheckName(value, nameof(Title)); }

    /// <summary>Gets research, intervention, feedback or facilitation.</summary>
    public ActivityKind Kind { get; init => field = Preconditions.CheckDefined(value, nameof(Kind)); }

    /// <summary>Gets how it would collect data, or <see langword="null"/>.</summary>
    public DataCollection? DataCollection { get; init; }

    /// <summary>Gets what the team expects; optional.</summary>
    public string? Prediction { get; init => field = Preconditions.CheckOptionalText(value, nameof(Prediction)); }

    /// <summary>Gets why it is proposed; optional.</summary>
    public string? Rationale { get; init => field = Preconditions.CheckOptionalText(value, nameof(Rationale)); }
}
