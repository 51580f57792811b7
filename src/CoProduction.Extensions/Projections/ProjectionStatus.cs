namespace CoProduction.Projections;

/// <summary>Where one projection stands against the feed.</summary>
/// <param name="Name">The projection's name.</param>
/// <param name="Version">The projection's version.</param>
/// <param name="Position">The last position folded into its model (applied or parked).</param>
/// <param name="LastPosition">The feed's last committed position when the status was read.</param>
/// <param name="Parked">How many of its events are parked.</param>
public sealed record ProjectionStatus(string Name, int Version, long Position, long LastPosition, long Parked)
{
    /// <summary>Gets how many events the model is behind the feed.</summary>
    public long Lag => System.Math.Max(0, LastPosition - Position);
}
