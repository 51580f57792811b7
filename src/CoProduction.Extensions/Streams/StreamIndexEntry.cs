using NodaTime;

namespace CoProduction.Streams;

/// <summary>One stream of the store as the stream index knows it.</summary>
/// <param name="Stream">The stream, <c>{category}-{id}</c>.</param>
/// <param name="Category">The stream's category, for example <c>cycle</c> or <c>meeting-series</c>.</param>
/// <param name="AggregateType">The aggregate type the category belongs to, for example <c>Cycle</c>; <see langword="null"/> for a category no registered aggregate has.</param>
/// <param name="Version">The number of events in the stream.</param>
/// <param name="FirstPosition">The global position of the stream's first event.</param>
/// <param name="LastPosition">The global position of the stream's last event.</param>
/// <param name="StartedAt">When the stream's first event was recorded.</param>
/// <param name="LastRecordedAt">When the stream's last event was recorded.</param>
public sealed record StreamIndexEntry(
    StreamId Stream,
    string Category,
    string? AggregateType,
    long Version,
    long FirstPosition,
    long LastPosition,
    Instant StartedAt,
    Instant LastRecordedAt);
