using System.Collections.Generic;

namespace CoProduction.Persistence;

/// <summary>One stream's part of an atomic write to several streams.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="ExpectedVersion">The number of events the writer saw in the stream (0 for a new stream).</param>
/// <param name="Events">The events, oldest first; at least one.</param>
public sealed record StreamAppend(StreamId Stream, long ExpectedVersion, IReadOnlyList<EventData> Events);
