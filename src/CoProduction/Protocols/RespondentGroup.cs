using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoProduction.Protocols;

/// <summary>
/// A group of people research engages as respondents, named by a stable lower-case code. The set
/// is open, but every value is named: use the well-known values or <see cref="Named"/>.
/// </summary>
[JsonConverter(typeof(RespondentGroupJsonConverter))]
public readonly record struct RespondentGroup
{
    private RespondentGroup(string code) => Code = code;

    /// <summary>Gets the group's code, for example <c>facility-managers</c>.</summary>
    public string Code { get; }

    /// <summary>Managers of a county or district health management team.</summary>
    public static RespondentGroup DistrictManagers { get; } = new("district-managers");

    /// <summary>Managers of a sub-district or sub-county team.</summary>
    public static RespondentGroup SubDistrictManagers { get; } = new("sub-district-managers");

    /// <summary>Managers of primary healthcare facilities and hospitals.</summary>
    public static RespondentGroup FacilityManagers { get; } = new("facility-managers");

    /// <summary>Front-line health workers.</summary>
    public static RespondentGroup HealthWorkers { get; } = new("health-workers");

    /// <summary>Community members and their representatives (for example health committees).</summary>
    public static RespondentGroup CommunityMembers { get; } = new("community-members");

    /// <summary>Officials at provincial, national or policy level.</summary>
    public static RespondentGroup PolicyMakers { get; } = new("policy-makers");

    /// <summary>A group not in the well-known list, named by a code.</summary>
    /// <param name="code">A lower-case code of letters, digits and hyphens, for example <c>pharmacists</c>.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is not a valid code.</exception>
    public static RespondentGroup Named(string code) => new(NamedCode.Require(code, "respondent group"));

    /// <summary>Returns the code.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Code ?? string.Empty;

    /// <summary>A group that is not the default, empty value: what every command and value taking a group asks.</summary>
    internal static RespondentGroup Require(RespondentGroup value, string paramName)
        => value.Code is null
            ? throw new ArgumentException("A respondent group is required; this one is the default, empty value: use RespondentGroup.FacilityManagers and the like.", paramName)
            : value;

    /// <summary>Reads and writes a respondent group as its code.</summary>
    internal sealed class RespondentGroupJsonConverter : JsonConverter<RespondentGroup>
    {
        /// <inheritdoc/>
        public override RespondentGroup Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => NamedCode.Read(ref reader, Named);

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, RespondentGroup value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.Code);
    }
}
