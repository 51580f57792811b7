using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace CoProduction.ReadModels;

/// <summary>
/// The JSON options every library read model's documents are written with: NodaTime values as ISO text, enums by
/// name, camelCase. Each read model has its own source-generated context, marked
/// <c>[JsonSourceGenerationOptions(UseStringEnumConverter = true)]</c> and created over a fresh copy of these options
/// (<c>new ThatContext(ReadModelJson.Options()).TheDocument</c>), so trimming and AOT keep working.
/// </summary>
internal static class ReadModelJson
{
    /// <summary>A new copy of the options (a context binds its own copy).</summary>
    public static JsonSerializerOptions Options()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        };
        return options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    }
}
