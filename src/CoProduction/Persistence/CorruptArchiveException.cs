using System;
using System.Globalization;

namespace CoProduction.Persistence;

/// <summary>
/// An archive cannot be imported: it is truncated, damaged, not an archive, of a newer format, holds a line that
/// is not a readable event or a history that does not replay, or (with a key) is not sealed by the key. Nothing was
/// written to the target store: import verifies the whole archive before it writes.
/// </summary>
/// <remarks>
/// Without an <see cref="ArchiveKey"/>, the archive's SHA-256 checksum detects damage, not deliberate edits: anyone
/// who edits the file can recompute it. Seal archives with a key to refuse edited ones.
/// </remarks>
public sealed class CorruptArchiveException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why the archive was refused.</param>
    /// <param name="line">The 1-based line of the file where the problem was found.</param>
    /// <param name="problem">What is wrong with the archive, as a sentence.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CorruptArchiveException(CorruptArchiveReason reason, long line, string problem, Exception? innerException = null)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"The archive cannot be imported: line {line}: {problem} Nothing was written; export it again from the source store."),
            innerException)
    {
        Reason = reason;
        Line = line;
        Problem = problem;
    }

    /// <summary>Gets why the archive was refused.</summary>
    public CorruptArchiveReason Reason { get; }

    /// <summary>Gets the 1-based line of the file where the problem was found (the checksum line for problems of the whole file).</summary>
    public long Line { get; }

    /// <summary>Gets what is wrong with the archive.</summary>
    public string Problem { get; }
}
