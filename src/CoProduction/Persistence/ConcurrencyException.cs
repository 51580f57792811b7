using System.Globalization;

namespace CoProduction.Persistence;

/// <summary>
/// A writer appended with a stale expected version: someone else wrote to the stream since it was
/// read. Nothing was written; reload the aggregate and decide again.
/// </summary>
public sealed class ConcurrencyException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="expectedVersion">The version the writer expected.</param>
    /// <param name="actualVersion">The stream's actual version.</param>
    public ConcurrencyException(StreamId stream, long expectedVersion, long actualVersion)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Cannot append to stream '{stream}': expected version {expectedVersion} but the stream is at {actualVersion}. Another writer got there first; reload and decide again."))
    {
        Stream = stream;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the stream.</summary>
    public StreamId Stream { get; }

    /// <summary>Gets the version the writer expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the stream's actual version.</summary>
    public long ActualVersion { get; }
}
