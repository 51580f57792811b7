using System.Text.Json.Serialization;

namespace CoProduction.ReadModels;

/// <summary>The agenda's documents as JSON.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(AgendaSeries))]
internal sealed partial class AgendaJson : JsonSerializerContext;
