using System.Text.Json.Serialization;
using CoProduction.Cycles;

namespace CoProduction.ReadModels;

/// <summary>The cycle register's documents as JSON (source-generated).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(CycleEntry))]
[JsonSerializable(typeof(StageVisit))]
[JsonSerializable(typeof(ExpectedStageLength))]
[JsonSerializable(typeof(CyclePause))]
internal sealed partial class CycleRegisterJson : JsonSerializerContext;
