using NodaTime;

namespace CoProduction.Persistence;

/// <summary>What an archive holds: the first line of the file, and its checksum from the last line.</summary>
/// <param name="FormatVersion">The archive format version (this code writes and reads <see cref="EventArchive.FormatVersion"/>).</param>
/// <param name="CreatedAt">When the archive was written, from the archive's clock.</param>
/// <param name="EventCount">How many events it holds.</param>
/// <param name="Streams">Each archived stream with its event count, in order of first appearance.</param>
/// <param name="Sha256">The lower-case hexadecimal SHA-256 of every byte before the checksum line: it detects damage, not deliberate edits.</param>
/// <param name="SealKeyId">The <see cref="ArchiveKey.Id"/> of the key whose HMAC-SHA256 seals the archive; <see langword="null"/> when it is not sealed.</param>
public sealed record ArchiveManifest(
    int FormatVersion,
    Instant CreatedAt,
    long EventCount,
    ValueList<ArchivedStream> Streams,
    string Sha256,
    string? SealKeyId = null);

/// <summary>One stream in an archive.</summary>
/// <param name="Stream">The stream.</param>
/// <param name="Events">How many events of it the archive holds (its whole history, from version 1).</param>
public sealed record ArchivedStream(StreamId Stream, long Events);
