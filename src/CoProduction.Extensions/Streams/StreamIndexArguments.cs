using System;

namespace CoProduction.Streams;

/// <summary>Argument checks every stream index makes.</summary>
internal static class StreamIndexArguments
{
    public static void CheckCategory(string category) => ArgumentException.ThrowIfNullOrWhiteSpace(category);

    public static void CheckList(string category, int limit)
    {
        CheckCategory(category);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
    }

    public static void CheckStream(StreamId stream)
    {
        if (stream.Value is null)
        {
            throw new ArgumentException("The stream id is default; give a stream.", nameof(stream));
        }
    }
}
