namespace CoProduction.Persistence;

/// <summary>Why an archive was refused (<see cref="CorruptArchiveException.Reason"/>).</summary>
public enum CorruptArchiveReason
{
    /// <summary>The file is empty or its first line is not an archive manifest.</summary>
    NotAnArchive,

    /// <summary>The archive was written by a newer format version.</summary>
    NewerFormat,

    /// <summary>The file ends before its checksum line, or its last line is not terminated: it was cut short.</summary>
    Truncated,

    /// <summary>A line is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>The manifest line cannot be read, lists a stream twice, or its counts do not add up.</summary>
    InvalidManifest,

    /// <summary>A line is not an archived event: not JSON, a field missing, repeated, unknown or invalid (a blank wire name, a malformed id).</summary>
    InvalidLine,

    /// <summary>The events do not match the manifest: an unlisted stream, more or fewer events than declared, versions not contiguous from 1, positions not increasing.</summary>
    ManifestMismatch,

    /// <summary>A line's wire name is not registered with the archive's serializer, or its schema version is newer than the code's.</summary>
    UnknownEventType,

    /// <summary>A line's payload does not read as its event type.</summary>
    InvalidPayload,

    /// <summary>A stream's category is not one of a known aggregate, so its history cannot be checked.</summary>
    UnknownAggregate,

    /// <summary>A stream does not replay into a valid aggregate (its events do not fit the aggregate's machine).</summary>
    InvalidHistory,

    /// <summary>A command id is used again in a stream after another command: a store records a command once per stream, so the later events would be dropped.</summary>
    CommandIdReused,

    /// <summary>The SHA-256 checksum does not match the content: the file was damaged (the checksum cannot tell a deliberate edit that recomputed it).</summary>
    ChecksumMismatch,

    /// <summary>The import was given a key and the archive carries no seal.</summary>
    NotSealed,

    /// <summary>The import was given a key and the archive's seal is not that key's over this content: sealed by another key, or edited after sealing.</summary>
    SealMismatch,
}
