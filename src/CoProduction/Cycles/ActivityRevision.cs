namespace CoProduction.Cycles;

/// <summary>A revision's decision about one activity of the cycle.</summary>
/// <param name="Activity">The planned activity; each is decided once.</param>
/// <param name="Decision">Adopt, adapt or abandon.</param>
/// <param name="Rationale">Why (for an adaptation: what changes).</param>
public sealed record ActivityRevision(ActivityId Activity, RevisionDecision Decision, string Rationale);
