using System;

namespace CoProduction.Persistence;

/// <summary>
/// An archive cannot be imported: it is truncated, damaged (its checksum does not match), not an
/// archive, or of a newer format. Nothing was written to the target store.
/// </summary>
public sealed class CorruptArchiveException : CoProductionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong with the archive, as a sentence.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CorruptArchiveException(string problem, Exception? innerException = null)
        : base($"The archive cannot be imported: {problem} Nothing was written; export it again from the source store.", innerException)
        => Problem = problem;

    /// <summary>Gets what is wrong with the archive.</summary>
    public string Problem { get; }
}
