namespace CoProduction.Persistence;

/// <summary>How far an archive's verification or import has come, reported to an <see cref="System.IProgress{T}"/>.</summary>
/// <param name="Stage">What the archiver is doing.</param>
/// <param name="LinesRead">How many lines of the file have been read and checked.</param>
/// <param name="EventsVerified">How many events have been checked (wire name, payload, order, command id).</param>
/// <param name="EventsWritten">How many events have been written to the target (all of them at once, when the write commits).</param>
/// <param name="EventCount">How many events the manifest declares; 0 until the manifest is read.</param>
public sealed record ArchiveImportProgress(ArchiveImportStage Stage, long LinesRead, long EventsVerified, long EventsWritten, long EventCount);

/// <summary>What an archive's verification or import is doing.</summary>
public enum ArchiveImportStage
{
    /// <summary>Reading and checking the archive; nothing is written yet.</summary>
    Verifying,

    /// <summary>Every line checked; writing everything in one transaction.</summary>
    Writing,

    /// <summary>Finished: verified (and, for an import, written).</summary>
    Completed,
}
