namespace CoProduction.Scheduling;

/// <summary>How well a series kept its cadence up to an instant.</summary>
/// <param name="Series">The series.</param>
/// <param name="Due">Meetings whose planned start has come.</param>
/// <param name="Kept">Due meetings held within the tolerance of their planned start.</param>
/// <param name="HeldLate">Due meetings held, but moved further than the tolerance.</param>
/// <param name="Missed">Due meetings recorded as missed.</param>
/// <param name="Cancelled">Due meetings cancelled.</param>
/// <param name="Unrecorded">Due meetings with no outcome yet (scheduled, or moved to a time still to come).</param>
public sealed record CadenceAdherence(SeriesId Series, int Due, int Kept, int HeldLate, int Missed, int Cancelled, int Unrecorded)
{
    /// <summary>Gets the share of due meetings kept, from 0 to 1; 1 when nothing was due yet.</summary>
    public double Ratio => Due == 0 ? 1.0 : (double)Kept / Due;
}
