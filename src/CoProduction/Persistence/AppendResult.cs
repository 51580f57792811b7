namespace CoProduction.Persistence;

/// <summary>The outcome of an append.</summary>
/// <param name="Stream">The stream appended to.</param>
/// <param name="Version">The stream's version after the append: the expected version for the next one.</param>
/// <param name="LastPosition">The global position of the last event of the append.</param>
/// <param name="WasDuplicate">
/// <see langword="true"/> when the command id had already been appended to this stream: nothing was
/// written and <paramref name="Version"/> and <paramref name="LastPosition"/> are the first append's.
/// </param>
public sealed record AppendResult(StreamId Stream, long Version, long LastPosition, bool WasDuplicate);
