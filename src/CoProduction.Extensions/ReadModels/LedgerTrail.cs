using System.Collections.Generic;

namespace CoProduction.ReadModels;

/// <summary>
/// A trail through the ledger from one record, forward or back: the records reached, the links between them, and the
/// references that name records the ledger does not hold.
/// </summary>
/// <remarks>
/// Links never dangle: each link's ends are in <see cref="Records"/> or <see cref="Unresolved"/>. An unresolved reference is
/// shown, not followed, and fails nothing (an impact may be recorded before the output it cites). Retracted records are
/// followed and shown with <see cref="LedgerRecord.IsRetracted"/> set.
/// </remarks>
/// <param name="Start">The record the trail starts from.</param>
/// <param name="Direction">Which way it was followed.</param>
/// <param name="Records">The records reached, the start first, then in the order they were reached (breadth first).</param>
/// <param name="Links">Every link followed, each once.</param>
/// <param name="Unresolved">The references that name no record the ledger holds, in the order they were met.</param>
/// <param name="IsComplete"><see langword="false"/> when the trail stopped at <see cref="ILedger.MaxTrailRecords"/> records before reaching its end.</param>
public sealed record LedgerTrail(
    LedgerReference Start,
    TrailDirection Direction,
    IReadOnlyList<LedgerRecord> Records,
    IReadOnlyList<LedgerLink> Links,
    IReadOnlyList<LedgerReference> Unresolved,
    bool IsComplete);
