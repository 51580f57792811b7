using System;
using System.Globalization;

namespace CoProduction.Persistence;

/// <summary>
/// An archive was not imported because the target already holds one of its streams (found inside the writing
/// transaction, so a stream another writer created during the import counts too). Nothing was written: an archive
/// restores whole histories into streams the target does not hold.
/// </summary>
public sealed class ArchiveImportConflictException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="stream">The stream the target already holds.</param>
    /// <param name="existingVersion">How many events the target holds in it.</param>
    /// <param name="innerException">The store's concurrency error.</param>
    public ArchiveImportConflictException(StreamId stream, long existingVersion, Exception? innerException = null)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"Cannot import the archive: the target already holds stream '{stream}', with {existingVersion} event(s). Nothing was written. An archive restores whole histories into streams the target does not hold: import into another store, or export the archive without that stream."),
            innerException)
    {
        Stream = stream;
        ExistingVersion = existingVersion;
    }

    /// <summary>Gets the stream the target already holds.</summary>
    public StreamId Stream { get; }

    /// <summary>Gets how many events the target holds in it.</summary>
    public long ExistingVersion { get; }
}
