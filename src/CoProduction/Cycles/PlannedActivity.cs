using System;
using NodaTime;

namespace CoProduction.Cycles;

/// <summary>An activity in a cycle's plan, identified collectively by researchers and managers; checked when built.</summary>
public sealed record PlannedActivity
{
    /// <summary>Creates a planned activity.</summary>
    /// <param name="id">The activity's id, unique within the cycle.</param>
    /// <param name="title">How the team calls it, for example "journaling with facility managers"; a name (one line, not blank, not padded).</param>
    /// <param name="kind">Research, intervention, feedback or facilitation.</param>
    /// <param name="dataCollection">How it collects data, or <see langword="null"/> when it collects none (then the ethics gate is not asked).</param>
    /// <param name="plannedOn">When it is planned, in the site's calendar; the cycle refuses a date before it began.</param>
    /// <param name="lead">The member who leads it; the cycle refuses one its site's roster does not know.</param>
    /// <param name="prediction">What the team expects to happen, evaluated later; optional, not blank when given.</param>
    /// <exception cref="ArgumentException">A default id or lead, a blank or padded title, an undefined kind, or a blank prediction.</exception>
    public PlannedActivity(
        ActivityId id,
        string title,
        ActivityKind kind,
        DataCollection? dataCollection,
        LocalDate plannedOn,
        MemberId lead,
        string? prediction = null)
    {
        Id = id;
        Title = title;
        Kind = kind;
        DataCollection = dataCollection;
        PlannedOn = plannedOn;
        Lead = lead;
        Prediction = prediction;
    }

    /// <summary>Gets the activity's id, unique within the cycle.</summary>
    public ActivityId Id { get; init => field = Preconditions.CheckId(value, nameof(Id)); }

    /// <summary>Gets how the team calls it.</summary>
    public string Title { get; init => field = Preconditions.CheckName(value, nameof(Title)); }

    /// <summary>Gets research, intervention, feedback or facilitation.</summary>
    public ActivityKind Kind { get; init => field = Preconditions.CheckDefined(value, nameof(Kind)); }

    /// <summary>Gets how it collects data, or <see langword="null"/> when it collects none.</summary>
    public DataCollection? DataCollection { get; init; }

    /// <summary>Gets when it is planned, in the site's calendar.</summary>
    public LocalDate PlannedOn { get; init; }

    /// <summary>Gets the member who leads it.</summary>
    public MemberId Lead { get; init => field = Preconditions.CheckId(value, nameof(Lead)); }

    /// <summary>Gets what the team expects to happen; optional.</summary>
    public string? Prediction { get; init => field = Preconditions.CheckOptionalText(value, nameof(Prediction)); }
}
