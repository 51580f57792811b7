using System.Text.Json.Serialization;
using CoProduction.Sites;

namespace CoProduction.ReadModels;

/// <summary>The site board's documents as JSON (source-generated).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(SiteBoardEntry))]
[JsonSerializable(typeof(SiteBoardMember))]
[JsonSerializable(typeof(Tenure))]
internal sealed partial class SiteBoardJson : JsonSerializerContext;
