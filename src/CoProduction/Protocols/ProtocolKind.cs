using System.Text.Json.Serialization;

namespace CoProduction.Protocols;

/// <summary>What kind of science/ethics protocol a protocol is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProtocolKind>))]
public enum ProtocolKind
{
    /// <summary>A site's main protocol (the first, or a second one as learning evolves).</summary>
    Main = 1,

    /// <summary>A sub-study with its own protocol, opened for a new set of respondents or a new data-collection approach; has a parent protocol.</summary>
    SubStudy = 2,

    /// <summary>A shared protocol across several sites of a programme.</summary>
    Umbrella = 3,
}
