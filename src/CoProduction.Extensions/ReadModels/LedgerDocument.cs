using System.Text.Json.Serialization;
using CoProduction.Ledger;
using CoProduction.Programmes;

namespace CoProduction.ReadModels;

/// <summary>A document of the ledger: one record (keyed by its stream id), or a programme's sites (keyed <c>programme:{id}</c>).</summary>
/// <param name="Record">The record; <see langword="null"/> for a programme's document.</param>
/// <param name="Programme">The programme; <see langword="null"/> for a record's document.</param>
internal sealed record LedgerDocument(LedgerRecord? Record, LedgerProgramme? Programme);

/// <summary>A programme as far as the ledger needs it: its sites, in its order, for the programme's trail and totals.</summary>
internal sealed record LedgerProgramme(ProgrammeId Id, ValueList<SiteId> Sites);

/// <summary>The ledger's documents as JSON (source-generated).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(LedgerDocument))]
[JsonSerializable(typeof(LedgerReference))]
[JsonSerializable(typeof(LedgerEffort))]
[JsonSerializable(typeof(LedgerCost))]
[JsonSerializable(typeof(SiteId))]
[JsonSerializable(typeof(Money))]
internal sealed partial class LedgerJson : JsonSerializerContext;
