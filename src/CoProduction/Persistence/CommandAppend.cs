using System.Collections.Generic;

namespace CoProduction.Persistence;

/// <summary>One command's part of an atomic write of several commands: what <see cref="IEventStoreWriter.AppendStreamsAsync(IReadOnlyList{StreamAppend}, CommandId?, CommandFingerprint?, System.Threading.CancellationToken)"/> takes.</summary>
/// <param name="Appends">The command's streams' parts; at least one, each stream once.</param>
/// <param name="CommandId">The command's id, recorded with its events; <see langword="null"/> for none.</param>
/// <param name="Fingerprint">What the id is bound to (<see cref="CommandFingerprint.Of"/>); <see langword="null"/> binds nothing.</param>
public sealed record CommandAppend(IReadOnlyList<StreamAppend> Appends, CommandId? CommandId, CommandFingerprint? Fingerprint = null);
