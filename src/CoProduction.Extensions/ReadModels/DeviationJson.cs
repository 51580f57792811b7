using System.Text.Json.Serialization;

namespace CoProduction.ReadModels;

/// <summary>The deviation register's documents as JSON.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(DeviationEntry))]
[JsonSerializable(typeof(DilemmaEntry))]
internal sealed partial class DeviationJson : JsonSerializerContext;
