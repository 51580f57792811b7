using System.Collections.Generic;

namespace CoProduction.Persistence;

/// <summary>One command's part of an atomic write of several commands: what <see cref="IEventStoreWriter.AppendStreamsAsync(IReadOnlyList{StreamAppend}, CommandId?, CommandFingerprint?, System.Threading.CancellationToken)"/> takes.</summary>
/// <param name="Appends">The command's streams' parts; at least one, each stream once.</param>
/// <param name="CommandId">The command's id, recorded with its events; <see langword="null"/> for none.</param>
/// <param name="Fingerprint">What the id is bound to (<see cref="CommandFingerprint.Of"/>); <see langword="null"/> binds nothing.</param>
public sealed record CommandAppend(IReadOnlyList<StreamAppend> Appends, CommandId? CommandId, CommandFingerprint? Fingerprint = null)
{
    /// <summary>
    /// Gets a value indicating whether a command id already recorded in one of the command's streams is refused rather
    /// than taken as a retry: the parts' expected versions are then checked first, as for a new command, so a command
    /// that is already in the store is a <see cref="ConcurrencyException"/> and the whole write is refused.
    /// </summary>
    /// <remarks>
    /// An archive import sets it: restoring a history into a store that already holds it (the archive's own source, or
    /// a target it was imported into before) is a conflict, never a silent retry that writes part of the archive.
    /// </remarks>
    public bool RefuseRetry { get; init; }
}
