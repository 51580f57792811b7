using System.Globalization;

namespace CoProduction.Persistence;

/// <summary>
/// A new aggregate was saved under an id whose stream already exists: creating it again is refused.
/// Nothing was written; choose another id, or load the existing aggregate and act on it.
/// </summary>
public sealed class AggregateAlreadyExistsException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream that already exists.</param>
    /// <param name="existingVersion">How many events the existing stream holds.</param>
    public AggregateAlreadyExistsException(StreamId stream, long existingVersion)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Cannot create '{stream}': it already exists, with {existingVersion} event(s). Choose another id, or load the existing one and act on it."))
    {
        Stream = stream;
        ExistingVersion = existingVersion;
    }

    /// <summary>Gets the stream that already exists.</summary>
    public StreamId Stream { get; }

    /// <summary>Gets how many events the existing stream holds.</summary>
    public long ExistingVersion { get; }
}
