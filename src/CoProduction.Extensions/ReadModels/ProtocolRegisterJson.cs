using System.Text.Json.Serialization;
using CoProduction.Protocols;

namespace CoProduction.ReadModels;

/// <summary>The protocol register's documents as JSON, source-generated.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProtocolEntry))]
// The items of the entry's ValueLists, which its converter reads through the context.
[JsonSerializable(typeof(StatusChange))]
[JsonSerializable(typeof(ProtocolVersionEntry))]
[JsonSerializable(typeof(ApprovalPeriod))]
[JsonSerializable(typeof(PendingAmendment))]
[JsonSerializable(typeof(ScopeItem))]
[JsonSerializable(typeof(SiteId))]
[JsonSerializable(typeof(DataCollectionMethod))]
[JsonSerializable(typeof(RespondentGroup))]
internal sealed partial class ProtocolRegisterJson : JsonSerializerContext;
