namespace CoProduction.Projections;

/// <summary>Where a projection's model stands: the version that built it and the last position folded into it.</summary>
/// <param name="Version">The projection version the model was built by; 0 when it was never built.</param>
/// <param name="Position">The global position of the last event applied or parked; 0 before the first.</param>
public readonly record struct ProjectionCheckpoint(int Version, long Position);
