using NodaTime;

namespace CoProduction.Cycles;

/// <summary>An activity in a cycle's plan, identified collectively by researchers and managers.</summary>
/// <param name="Id">The activity's id, unique within the cycle.</param>
/// <param name="Title">How the team calls it, for example "journaling with facility managers".</param>
/// <param name="Kind">Research, intervention, feedback or facilitation.</param>
/// <param name="DataCollection">How it collects data, or <see langword="null"/> when it collects none (then the ethics gate is not asked).</param>
/// <param name="PlannedOn">When it is planned, in the site's calendar; not before the cycle began.</param>
/// <param name="Lead">The member who leads it; known to the site's roster.</param>
/// <param name="Prediction">What the team expects to happen, evaluated later; optional.</param>
public sealed record PlannedActivity(
    ActivityId Id,
    string Title,
    ActivityKind Kind,
    DataCollection? DataCollection,
    LocalDate PlannedOn,
    MemberId Lead,
    string? Prediction = null);
