namespace CoProduction.ReadModels;

/// <summary>An audit entry with the role its actor held then, read from the rosters when the trail is queried.</summary>
/// <param name="Entry">The recorded event.</param>
/// <param name="Role">
/// The actor's roles on the event's day, as a phrase: for example <c>researcher at 'kilifi'</c>,
/// <c>reviewer of committee 'kemri-seru'; principal investigator of 'KWTRP-2'</c>,
/// <c>the system (the library's own sweeps)</c>, or <c>no role on record</c>.
/// </param>
public sealed record AuditRecord(AuditEntry Entry, string Role);
