using System.Text.Json.Serialization;

namespace CoProduction.Protocols;

/// <summary>What a <see cref="ScopeItem"/> names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScopeItemKind>))]
public enum ScopeItemKind
{
    /// <summary>A data-collection method.</summary>
    Method = 1,

    /// <summary>A respondent group.</summary>
    RespondentGroup = 2,

    /// <summary>A learning site.</summary>
    Site = 3,

    /// <summary>The approval period itself (touched by an amendment that extends it).</summary>
    ApprovalPeriod = 4,
}
