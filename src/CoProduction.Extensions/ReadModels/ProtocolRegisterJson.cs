using System.Text.Json.Serialization;

namespace CoProduction.ReadModels;

/// <summary>The protocol register's documents as JSON, source-generated.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProtocolEntry))]
internal sealed partial class ProtocolRegisterJson : JsonSerializerContext;
